"""Throughput and latency of the reader site under gunicorn, with 10 and with N articles.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/run.py                  # SQLite in a scratch directory
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/postgres

A fresh database gets the seed articles (the "10 articles" phase), then enough
synthetic published articles, built from the seeds' sentences, to reach N. After
each phase gunicorn serves the site and a small threaded client measures home, an
article, a tag page, a search, and the same article's HTML as a static file.
See bench/README.md.
"""

import argparse
import http.client
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "chanye_bench"
STATIC_ARTICLE = "bench/article.html"
SEARCH_QUERY = "腾讯"
BATCH = 500
ROUNDS = 4


# --- filling the database (runs in a child process with Django set up) -------------------


def seed_sentences() -> list[str]:
    """Sentences of the seed articles' bodies, as the importer parses them."""
    from django.conf import settings

    from articles.importer.sources import collect_paths, read_documents

    docs = read_documents(collect_paths([settings.SEEDS_DIR]))
    sentences = []
    for chunk in "\n".join(a.body for doc in docs for a in doc.articles).split("。"):
        chunk = re.sub(r"\s+", "", chunk.lstrip("#> \n"))
        if 8 <= len(chunk) <= 200:
            sentences.append(chunk + "。")
    return sentences


def clip(sentence: str, length: int) -> str:
    return re.split(r"[,，、;；:：。]", sentence)[0][:length]


def synthetic_tags(sentences, rng, count=300):
    """Existing (seed) tags plus frequent words of the seed text."""
    from collections import Counter

    from articles import text
    from articles.models import Tag

    taken = {text.fold(t.name) for t in Tag.objects.all()}
    slugs = set(Tag.objects.values_list("slug", flat=True))
    words = Counter(w for s in sentences for w in text.segment(s) if len(w) >= 2 and w.isalpha())
    new = []
    for word, _ in words.most_common():
        if len(new) >= count:
            break
        if text.fold(word) in taken:
            continue
        slug, n = text.pinyin_slug(word, 90), 2
        while slug in slugs:
            slug, n = f"{text.pinyin_slug(word, 85)}-{n}", n + 1
        taken.add(text.fold(word))
        slugs.add(slug)
        new.append(Tag(name=word, slug=slug))
    Tag.objects.bulk_create(new)
    return list(Tag.objects.all())


def synthetic_authors(count=40):
    from articles import text
    from articles.models import Author

    names = [f"研究员{n:03d}" for n in range(1, count + 1)]
    Author.objects.bulk_create(
        [Author(name=name, slug=text.pinyin_slug(name)) for name in names], ignore_conflicts=True
    )
    return list(Author.objects.filter(name__in=names))


def synthetic_body(sentences, rng) -> str:
    blocks = []
    for n in range(rng.randint(8, 16)):
        if n and n % 4 == 0:
            blocks.append("## " + clip(rng.choice(sentences), 16))
        blocks.append("".join(rng.sample(sentences, rng.randint(2, 5))))
    return "\n\n".join(blocks)


def fill(count: int, static_root: Path, seed: int = 1) -> dict:
    """Add `count` synthetic published articles, reindex, and describe the pages to measure."""
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection, transaction
    from django.test import Client
    from django.utils import timezone

    from articles import text
    from articles.models import Article, TaggedArticle
    from articles.rendering import render_markdown
    from articles.search.index import reindex_all

    rng = random.Random(seed)
    if count:
        sentences = seed_sentences()
        tags = synthetic_tags(sentences, rng)
        authors = synthetic_authors()
        now = timezone.now()
        offset = Article.objects.count()
        for start in range(0, count, BATCH):
            batch = []
            for i in range(start, min(start + BATCH, count)):
                body = synthetic_body(sentences, rng)
                standfirst = body.split("。", 1)[0] + "。"
                full = f"{standfirst}\n{body}"
                batch.append(
                    Article(
                        title=f"{clip(rng.choice(sentences), 24)}({offset + i + 1})",
                        slug=f"bench-{offset + i + 1:05d}",
                        author=rng.choice(authors),
                        standfirst=standfirst,
                        summary=standfirst,
                        body=body,
                        body_html=render_markdown(body),
                        status=Article.Status.PUBLISHED,
                        published_at=now - timedelta(minutes=rng.randint(60, 3 * 365 * 24 * 60)),
                        char_count=text.char_count(full),
                        reading_minutes=text.reading_minutes(full),
                    )
                )
            created = Article.objects.bulk_create(batch)
            TaggedArticle.objects.bulk_create(
                TaggedArticle(content_object=a, tag=t)
                for a in created
                for t in rng.sample(tags, rng.randint(2, 4))
            )
            print(f"  {start + len(batch)}/{count} articles", file=sys.stderr, flush=True)
    print("  rebuilding the search index", file=sys.stderr, flush=True)
    with transaction.atomic():
        reindex_all()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    cache.clear()  # bulk_create sends no signals, so cached pages would not know of the new rows

    article = (
        Article.objects.published()
        .exclude(source_document="")
        .order_by("source_document", "source_position")
        .first()
    )
    tag = article.tags.order_by("name").first()
    response = Client(headers={"host": "127.0.0.1"}).get(article.get_absolute_url())
    if response.status_code != 200:
        raise SystemExit(f"{article.get_absolute_url()} answered {response.status_code}")
    static_file = static_root / STATIC_ARTICLE
    static_file.parent.mkdir(parents=True, exist_ok=True)
    static_file.write_bytes(response.content)
    return {
        "articles": Article.objects.published().count(),
        "article": article.get_absolute_url(),
        "tag": tag.get_absolute_url(),
    }


# --- the client -----------------------------------------------------------------------------


def fetch(port: int, path: str) -> tuple[int, int, float]:
    """One GET on a new connection: (status, body bytes, seconds)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{port}"})
        response = conn.getresponse()
        body = response.read()
    finally:
        conn.close()
    return response.status, len(body), time.perf_counter() - started


class Sample:
    """Latencies and statuses of one page, gathered over one or more rounds."""

    def __init__(self, path: str):
        self.path = path
        self.latencies, self.statuses = [], {}
        self.elapsed, self.size = 0.0, 0

    def add(self, status: int, size: int, seconds: float) -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1
        self.size = max(self.size, size)

    def summary(self) -> dict:
        n = len(self.latencies)
        cuts = statistics.quantiles(self.latencies, n=100)
        return {
            "path": self.path,
            "requests": n,
            "errors": n - self.statuses.get(200, 0),
            "statuses": self.statuses,
            "bytes": self.size,
            "rps": n / self.elapsed,
            "p50_ms": cuts[49] * 1000,
            "p95_ms": cuts[94] * 1000,
        }


def measure(port: int, sample: Sample, requests: int, concurrency: int) -> None:
    """Add `requests` GETs of the sample's path, sent from `concurrency` threads."""
    remaining = iter(range(requests))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            result = fetch(port, sample.path)
            with lock:
                sample.add(*result)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sample.elapsed += time.perf_counter() - started


# --- orchestration --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


@contextmanager
def gunicorn(env, workers: int, log: Path):
    port = free_port()
    cmd = [sys.executable, "-m", "gunicorn", "config.wsgi:application"]
    cmd += ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--error-logfile", str(log)]
    server = subprocess.Popen(cmd, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {log}:\n{log.read_text()[-2000:]}")
            try:
                fetch(port, "/")
                break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer within 60 s; see {log}")
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_phase(env, args, pages, workers, log) -> list[dict]:
    """Warm every page up, then measure them in turns, so that changes in the
    machine's load reach all pages alike."""
    samples = {name: Sample(path) for name, path in pages.items()}
    with gunicorn(env, workers, log) as port:
        for sample in samples.values():
            measure(port, Sample(sample.path), max(50, 10 * workers), args.concurrency)
        share = -(-args.requests // ROUNDS)
        for _ in range(ROUNDS):
            for sample in samples.values():
                measure(port, sample, share, args.concurrency)
    results = [{"page": name, **sample.summary()} for name, sample in samples.items()]
    for r in results:
        print(
            f"  {r['page']:<8} {r['rps']:8.1f} req/s  p50 {r['p50_ms']:7.1f} ms"
            f"  p95 {r['p95_ms']:7.1f} ms  errors {r['errors']}",
            flush=True,
        )
    return results


@contextmanager
def database(url: str | None, scratch: Path):
    """A fresh database: a SQLite file in `scratch`, or BENCH_DB on the given PostgreSQL server."""
    if url is None:
        yield f"sqlite:///{scratch / 'bench.sqlite3'}", f"SQLite {sqlite_version()}"
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB} ENCODING 'UTF8' TEMPLATE template0")
    try:
        yield urlsplit(url)._replace(path=f"/{BENCH_DB}").geturl(), f"PostgreSQL {version}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")


def sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text()
    meminfo = Path("/proc/meminfo").read_text()
    return {
        "cpu": re.search(r"model name\s*:\s*(.+)", cpuinfo).group(1).strip(),
        "cores": os.cpu_count(),
        "memory_gib": round(int(re.search(r"MemTotal:\s*(\d+)", meminfo).group(1)) / 2**20),
        "python": platform.python_version(),
    }


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def ratio_checks(small: dict, large: dict) -> list[dict]:
    def check(name, value, target, ok):
        return {"check": name, "value": round(value, 3), "target": target, "ok": ok}

    kept = large["article"]["rps"] / small["article"]["rps"]
    vs_static = large["article"]["rps"] / large["static"]["rps"]
    search = large["search"]["p95_ms"] / large["article"]["p95_ms"]
    return [
        check("article req/s, N vs 10 articles", kept, ">= 0.90", kept >= 0.90),
        check("article req/s vs static file", vs_static, ">= 0.50", vs_static >= 0.50),
        check("search p95 / article p95", search, "<= 3", search <= 3),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the big phase")
    parser.add_argument("--database-url", help="PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--requests", type=int, default=2_000, help="measured requests a page")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument(
        "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers"
    )
    parser.add_argument("--output", type=Path, help="JSON result file")
    parser.add_argument("--fill", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.fill is not None:
        info = fill(args.fill, Path(os.environ["BENCH_STATIC_ROOT"]))
        print(json.dumps(info))
        return
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        raise SystemExit("gunicorn is missing: .venv/bin/pip install -e '.[bench]'") from None

    host = {**machine(), "loadavg_at_start": loadavg()}
    print(f"== {host['cpu']}, {host['cores']} cores, load average {host['loadavg_at_start']}")
    with tempfile.TemporaryDirectory(prefix="chanye-bench-") as tmp:
        scratch = Path(tmp)
        with database(args.database_url, scratch) as (db_url, db_name):
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "config.settings.bench",
                "SECRET_KEY": os.urandom(24).hex(),
                "ALLOWED_HOSTS": "127.0.0.1",
                "DATABASE_URL": db_url,
                "SECURE_SSL_REDIRECT": "0",
                "BENCH_STATIC_ROOT": str(scratch / "static"),
                "CACHE_DIR": str(scratch / "cache"),
            }
            print(f"== {db_name}: migrate, collectstatic, import_seeds", flush=True)
            manage(env, "migrate", "--no-input", "--verbosity", "0")
            manage(env, "collectstatic", "--no-input", "--verbosity", "0")
            manage(env, "import_seeds", "--verbosity", "0")

            phases = {}
            for label in ("small", "large"):
                add = 0 if label == "small" else max(0, args.articles - phases["small"]["articles"])
                if add > 0:
                    print(f"== adding {add} synthetic articles", flush=True)
                child = [sys.executable, __file__, "--fill", str(add)]
                out = subprocess.run(child, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE)
                info = json.loads(out.stdout.splitlines()[-1])
                pages = {
                    "home": "/",
                    "article": info["article"],
                    "static": f"/static/{STATIC_ARTICLE}",
                    "tag": info["tag"],
                    "search": f"/search/?q={quote(SEARCH_QUERY)}",
                }
                print(
                    f"== {info['articles']} articles, {args.workers} gunicorn workers", flush=True
                )
                results = run_phase(env, args, pages, args.workers, scratch / "gunicorn.log")
                phases[label] = {**info, "results": {r["page"]: r for r in results}}

    checks = ratio_checks(phases["small"]["results"], phases["large"]["results"])
    print_table(db_name, phases, checks)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {**host, "loadavg_at_end": loadavg()},
        "database": db_name,
        "requests": args.requests,
        "concurrency": args.concurrency,
        "workers": args.workers,
        "phases": phases,
        "checks": checks,
    }
    backend = "postgresql" if args.database_url else "sqlite"
    stamp = time.strftime("%Y%m%d-%H%M%S")
    output = args.output or ROOT / "bench" / "results" / f"{backend}-{stamp}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, ensure_ascii=False, indent=2))
    print(f"\nWrote {output}")
    errors = sum(r["errors"] for p in phases.values() for r in p["results"].values())
    if errors:
        raise SystemExit(f"{errors} requests did not answer 200")


def print_table(db_name, phases, checks):
    print(f"\n{db_name}")
    print(f"{'articles':>8}  {'page':<8} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
    for phase in phases.values():
        for r in phase["results"].values():
            print(
                f"{phase['articles']:>8}  {r['page']:<8} {r['rps']:8.1f} {r['p50_ms']:8.1f}"
                f" {r['p95_ms']:8.1f} {r['errors']:>6}"
            )
    for c in checks:
        print(f"{'PASS' if c['ok'] else 'FAIL'}  {c['check']}: {c['value']} (target {c['target']})")


if __name__ == "__main__":
    main()
