"""Checks that production settings are not weak; pure functions, no Django settings needed."""

# Keys copied from tutorials, examples and our own dev/test settings: never secret.
WELL_KNOWN_KEY_WORDS = (
    "changeme",
    "change-me",
    "change_me",
    "secret",
    "insecure",
    "password",
    "example",
    "default",
    "dev-only",
    "test-only",
)
MIN_KEY_LENGTH = 50
MIN_KEY_DISTINCT_CHARACTERS = 5


def secret_key_problem(key: str) -> str | None:
    """Why `key` is too weak for production, or None when it will do."""
    if len(key) < MIN_KEY_LENGTH:
        return f"SECRET_KEY is {len(key)} characters long; use at least {MIN_KEY_LENGTH}."
    if len(set(key)) < MIN_KEY_DISTINCT_CHARACTERS:
        return "SECRET_KEY repeats too few distinct characters to be random."
    if key.startswith("django-insecure-"):
        return "SECRET_KEY is the insecure key that startproject generates."
    lowered = key.lower()
    for word in WELL_KNOWN_KEY_WORDS:
        if word in lowered:
            return f"SECRET_KEY contains the well-known word “{word}”; generate a random one."
    return None


def parse_hosts(value: str) -> list[str]:
    """ALLOWED_HOSTS from a comma-separated list, blanks and stray spaces dropped."""
    return [host.strip() for host in value.split(",") if host.strip()]


def parse_flag(value: str | None, *, default: bool) -> bool:
    """An on/off environment variable: 1/true/yes/on or 0/false/no/off (any case)."""
    if value is None or not value.strip():
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"expected 1/0, true/false, yes/no or on/off, got “{value}”")
