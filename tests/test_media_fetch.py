"""Fetching another site's picture into the library: limits on size, type and time,
Pillow's checks as for an upload, and no requests to loopback or private addresses
(the first hop or a redirect). A local HTTP server stands in for the other site."""

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from articles import roles
from media import fetch
from media.checks import body_problems
from media.models import Image
from tests.media_fixtures import jpeg_bytes, media_root_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
FETCH = reverse("admin:media_image_fetch")


class Site(ThreadingHTTPServer):
    """Answers each path from `routes`: (status, headers, body, delay in seconds)."""

    daemon_threads = True

    def __init__(self):
        self.routes, self.requests = {}, []
        super().__init__(("127.0.0.1", 0), Handler)

    def url(self, path):
        return f"http://127.0.0.1:{self.server_address[1]}{path}"


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.server.requests.append(self.path)
        status, headers, body, delay = self.server.routes.get(self.path, (404, {}, b"", 0))
        time.sleep(delay)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def other_site():
    server = Site()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def loopback_allowed(monkeypatch):
    """The test server lives on 127.0.0.1: let that one address count as public."""
    checked = fetch.public_address
    monkeypatch.setattr(fetch, "public_address", lambda ip: ip == "127.0.0.1" or checked(ip))


def jpeg_route(body=None):
    body = body or jpeg_bytes()
    return (200, {"Content-Type": "image/jpeg", "Content-Length": str(len(body))}, body, 0)


@pytest.mark.parametrize(
    ("ip", "public"),
    [
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("fd00::1", False),
        ("::ffff:127.0.0.1", False),
        ("93.184.216.34", True),
        ("2606:2800:220:1:248:1893:25c8:1946", True),
    ],
)
def test_public_addresses(ip, public):
    assert fetch.public_address(ip) is public


class TestRefusals:
    @pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/a.jpg", "a.jpg", ""])
    def test_only_http_addresses(self, url):
        with pytest.raises(fetch.FetchRefused, match="只能取回 http"):
            fetch.download(url)

    def test_loopback_is_never_contacted(self, other_site, media_root):
        other_site.routes["/a.jpg"] = jpeg_route()
        with pytest.raises(fetch.FetchRefused, match="内部网络地址（127.0.0.1）"):
            fetch.fetch_into_library(other_site.url("/a.jpg"))
        with pytest.raises(fetch.FetchRefused, match="内部网络地址"):
            fetch.download(f"http://localhost:{other_site.server_address[1]}/a.jpg")
        assert other_site.requests == [] and not Image.objects.exists()

    def test_a_redirect_to_a_private_address_is_refused(self, other_site, loopback_allowed):
        other_site.routes["/go"] = (302, {"Location": "http://10.0.0.7/secret.jpg"}, b"", 0)
        with pytest.raises(fetch.FetchRefused, match="内部网络地址（10.0.0.7）"):
            fetch.download(other_site.url("/go"))

    def test_not_an_image_by_type(self, other_site, loopback_allowed):
        other_site.routes["/page"] = (200, {"Content-Type": "text/html"}, b"<html></html>", 0)
        with pytest.raises(fetch.FetchRefused, match="不是图片（text/html）"):
            fetch.download(other_site.url("/page"))

    def test_too_large_by_its_length(self, other_site, loopback_allowed, settings):
        settings.MEDIA_MAX_UPLOAD_BYTES = 1000
        other_site.routes["/big.jpg"] = jpeg_route(b"x" * 5000)
        with pytest.raises(fetch.FetchRefused, match="图片太大"):
            fetch.download(other_site.url("/big.jpg"))

    def test_too_large_without_a_length(self, other_site, loopback_allowed, settings):
        settings.MEDIA_MAX_UPLOAD_BYTES = 100_000
        other_site.routes["/stream.jpg"] = (200, {"Content-Type": "image/jpeg"}, b"x" * 300_000, 0)
        with pytest.raises(fetch.FetchRefused, match="超过 0.1 MB 的上限"):
            fetch.download(other_site.url("/stream.jpg"))

    def test_an_error_answer(self, other_site, loopback_allowed):
        with pytest.raises(fetch.FetchRefused, match="HTTP 404"):
            fetch.download(other_site.url("/missing.jpg"))

    def test_a_slow_site(self, other_site, loopback_allowed, settings):
        settings.MEDIA_FETCH_TIMEOUT = 1
        other_site.routes["/slow.jpg"] = (*jpeg_route()[:3], 3)
        with pytest.raises(fetch.FetchRefused, match="1 秒内没有答复"):
            fetch.download(other_site.url("/slow.jpg"))

    def test_pillow_checks_it_as_an_upload(self, other_site, loopback_allowed, media_root):
        other_site.routes["/fake.jpg"] = jpeg_route(b"GIF89a not really a picture" * 10)
        with pytest.raises(fetch.FetchRefused, match="不是可识别的图片文件") as refused:
            fetch.fetch_into_library(other_site.url("/fake.jpg"))
        assert str(refused.value).startswith(f"“{other_site.url('/fake.jpg')}”未取回：")
        assert not Image.objects.exists() and not any(media_root.rglob("*.*"))


def test_a_picture_is_fetched_into_the_library(other_site, loopback_allowed, media_root):
    data = jpeg_bytes(640, 480)
    other_site.routes["/photos/cat.jpg"] = jpeg_route(data)
    image, created = fetch.fetch_into_library(other_site.url("/photos/cat.jpg"))
    assert created and (image.width, image.height) == (640, 480)
    again, created = fetch.fetch_into_library(other_site.url("/photos/cat.jpg"))
    assert again == image and not created


class TestAdminEndpoint:
    @pytest.fixture
    def editor(self, client, django_user_model):
        user = django_user_model.objects.create_user("e", password="pw", is_staff=True)
        user.groups.add(Group.objects.get(name=roles.EDITOR))
        client.force_login(user)
        return user

    def test_fetches_and_answers_what_replaces_the_address(
        self,
        client,
        editor,
        other_site,
        loopback_allowed,
        media_root,
    ):
        other_site.routes["/a.jpg"] = jpeg_route()
        answer = client.post(FETCH, {"url": other_site.url("/a.jpg")}).json()
        image = Image.objects.get()
        assert (
            answer["ok"] and answer["id"] == image.pk and answer["url"] == other_site.url("/a.jpg")
        )
        assert answer["markdown"] == f"![](media:{image.pk})"
        assert image.uploaded_by == editor

    def test_refusal_is_a_clear_message(self, client, editor, other_site):
        response = client.post(FETCH, {"url": other_site.url("/a.jpg")})
        assert response.status_code == 400
        assert "内部网络地址" in response.json()["error"]

    def test_post_only(self, client, editor):
        assert client.get(FETCH).status_code == 405

    def test_body_check_points_to_the_button(self):
        [problem] = body_problems("![图](https://example.com/a.jpg)")
        assert "取回到图库" in problem

    def test_editor_gets_the_fetch_address(self, client, editor):
        page = client.get(reverse("admin:articles_article_add")).content.decode()
        assert f'data-fetch-url="{FETCH}"' in page
