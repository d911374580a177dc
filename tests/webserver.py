"""A real ``webbkollen workshop`` server in a subprocess, and participants that talk HTTP to it.

Used by the load, crash and browser tests and by ``benchmarks/bench_workshop.py``.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``python -m webbkollen_lib workshop`` on 127.0.0.1:``port`` with ``db``; ``kill()`` is ``kill -9``."""

    def __init__(self, db: Path, port: int, *args: str):
        self.db, self.port, self.args = Path(db), port, args
        self.process: subprocess.Popen | None = None
        self.banner = ""

    def start(self, timeout: float = 30) -> "Server":
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "webbkollen_lib", "workshop", "--db", str(self.db), "--port", str(self.port),
             "--no-qr", *self.args],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        lines = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                raise RuntimeError("the workshop server stopped:\n" + "".join(lines))
            lines.append(line)
            if "Avsluta servern med Ctrl+C" in line:
                break
        self.banner = "".join(lines)
        while time.monotonic() < deadline:  # the banner comes before waitress listens
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"the workshop server did not listen on {self.port}:\n{self.banner}")

    @property
    def code(self) -> str:
        return re.search(r"Workshopkod:\s+(\S+)", self.banner).group(1)

    @property
    def trainer_url(self) -> str:
        return re.search(r"(http://\S+/tranare\?nyckel=\S+)", self.banner).group(1)

    def kill(self) -> None:
        """``kill -9``: no chance to finish anything."""
        if self.process and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
        if self.process and self.process.stdout:
            self.process.stdout.close()


@contextmanager
def running(db: Path, *args: str, port: int | None = None):
    server = Server(db, port or free_port(), *args).start()
    try:
        yield server
    finally:
        server.stop()


class Participant:
    """One phone: its own cookie jar (the device cookie), plain HTTP/1.1 form posts."""

    def __init__(self, port: int, timeout: float = 30):
        self.port, self.timeout = port, timeout
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            headers = {}
            if self.cookies:
                headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            data = None
            if body is not None:
                data = urlencode(body, doseq=True).encode("utf-8")
                headers["Content-Type"] = "application/x-www-form-urlencoded"
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key] = rest.split(";", 1)[0]
            return response.status, dict(response.getheaders()), text
        finally:
            connection.close()

    def open(self, vignette: str = "jamila") -> int:
        return self.request("GET", f"/v/{vignette}")[0]

    def answer(self, code: str, nickname: str, risk: str, vignette: str = "jamila", **fields) -> int:
        body = {"kod": code, "smeknamn": nickname, "risk": risk, **fields}
        return self.request("POST", f"/v/{vignette}", body)[0]


def trainer(server: Server) -> Participant:
    """A client logged in as the trainer (the key's cookie)."""
    client = Participant(server.port)
    path = server.trainer_url.split(str(server.port), 1)[1]
    status = client.request("GET", path)[0]
    assert status == 303, status
    return client
