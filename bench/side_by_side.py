"""Our reader pages against the Wagtail peer's, uncached and cached, in one interleaved run.

    PEER_SYNTHETIC=9990 ../shared/peer-wagtail/serve_peer.sh 8731 sqlite:////tmp/peer.sqlite3 &
    .venv/bin/python bench/side_by_side.py --articles 10000 \
        --peer http://127.0.0.1:8731 --peer-pid /tmp/peer-8731.pid [--database-url postgres://…]

Prepares a fresh database with N articles (bench/run.py's preparation: seeds, then
bench/fill.py's bulk fill, search index and related articles), serves it with two gunicorn
servers of 2 sync workers each and production settings, one with the page cache off
(`PAGE_CACHE=0`) and one with it on, and hands every page of both sites to the peer's
`measure.py` (wrk, targets interleaved round by round, medians), which also serves the
cached article's bytes as a static file and reads the workers' memory. See bench/README.md.

With `--scratch` given once per prepared database (and a `--peer` and `--peer-pid` for
each, in the same order, the peer loaded with as many articles; the last ones may go
without), corpora of several sizes are measured in one run, so each page at the largest
size can be set against itself at the smallest.
"""

import argparse
import contextlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

from run import database, free_port, manage, phase_env, prepare, sqlite_version

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 2


@contextlib.contextmanager
def serve(env: dict, scratch: Path, label: str):
    """A gunicorn server of `WORKERS` sync workers; yields its base URL and pid file."""
    port, pidfile = free_port(), scratch / f"{label}.pid"
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers"]
    command += [str(WORKERS), "--bind", f"127.0.0.1:{port}", "--pid", str(pidfile)]
    command += ["--error-logfile", str(scratch / f"{label}.log")]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                urllib.request.urlopen(url + "/robots.txt", timeout=5).read()
                break
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn ({label}) did not start; see {scratch}/{label}.log")
            time.sleep(0.2)
        yield url, pidfile
    finally:
        server.terminate()
        server.wait(timeout=30)


def peer_article(peer: str, wait: float) -> str:
    """The address of the first article on the peer's blog index, waiting up to `wait`
    seconds for the peer to answer (it may still be loading its articles)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            index = urllib.request.urlopen(f"{peer}/blog/", timeout=30).read().decode()
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(5)
    match = re.search(r'href="(?:https?://[^/"]+)?(/blog/[^/"]+/)"', index)
    if not match:
        raise SystemExit(f"No article link on {peer}/blog/")
    return match.group(1)


def targets(info: dict, peer, uncached: str, cached: str, wait: float, size: str) -> list:
    """(label, URL) of every page measured for one corpus size, the peer's too if there is
    one (`peer`: its base URL or None); labels end in `@size`."""
    common, rare = quote(info["common_word"]), quote(info["rare_word"])
    pages = []
    if peer:
        pages += [
            ("peer-article", peer + peer_article(peer, wait)),
            ("peer-index", f"{peer}/blog/"),
        ]
    pages += [
        ("article", uncached + info["article"]),
        ("home", uncached + "/"),
        ("list", uncached + "/articles/"),
        ("list-last", uncached + "/articles/?page=last"),
        ("tag", uncached + info["tag"]),
        ("search-common", f"{uncached}/search/?q={common}"),
        ("search-rare", f"{uncached}/search/?q={rare}"),
        ("article-cached", cached + info["article"]),
    ]
    return [(f"{label}@{size}", url) for label, url in pages]


UNCACHED = ("article", "home", "list", "list-last", "tag", "search-common", "search-rare")


def ratios(summary: dict, sizes: list[str]) -> dict:
    """The issue's checks for each corpus size, and each page at the largest size against
    the smallest."""
    rps = {label: s["rps"] for label, s in summary.items()}
    found = {}
    for size in sizes:
        if f"peer-index@{size}" in rps:
            peer_index = rps[f"peer-index@{size}"]
            found[f"{size}: article ÷ peer article (≥ 3)"] = (
                rps[f"article@{size}"] / rps[f"peer-article@{size}"]
            )
            for page in ("home", "list", "list-last", "tag"):
                found[f"{size}: {page} ÷ peer index (≥ 2)"] = rps[f"{page}@{size}"] / peer_index
        found[f"{size}: search-common p99 ÷ article p99 (≤ 3)"] = (
            summary[f"search-common@{size}"]["p99_ms"] / summary[f"article@{size}"]["p99_ms"]
        )
        found[f"{size}: cached article ÷ static file (≥ 0.8)"] = (
            rps[f"article-cached@{size}"] / rps["static"]
        )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        for page in UNCACHED:
            found[f"{page}: {large} ÷ {small} (≥ 0.8)"] = (
                rps[f"{page}@{large}"] / rps[f"{page}@{small}"]
            )
    return found


@contextlib.contextmanager
def kept_database(url: str | None, scratch: Path, articles: int, any_size: bool = False):
    """A prepared database kept in `scratch` between runs (SQLite file, or
    `chanye_side_<articles>` on the PostgreSQL server, which is not dropped): prepared on
    the first run, migrated and reused on the next ones, whatever its size with `any_size`.
    Yields the environment, what bench/fill.py reported and the database's name."""
    scratch.mkdir(parents=True, exist_ok=True)
    saved = scratch / "prepared.json"
    if saved.exists():
        kept = json.loads(saved.read_text())
        if kept["info"]["articles"] != articles and not any_size:
            raise SystemExit(f"{scratch} holds {kept['info']['articles']} articles, not {articles}")
        env = phase_env(scratch, kept["database_url"])
        env["SECRET_KEY"] = kept["secret_key"]
        manage(env, "migrate", "--no-input", "--verbosity", "0")
        manage(env, "collectstatic", "--no-input", "--verbosity", "0")
        shutil.rmtree(scratch / "cache", ignore_errors=True)  # pages of the previous code
        yield env, kept["info"], kept["database"]
        return
    if url is None:
        db_url = f"sqlite:///{scratch / 'chanye_side.sqlite3'}"
        db_name = f"SQLite {sqlite_version()}"
    else:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            name = f"chanye_side_{articles}"
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0")
            db_name = f"PostgreSQL {conn.execute('SHOW server_version').fetchone()[0]}"
        db_url = urlsplit(url)._replace(path=f"/{name}").geturl()
    env = phase_env(scratch, db_url)
    started = time.monotonic()
    info = prepare(env, articles - 10)
    print(f"== prepared in {time.monotonic() - started:.0f} s", flush=True)
    kept = {"database_url": db_url, "database": db_name, "secret_key": env["SECRET_KEY"]}
    saved.write_text(json.dumps({**kept, "info": info}, ensure_ascii=False))
    yield env, info, db_name


@contextlib.contextmanager
def fresh_database(url: str | None, scratch: Path, articles: int):
    """A database made and prepared for this run only, dropped afterwards."""
    with database(url, scratch, "chanye_side") as (db_url, db_name):
        env = phase_env(scratch, db_url)
        started = time.monotonic()
        print(f"== {db_name}: {articles} articles", flush=True)
        info = prepare(env, articles - 10)
        print(f"== prepared in {time.monotonic() - started:.0f} s: {info}", flush=True)
        yield env, info, db_name


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles to prepare")
    parser.add_argument("--database-url", help="PostgreSQL server URL (default: SQLite)")
    parser.add_argument(
        "--peer", action="append", required=True, help="base URL of the running Wagtail peer"
    )
    parser.add_argument(
        "--peer-pid", action="append", required=True, help="pid file of the peer's gunicorn"
    )
    parser.add_argument(
        "--peer-dir", type=Path, default=ROOT.parent / "shared" / "peer-wagtail", help="its files"
    )
    parser.add_argument(
        "--peer-wait", type=float, default=1800, help="seconds to wait for the peer to answer"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--output", type=Path, help="JSON result file")
    parser.add_argument(
        "--scratch",
        type=Path,
        action="append",
        help="keep the prepared database here and reuse it on the next run; given again "
        "(with a --peer and --peer-pid each), prepared databases of other sizes are measured "
        "in the same run",
    )
    parser.add_argument(
        "--prepare-only", action="store_true", help="prepare the --scratch database and stop"
    )
    args = parser.parse_args()
    scratches = [path.resolve() for path in args.scratch or []]
    if args.prepare_only and len(scratches) != 1:
        parser.error("--prepare-only needs one --scratch")
    if not 1 <= len(args.peer) <= max(1, len(scratches)) or len(args.peer_pid) != len(args.peer):
        parser.error("give a --peer and a --peer-pid for each --scratch, or for the first ones")
    stamp = time.strftime("%Y%m%d-%H%M%S")
    backend = "postgresql" if args.database_url else "sqlite"
    output = args.output or ROOT / "bench" / "results" / f"side-{backend}-{stamp}.json"
    output.parent.mkdir(parents=True, exist_ok=True)

    with contextlib.ExitStack() as stack:
        if scratches:
            sites = [
                stack.enter_context(
                    kept_database(args.database_url, scratch, args.articles, len(scratches) > 1)
                )
                + (scratch,)
                for scratch in scratches
            ]
        else:
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="chanye-side-")))
            prepared = fresh_database(args.database_url, scratch, args.articles)
            sites = [stack.enter_context(prepared) + (scratch,)]
        if args.prepare_only:
            _, info, db_name, scratch = sites[0]
            print(f"Prepared {db_name} with {info['articles']} articles in {scratch}")
            return
        command = [sys.executable, str(args.peer_dir / "measure.py")]
        sizes, static_source = [], ""
        peers = list(zip(args.peer, args.peer_pid, strict=True))
        peers += [(None, None)] * (len(sites) - len(peers))  # the last sizes may have none
        paired = sorted(zip(sites, peers, strict=True), key=lambda pair: pair[0][1]["articles"])
        sites = [site for site, _ in paired]
        for (env, info, _, scratch), (peer, peer_pid) in paired:
            size = f"{round(info['articles'] / 1000)}k" if info["articles"] >= 1000 else "small"
            sizes.append(size)
            uncached, upid = stack.enter_context(
                serve({**env, "PAGE_CACHE": "0"}, scratch, "uncached")
            )
            cached, cpid = stack.enter_context(serve(env, scratch, "cached"))
            static_source = static_source or uncached + info["article"]
            pages = targets(info, peer and peer.rstrip("/"), uncached, cached, args.peer_wait, size)
            for label, url in pages:
                command += ["--target", f"{label}={url}"]
            if peer_pid:
                command += ["--rss", f"peer@{size}={peer_pid}"]
            command += ["--rss", f"ours@{size}={upid}"]
            command += ["--rss", f"ours-cached@{size}={cpid}"]
        static = sites[0][3] / "static" / "bench" / "article.html"  # the smallest site's
        static.parent.mkdir(parents=True, exist_ok=True)
        static.write_bytes(urllib.request.urlopen(static_source).read())
        command += ["--static", str(static), "--json", str(output)]
        command += ["--rounds", str(args.rounds), "--duration", str(args.duration)]
        command += ["--connections", str(args.connections)]
        subprocess.run(command, check=True)
    report = json.loads(output.read_text())
    report.update(
        database=sites[0][2],
        articles={size: site[1]["articles"] for size, site in zip(sizes, sites, strict=True)},
        search={size: site[1] for size, site in zip(sizes, sites, strict=True)},
    )
    checks = ratios(report["summary"], sizes)
    report["ratios"] = {name: round(value, 3) for name, value in checks.items()}
    output.write_text(json.dumps(report, ensure_ascii=False, indent=1))
    print(f"\n{sites[0][2]}, {', '.join(sizes)} articles")
    for name, value in report["ratios"].items():
        print(f"  {name}: {value}")
    print(f"Wrote {output}")


if __name__ == "__main__":
    main()
