"""Where images are served from, for the Content-Security-Policy (read by the settings)."""

from urllib.parse import urlsplit


def media_origin(media_url: str, environ) -> list[str]:
    """The origin of images when they are not on this site: `MEDIA_URL`'s, or the object
    store's custom domain or endpoint; nothing when they are served from this site."""
    candidates = [media_url]
    if environ.get("MEDIA_S3_BUCKET"):
        domain = environ.get("MEDIA_S3_CUSTOM_DOMAIN")
        endpoint = environ.get("MEDIA_S3_ENDPOINT_URL")
        bucket = environ["MEDIA_S3_BUCKET"]
        candidates.append(
            f"https://{domain}" if domain else endpoint or f"https://{bucket}.s3.amazonaws.com"
        )
    origins = []
    for url in filter(None, candidates):
        parts = urlsplit(url)
        if parts.scheme and parts.netloc:
            origins.append(f"{parts.scheme}://{parts.netloc}")
    return origins
