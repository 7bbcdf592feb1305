"""bench/run.py: production settings, served over plain HTTP on loopback.

Static files are collected into the benchmark's scratch directory (BENCH_STATIC_ROOT).
"""

import os

from .prod import *  # noqa: F403

SECURE_SSL_REDIRECT = False
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)  # noqa: F405
