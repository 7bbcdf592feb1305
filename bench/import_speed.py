"""Import speed: 1,000 generated documents (about 8,000 articles), first and second run.

    .venv/bin/python bench/import_speed.py                          # SQLite in a scratch directory
    .venv/bin/python bench/import_speed.py --database-url postgres://postgres@127.0.0.1:5433/postgres
    .venv/bin/python bench/import_speed.py --documents 250          # a smaller input

Documents are made in the seed's shape (site chrome, then pen name, title and one-line body
per article) from the seed's sentences, with generated titles and pen names, 6–10 articles
each. Now and then an article is the same article as an earlier one (same title and pen
name: identity), or an earlier body with one sentence changed under another title and
name (a near-duplicate from another site). A fresh database (a scratch SQLite file, or
`chanye_import_bench` created and dropped on the given PostgreSQL server) is migrated, then
`import_documents` runs twice in a fresh process each time: the first run creates everything,
the second finds nothing changed. Each run prints a progress bar and reports articles per
second (the import alone, without start-up), its CPU time and that of the processes its
index stage forks, resident memory after a tenth of the documents and at the end, and the
peaks (its own, and the largest of those processes).
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_793b1a8e42e41927.txt"
BENCH_DB = "chanye_import_bench"
SURNAMES = "林周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜谢邹喻柏水窦章云苏潘葛"
NAME_CHARS = "明华强军平刚桂英秀兰云峰磊洋艳勇杰娟涛超霞敏静丽鑫宇浩然子轩思远晨曦若溪"
SUBJECTS = (
    "产业互联网 智慧零售 工业互联网 供应链金融 企业服务 数字化转型 云计算 区块链 智能制造".split()
)
ANGLES = "的新变化 的三个误区 观察 的下一站 如何落地 实践笔记 的商业逻辑 十问 年度复盘".split()
CHROME = ["欢迎来到{site}! 北京 上海 广州 深圳", "微信二维码", "在线客服 400-{n:03}-8986", ""]


def seed_sentences() -> list[str]:
    """Sentences of the seed's body lines (the long ones), as they are in the raw file."""
    lines = [line for line in SEED.read_text(encoding="utf-8").splitlines() if len(line) > 80]
    sentences = [s.strip() + "。" for line in lines for s in line.split("。")]
    return [s for s in sentences if 12 <= len(s) <= 160 and ":" not in s and "：" not in s]


def generate(folder: Path, documents: int, rng: random.Random) -> int:
    """Write `documents` files into `folder`; returns how many articles they hold."""
    pool = seed_sentences()
    earlier: list[tuple[str, str, list[str]]] = []
    total = 0
    for d in range(documents):
        articles = []
        for _ in range(rng.randint(6, 10)):
            roll = rng.random()
            if earlier and roll < 0.01:  # the same article again, from another file
                articles.append(rng.choice(earlier))
            elif earlier and roll < 0.03:  # the same text from another site
                title, _, body = rng.choice(earlier)
                body = list(body)
                body[rng.randrange(len(body))] = rng.choice(pool)
                articles.append((f"{title}（转载）", pen_name(rng), body))
            else:
                title = f"{rng.choice(SUBJECTS)}{rng.choice(ANGLES)}：第{d}-{len(articles)}篇"
                body = rng.sample(pool, rng.randint(20, 45))
                articles.append((title, pen_name(rng), body))
        earlier.extend(a for a in articles if rng.random() < 0.05)
        lines = [c.format(site=f"资讯站{d % 37}", n=d % 1000) for c in CHROME]
        for n, (title, author, body) in enumerate(articles):
            lines += [f"{title}{author}", ""] if n == 0 else [author, ""]
            lines += [title, "", "".join(body), ""]
        (folder / f"{d:04}.txt").write_text("\n".join(lines), encoding="utf-8")
        total += len(articles)
    return total


def pen_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(NAME_CHARS, rng.randint(1, 2)))


def rss_mib() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError("VmRSS missing from /proc/self/status")


def child(folder: Path) -> None:
    """In a fresh process: import every file of `folder` once, print the figures as JSON."""
    import resource

    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from articles.importer.load import DOCUMENTS, import_documents
    from articles.importer.sources import RawDocument

    files = sorted(folder.glob("*.txt"))
    tenth = max(1, len(files) // 10)
    memory = {}
    started = time.monotonic()

    def progress(done: int, total: int, articles: int, stage: str) -> None:
        if stage == DOCUMENTS and done in (tenth, total):
            memory[done] = round(rss_mib(), 1)
        width = 40
        bar = "#" * (width * done // total)
        rate = articles / max(time.monotonic() - started, 1e-9)
        what = "documents" if stage == DOCUMENTS else "articles indexed"
        line = f"[{bar:<{width}}] {stage}: {done}/{total} {what}, {rate:.1f} articles/s so far"
        sys.stderr.write(f"\r{line} ")
        sys.stderr.flush()

    report = import_documents([RawDocument.from_path(f) for f in files], progress=progress)
    seconds = time.monotonic() - started
    sys.stderr.write("\n")
    articles = sum(report.counts["articles"].values())
    children = resource.getrusage(resource.RUSAGE_CHILDREN)  # the index stage's processes
    print(
        json.dumps(
            {
                "articles": articles,
                "counts": {kind: dict(c) for kind, c in report.counts.items()},
                "near_duplicates": len(report.duplicates),
                "seconds": round(seconds, 1),
                "per_second": round(articles / seconds, 1),
                "cpu_seconds": round(time.process_time(), 1),
                "children_cpu_seconds": round(children.ru_utime + children.ru_stime, 1),
                "rss_mib_after_tenth": memory.get(tenth),
                "rss_mib_at_end": memory.get(len(files)),
                "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                "children_peak_mib": round(children.ru_maxrss / 1024, 1),
            }
        )
    )


def run(env: dict, *args, capture=False) -> str:
    stdout = subprocess.PIPE if capture else None  # the progress bar (stderr) shows
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, check=True, text=True, stdout=stdout
    )
    return result.stdout if capture else ""


def postgres(url: str, action: str) -> str:
    """Create or drop `BENCH_DB` on the server of `url`; returns its URL."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        if action == "create":
            admin.execute(f"CREATE DATABASE {BENCH_DB}")
    return urlunsplit(parts._replace(path=f"/{BENCH_DB}"))


def measure(label: str, database_url: str, folder: Path) -> dict:
    env = {**os.environ, "DATABASE_URL": database_url}
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    run(env, "manage.py", "migrate", "--no-input", "-v0")
    figures = {}
    for phase in ("first", "second"):
        print(f"{label}, {phase} run:", file=sys.stderr)
        out = run(env, __file__, "--child", str(folder), capture=True)
        figures[phase] = json.loads(out.strip().splitlines()[-1])
        print(json.dumps(figures[phase], ensure_ascii=False), flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--database-url", help="a PostgreSQL server to measure as well")
    parser.add_argument("--seed", type=int, default=9, help="random seed of the generator")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory(prefix="import-bench-") as scratch:
        folder = Path(scratch) / "docs"
        folder.mkdir()
        articles = generate(folder, args.documents, random.Random(args.seed))
        print(f"{args.documents} documents, {articles} articles", flush=True)
        measure("SQLite", f"sqlite:///{scratch}/bench.sqlite3", folder)
        if args.database_url:
            try:
                measure("PostgreSQL", postgres(args.database_url, "create"), folder)
            finally:
                postgres(args.database_url, "drop")


if __name__ == "__main__":
    main()
