"""A real running server for concurrency tests: Django's threaded WSGI server in its own
thread (a database connection per request), with a listen queue long enough for every
client to connect at once. Like pytest-django's live server, which keeps the default
queue of 10 and resets connections beyond it."""

import json
import urllib.error
import urllib.request

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.test.testcases import LiveServerThread, _StaticFilesHandler


class _Server(ThreadedWSGIServer):
    request_queue_size = 256


class _ServerThread(LiveServerThread):
    server_class = _Server


@pytest.fixture
def threaded_server(transactional_db):
    thread = _ServerThread("127.0.0.1", _StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error

    class Server:
        url = f"http://127.0.0.1:{thread.port}"

    yield Server
    thread.terminate()


def call(method: str, url: str, token: str, body: dict | None = None) -> tuple[int, dict]:
    """One JSON request with a bearer token; (status, decoded body)."""
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode() if body is not None else None,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method=method,
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else {}
    except urllib.error.HTTPError as error:
        raw = error.read()
        try:
            return error.code, json.loads(raw)
        except ValueError:
            return error.code, {"raw": raw[:500].decode(errors="replace")}
