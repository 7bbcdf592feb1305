"""Throughput and latency of the reader site under gunicorn, with 10 and with N articles.

    .venv/bin/pip install -e '.[bench]'
    .venv/bin/python bench/run.py                  # SQLite in a scratch directory
    .venv/bin/python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/postgres

Two fresh databases get the seed articles; one of them then gets enough synthetic
published articles, built from the seeds' sentences by bench/fill.py, to reach N. A
gunicorn server for each serves the site, and the client of bench/client.py measures
home, an article, a tag page, a search, and the same article's HTML as a static file,
on both servers in turns, so that both phases meet the same machine. See bench/README.md.
"""

import argparse
import contextlib
import json
import os
import platform
import re
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit

from client import Sample, fetch, measure
from fill import STATIC_ARTICLE

ROOT = Path(__file__).resolve().parent.parent
FILL = Path(__file__).resolve().parent / "fill.py"
BENCH_DB = "chanye_bench"
SEARCH_QUERY = "腾讯"
ROUNDS = 4
PAGES = ("home", "article", "static", "tag", "search", "search-u")


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
            with contextlib.suppress(OSError):
                fetch(port, "/")
                break
            if time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not answer within 60 s; see {log}")
            time.sleep(0.2)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def run_phases(phases: dict, args) -> None:
    """Warm every page up, then measure them in turns, page by page and phase by phase,
    so that changes in the machine's load reach all pages of both phases alike."""
    with contextlib.ExitStack() as stack:
        ports = {
            label: stack.enter_context(
                gunicorn(phase["env"], args.workers, phase["scratch"] / "gunicorn.log")
            )
            for label, phase in phases.items()
        }
        samples = {
            label: {name: Sample(path) for name, path in phase["pages"].items()}
            for label, phase in phases.items()
        }
        for label, pages in samples.items():
            for sample in pages.values():
                measure(
                    ports[label], Sample(sample.path), max(50, 10 * args.workers), args.concurrency
                )
        share = -(-args.requests // ROUNDS)
        for _ in range(ROUNDS):
            for name in PAGES:
                for label, pages in samples.items():
                    measure(ports[label], pages[name], share, args.concurrency)
    for label, pages in samples.items():
        phases[label]["results"] = {
            name: {"page": name, **s.summary()} for name, s in pages.items()
        }


@contextmanager
def database(url: str | None, scratch: Path, name: str):
    """A fresh database: a SQLite file in `scratch`, or `name` on the given PostgreSQL server."""
    if url is None:
        yield f"sqlite:///{scratch / f'{name}.sqlite3'}", f"SQLite {sqlite_version()}"
        return
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
    try:
        yield urlsplit(url)._replace(path=f"/{name}").geturl(), f"PostgreSQL {version}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def phase_env(scratch: Path, db_url: str) -> dict:
    """The environment of one phase's commands and server: its database, cache and static root."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.bench",
        "SECRET_KEY": os.urandom(32).hex(),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": db_url,
        "SECURE_SSL_REDIRECT": "0",
        "BENCH_STATIC_ROOT": str(scratch / "static"),
        "CACHE_DIR": str(scratch / "cache"),
        "MEDIA_ROOT": str(scratch / "media"),
    }


def pages_to_measure(info: dict) -> dict:
    """Paths by name, in the order of PAGES; `{n}` makes each uncached search's URL new."""
    pages = {
        "home": "/",
        "article": info["article"],
        "static": f"/static/{STATIC_ARTICLE}",
        "tag": info["tag"],
        "search": f"/search/?q={quote(SEARCH_QUERY)}",
        "search-u": f"/search/?q={quote(SEARCH_QUERY)}&page={{n}}",
    }
    return {name: pages[name] for name in PAGES}


def prepare(env, add: int) -> dict:
    """Migrate, collect static files, import the seeds, add `add` synthetic articles;
    returns what bench/fill.py reports: the article count and the pages to measure."""
    manage(env, "migrate", "--no-input", "--verbosity", "0")
    manage(env, "collectstatic", "--no-input", "--verbosity", "0")
    manage(env, "import_seeds", "--verbosity", "0")
    if add > 0:
        print(f"== adding {add} synthetic articles", flush=True)
    child = [sys.executable, str(FILL), str(add)]
    out = subprocess.run(child, cwd=ROOT, env=env, check=True, stdout=subprocess.PIPE)
    return json.loads(out.stdout.splitlines()[-1])


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
    args = parser.parse_args()
    try:
        import gunicorn  # noqa: F401
    except ImportError:
        raise SystemExit("gunicorn is missing: .venv/bin/pip install -e '.[bench]'") from None

    host = {**machine(), "loadavg_at_start": loadavg()}
    print(f"== {host['cpu']}, {host['cores']} cores, load average {host['loadavg_at_start']}")
    with tempfile.TemporaryDirectory(prefix="chanye-bench-") as tmp, contextlib.ExitStack() as dbs:
        phases = {}
        for label in ("small", "large"):
            scratch = Path(tmp) / label
            scratch.mkdir()
            db_url, db_name = dbs.enter_context(
                database(args.database_url, scratch, f"{BENCH_DB}_{label}")
            )
            env = phase_env(scratch, db_url)
            print(f"== {db_name}, {label}: migrate, collectstatic, import_seeds", flush=True)
            add = 0 if label == "small" else max(0, args.articles - phases["small"]["articles"])
            info = prepare(env, add)
            pages = pages_to_measure(info)
            phases[label] = {**info, "env": env, "scratch": scratch, "pages": pages}
        counts = " and ".join(str(p["articles"]) for p in phases.values())
        print(f"== {counts} articles, {args.workers} gunicorn workers each", flush=True)
        run_phases(phases, args)
    phases = {
        label: {k: v for k, v in phase.items() if k not in ("env", "scratch", "pages")}
        for label, phase in phases.items()
    }

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
