"""The client's address for login throttling, behind a known number of reverse proxies."""

from django.conf import settings


def client_ip(request) -> str | None:
    """`REMOTE_ADDR`, or with `TRUSTED_PROXY_COUNT` proxies in front the address the
    outermost of them saw (proxies append to X-Forwarded-For, so it is counted from the
    right; anything further left was sent by the client and may be forged)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
