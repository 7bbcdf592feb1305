"""The load generator of bench/run.py: timed GETs from a few threads, and their statistics."""

import http.client
import itertools
import statistics
import threading
import time

_numbers = itertools.count(1_000_000)


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
    """Add `requests` GETs of the sample's path, sent from `concurrency` threads.

    A `{n}` in the path becomes a number never sent before, so each URL is new.
    """
    remaining = iter(range(requests))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
                path = sample.path.replace("{n}", str(next(_numbers)))
            result = fetch(port, path)
            with lock:
                sample.add(*result)

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    sample.elapsed += time.perf_counter() - started
