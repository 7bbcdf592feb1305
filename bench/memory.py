"""Resident memory of one web worker: after `django.setup()` and after each page type,
with how long each first request took (the first search loads the segmenter).

    .venv/bin/python bench/memory.py                                  # scratch SQLite, seeds
    .venv/bin/python bench/memory.py --database-url postgres://…/db   # an existing database

Without `--database-url` a scratch SQLite database is migrated and given the seed
articles first. The measuring runs in a fresh process with the test settings (local-memory
cache), which imports what a gunicorn worker imports (the URLconf, hence every view,
the admin and its imports) and then asks for each page type once, printing the resident
set size (VmRSS) and which of the heavy text libraries each step loaded.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("jieba", "jieba.posseg", "jieba.analyse", "pypinyin", "zhconv")


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS missing from /proc/self/status")


def measure() -> None:
    """In the child: set Django up, import the URLconf, serve each page type once."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    loaded: set[str] = set()

    def report(step: str, seconds: float | None = None) -> None:
        new = [name for name in HEAVY if name in sys.modules and name not in loaded]
        loaded.update(new)
        took = f"{seconds * 1000:7.1f} ms" if seconds is not None else " " * 10
        print(f"{step:<22} {rss_mib():7.1f} MiB {took}  {' '.join(new)}", flush=True)

    report("django.setup()")
    from django.test import Client
    from django.urls import get_resolver

    get_resolver().check()  # imports every view module, as the first request would
    report("URLconf imported")

    from articles.models import Article
    from glossary.models import GlossaryEntry

    article = Article.objects.published().exclude(tags=None).first()
    if article is None:
        raise SystemExit("The database has no published article with tags.")
    tag = article.tags.first()
    term = GlossaryEntry.objects.published().first()
    pages = {
        "home": "/",
        "article": article.get_absolute_url(),
        "list": "/articles/",
        "list, last page": "/articles/?page=last",
        "tag": tag.get_absolute_url(),
        "tag list": "/tags/",
        "author": article.author.get_absolute_url(),
        "glossary": "/glossary/",
        "term": term.get_absolute_url() if term else "/glossary/",
        "feed": "/feed/rss/",
        "sitemap": "/sitemap.xml",
        "sitemap, articles": "/sitemap-articles.xml",
        "search": "/search/?q=%E6%95%B0%E5%AD%97%E5%8C%96",  # 数字化
    }
    client = Client()
    for name, url in pages.items():
        started = time.perf_counter()
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        report(name, time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", help="an existing database with articles")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure()
        return
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    with tempfile.TemporaryDirectory() as scratch:
        if args.database_url:
            env["DATABASE_URL"] = args.database_url
        else:
            env["DATABASE_URL"] = f"sqlite:///{Path(scratch) / 'memory.sqlite3'}"
            for command in (["migrate", "--no-input", "-v0"], ["import_seeds", "-v0"]):
                manage = [sys.executable, "manage.py", *command]
                subprocess.run(manage, cwd=ROOT, env=env, check=True)
        subprocess.run([sys.executable, __file__, "--measure"], cwd=ROOT, env=env, check=True)


if __name__ == "__main__":
    main()
