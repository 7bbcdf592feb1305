"""Parse time of each pathological input class at 100 KB and 1 MB (CPU seconds, best of 2).

    .venv/bin/python bench/parse_speed.py

The classes are the ones `tests/test_parse_speed.py` asserts linear growth for.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from tests.test_parse_speed import CLASSES, LARGE, SMALL, body_of, document, parse_time  # noqa: E402


def main() -> None:
    print("| input class | 100 KB | 1 MB | ratio |")
    print("| --- | ---: | ---: | ---: |")
    for name, unit in CLASSES.items():
        small = min(parse_time(document(body_of(unit, SMALL))) for _ in range(2))
        large = min(parse_time(document(body_of(unit, LARGE))) for _ in range(2))
        print(f"| {name} | {small:.2f} s | {large:.2f} s | {large / max(small, 0.01):.1f} |")


if __name__ == "__main__":
    main()
