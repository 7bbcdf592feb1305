"""Time and peak memory of adding one large photo to the image library.

    .venv/bin/python bench/upload.py [--width 6000 --height 4000]

Makes a photo-like JPEG (gradients with grain) in one child process, then, in a fresh
child process with Django set up on a scratch SQLite database and `MEDIA_ROOT`, adds it
with `media.library.add` (the upload view's code path: checks, original, every rendition)
and prints the wall and CPU time and the growth of the process's peak resident memory.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_photo(path: Path, width: int, height: int) -> None:
    from PIL import Image, ImageFilter

    grain = Image.effect_noise((width // 4, height // 4), 60).resize((width, height))
    red = Image.linear_gradient("L").resize((width, height))
    blue = red.transpose(Image.Transpose.ROTATE_90).resize((width, height))
    photo = Image.merge("RGB", (red, grain, blue)).filter(ImageFilter.SMOOTH)
    photo.save(path, "JPEG", quality=88)


def measure(path: Path) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command

    from media import library

    settings.MEDIA_ROOT = Path(os.environ["BENCH_MEDIA_ROOT"])
    call_command("migrate", verbosity=0)
    data = path.read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started, cpu_started = time.perf_counter(), time.process_time()
    image, _ = library.add(SimpleUploadedFile(path.name, data, "image/jpeg"))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "size": f"{image.width}×{image.height}",
        "file_mb": round(len(data) / 1e6, 1),
        "renditions": len(image.rendition_bytes),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "peak_rss_growth_mb": round((after - before) / 1024, 1),
        "peak_rss_mb": round(after / 1024, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=6000)
    parser.add_argument("--height", type=int, default=4000)
    parser.add_argument("--make", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make_photo(args.make, args.width, args.height)
        return
    if args.measure:
        print(json.dumps(measure(args.measure), ensure_ascii=False))
        return
    with tempfile.TemporaryDirectory() as scratch:
        photo = Path(scratch) / "photo.jpg"
        me = [sys.executable, __file__, "--width", str(args.width), "--height", str(args.height)]
        subprocess.run([*me, "--make", str(photo)], check=True)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": f"sqlite:///{scratch}/bench.sqlite3",
            "BENCH_MEDIA_ROOT": f"{scratch}/media",
            "PYTHONPATH": str(ROOT),
        }
        subprocess.run([*me, "--measure", str(photo)], check=True, env=env)


if __name__ == "__main__":
    main()
