"""Lighthouse scores of the reader site served as in production (gunicorn, collected
static files, the page cache), on the seed articles.

    .venv/bin/pip install -e '.[bench]'
    CHROME_PATH=/usr/bin/chromium .venv/bin/python bench/lighthouse.py

Lighthouse comes from the npm registry (`npx --yes lighthouse@12`, or `--lighthouse` to
name an installed one); its default mobile profile with simulated throttling. Prints one
row per page, each score the median of `--runs` runs (the machine may be shared), and
exits non-zero if a category scores below `--target` (default 95).
"""

import argparse
import json
import os
import shlex
import statistics
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import quote

from run import SEARCH_QUERY, gunicorn, phase_env, prepare

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Search results are `noindex` on purpose (an endless space of near-identical pages that
# search engines ask sites to keep out of their index); Lighthouse's SEO score counts
# that against the page, so it is shown but not held to the target.
NOT_HELD = {("search", "seo")}


def scores(lighthouse: list[str], url: str, out: Path) -> dict:
    command = [
        *lighthouse,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
    ]
    subprocess.run(command, check=True)
    report = json.loads(out.read_text())
    failing = {
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None
        and audit["score"] < 1
        and audit["scoreDisplayMode"] in ("binary", "numeric")
    }
    result = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    return {**result, "below_full_marks": failing}


def median_scores(lighthouse: list[str], url: str, out: Path, runs: int) -> dict:
    results = [scores(lighthouse, url, out) for _ in range(runs)]
    medians = {c: round(statistics.median(r[c] for r in results)) for c in CATEGORIES}
    return {**medians, "below_full_marks": set.union(*(r["below_full_marks"] for r in results))}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", default="npx --yes lighthouse@12")
    parser.add_argument("--target", type=int, default=95)
    parser.add_argument("--runs", type=int, default=3, help="runs per page (median)")
    args = parser.parse_args()
    lighthouse = shlex.split(args.lighthouse)
    os.environ.setdefault("CHROME_PATH", "/usr/bin/chromium")
    failures = []
    with tempfile.TemporaryDirectory(prefix="chanye-lighthouse-") as tmp:
        scratch = Path(tmp)
        env = {**phase_env(scratch, f"sqlite:///{scratch / 'db.sqlite3'}"), "SERVE_MEDIA": "1"}
        info = prepare(env, 0)
        pages = {
            "home": "/",
            "article": info["article"],
            "tag": info["tag"],
            "search": f"/search/?q={quote(SEARCH_QUERY)}",
        }
        with gunicorn(env, 2, scratch / "gunicorn.log") as port:
            print(f"{'page':<10}" + "".join(f"{name:>16}" for name in CATEGORIES))
            for name, path in pages.items():
                url = f"http://127.0.0.1:{port}{path}"
                result = median_scores(lighthouse, url, scratch / "r.json", args.runs)
                print(f"{name:<10}" + "".join(f"{result[c]:>16}" for c in CATEGORIES))
                if result["below_full_marks"]:
                    print("  not full marks: " + ", ".join(sorted(result["below_full_marks"])))
                failures += [
                    f"{name} {c}"
                    for c in CATEGORIES
                    if result[c] < args.target and (name, c) not in NOT_HELD
                ]
    if failures:
        raise SystemExit(f"below {args.target}: {', '.join(failures)}")


if __name__ == "__main__":
    main()
