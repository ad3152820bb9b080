"""The production-shaped server the load benchmarks talk to: gunicorn as `eenoverheid
serve` runs it (2 workers x 4 threads), on a free port, with the caller's environment
(settings, database, var folder)."""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def gunicorn(workers: int = 2, threads: int = 4):
    """Start the server, wait until it answers, yield its port; stop it afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "eenoverheid.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--backlog",
            "256",
        ],
        env=os.environ.copy(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/")
                break
            except OSError:
                time.sleep(0.1)
        time.sleep(1.0)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)
