"""Fetching a picture from another site into the library, for an editor who pasted its
address into an article: downloaded with limits, then stored by `library.add`, which
checks it with Pillow exactly as an upload.

Only `http` and `https` addresses of public hosts are fetched: every connection, the
first and each redirect's, resolves the host itself and refuses loopback, private,
link-local and other non-public addresses (no requests to the server's own network), and
the connection is made to the address that was checked. No proxy from the environment is
used. The download stops at `MEDIA_MAX_UPLOAD_BYTES` and after `MEDIA_FETCH_TIMEOUT`
seconds.
"""

import http.client
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from . import library

CHUNK = 64 * 1024
USER_AGENT = "chanye-media-fetch/1 (+image library)"


class FetchRefused(library.UploadRefused):
    """A picture that was not fetched or not stored: names the address and the reason."""

    def __init__(self, url: str, reason: str):
        self.file_name, self.reason = url, reason
        ValueError.__init__(self, f"“{url}”未取回：{reason}")


def public_address(ip: str) -> bool:
    """Whether `ip` is a public internet address (not loopback, private, link-local…)."""
    address = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def _connect_public(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **kw):
    """`socket.create_connection`, to a checked public address of the host only."""
    host, port = address
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise urllib.error.URLError(f"找不到主机 {host}") from error
    refused = [info[4][0] for info in found if not public_address(info[4][0])]
    if refused:
        raise urllib.error.URLError(f"{host} 指向内部网络地址（{refused[0]}），不予访问")
    last = None
    for family, kind, proto, _, sockaddr in found:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            sock.connect(sockaddr)
            return sock
        except OSError as error:
            sock.close()
            last = error
    raise last or OSError(f"无法连接 {host}")


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _connect_public


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_PublicHTTPSConnection, req, context=self._context)


def public_opener() -> urllib.request.OpenerDirector:
    """An opener for http(s) to public hosts only, following redirects, with no proxy."""
    opener = urllib.request.OpenerDirector()
    for handler in (
        _PublicHTTPHandler(),
        _PublicHTTPSHandler(),
        urllib.request.HTTPRedirectHandler(),
        urllib.request.HTTPErrorProcessor(),
        urllib.request.HTTPDefaultErrorHandler(),
    ):
        opener.add_handler(handler)
    return opener


def _file_name(url: str) -> str:
    name = PurePosixPath(unquote(urlsplit(url).path)).name
    return name or "网络图片"


def download(url: str, opener=None) -> bytes:
    """The body at `url`, within the size and time limits; `FetchRefused` otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchRefused(url, "只能取回 http:// 或 https:// 开头的图片地址。")
    limit = settings.MEDIA_MAX_UPLOAD_BYTES
    timeout = settings.MEDIA_FETCH_TIMEOUT
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "image/*"})
    deadline = time.monotonic() + timeout
    try:
        with (opener or public_opener()).open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if response.headers.get("Content-Type") and not kind.startswith("image/"):
                raise FetchRefused(url, f"对方返回的不是图片（{kind}）。")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise FetchRefused(
                    url, f"图片太大（{int(length) / 1e6:.1f} MB），上限为 {limit / 1e6:g} MB。"
                )
            chunks, size = [], 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise FetchRefused(url, f"图片超过 {limit / 1e6:g} MB 的上限。")
                if time.monotonic() > deadline:
                    raise FetchRefused(url, f"{timeout} 秒内没有下载完。")
                chunks.append(chunk)
    except urllib.error.HTTPError as error:
        raise FetchRefused(url, f"对方网站答复 HTTP {error.code}。") from None
    except urllib.error.URLError as error:
        raise FetchRefused(url, f"无法访问：{error.reason}。") from None
    except TimeoutError:
        raise FetchRefused(url, f"{timeout} 秒内没有答复。") from None
    except (OSError, http.client.HTTPException) as error:
        raise FetchRefused(url, f"下载失败（{type(error).__name__}）。") from None
    return b"".join(chunks)


def fetch_into_library(url: str, user=None, opener=None):
    """Download the picture at `url` and add it to the library: `(image, created)`."""
    data = download(url, opener)
    upload = SimpleUploadedFile(_file_name(url), data)
    try:
        return library.add(upload, user)
    except library.UploadRefused as refused:
        raise FetchRefused(url, refused.reason) from None
