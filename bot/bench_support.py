"""What the turn benchmarks share: the `rasa init` bot, Radix under test, HTTP turns, percentiles."""
from __future__ import annotations

import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Optional

from bot.launcher import RadixServers
from common.settings import PROJECT_ROOT, load_settings

INIT_DIR = PROJECT_ROOT / ".rasa" / "bench-init"
INIT_MODEL = INIT_DIR / "models" / "init.tar.gz"
_connections = threading.local()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile, nearest rank (0.0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, int(round(q / 100.0 * len(ordered) + 0.5 - 1e-9)))
    return ordered[min(rank, len(ordered)) - 1]


def train_init_bot() -> Path:
    """The bot `rasa init` makes (its files as Rasa ships them), trained once; the cached model."""
    if INIT_MODEL.exists():
        return INIT_MODEL
    import rasa.cli

    template = Path(rasa.cli.__file__).parent / "initial_project"
    project = INIT_DIR / "project"
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(template, project)
    subprocess.run([sys.executable, "-m", "rasa", "train", "--out", str(INIT_MODEL.parent),
                    "--fixed-model-name", "init"], cwd=project, check=True,
                   env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
                   stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    return INIT_MODEL


def start_init_bot(model: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "rasa", "run", "--model", str(model), "--port", str(port),
             "--interface", "127.0.0.1", "--credentials", "credentials.yml"],
            cwd=INIT_DIR / "project", stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    return proc, f"http://127.0.0.1:{port}"


def wait_up(url: str, proc: subprocess.Popen, log: Path, timeout: float = 240.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the init bot exited; see {log}")
        try:
            post_turn(url, "probe", "hello")
            return
        except (OSError, RuntimeError, http.client.HTTPException):
            time.sleep(0.5)
    raise RuntimeError(f"the init bot was not up after {timeout:.0f}s; see {log}")


def post_turn(base_url: str, sender: str, text: str, token: Optional[str] = None) -> list:
    """One REST turn on this thread's kept-alive connection; the bot's messages."""
    parts = urllib.parse.urlsplit(base_url)
    key = (parts.hostname, parts.port)
    pool = getattr(_connections, "pool", None)
    if pool is None:
        pool = _connections.pool = {}
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = json.dumps({"sender": sender, "message": text})

    def send() -> list:
        connection = pool.get(key) or http.client.HTTPConnection(*key, timeout=120)
        pool[key] = connection
        try:
            connection.request("POST", "/webhooks/rest/webhook", body, headers)
            reply = connection.getresponse()
            data = reply.read()
        except (http.client.HTTPException, ConnectionError):
            connection.close()
            pool.pop(key, None)
            raise
        if reply.status != 200:
            raise RuntimeError(f"{base_url}: HTTP {reply.status}: {data[:200]!r}")
        return json.loads(data)

    try:
        return send()
    except (http.client.HTTPException, ConnectionError):
        return send()  # a kept-alive connection the server had closed: once more, on a new one


def pin(pid: int, cores: list[int]) -> None:
    """Every thread of process `pid` onto `cores` (TensorFlow runs threads of its own)."""
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            os.sched_setaffinity(int(task.name), cores)
        except (ProcessLookupError, PermissionError):
            pass


class RadixUnderTest:
    """Radix's two servers on embedded defaults in `data_dir`, a REST token of its own."""

    def __init__(self, data_dir: Path, extra_env: Optional[dict] = None):
        self.token = secrets.token_urlsafe(16)
        env = {"RADIX_DATA_DIR": str(data_dir), "RADIX_PORT": str(free_port()),
               "RADIX_ACTIONS_PORT": str(free_port()), "RADIX_REST_TOKEN": self.token,
               **(extra_env or {})}
        self.settings = load_settings({**os.environ, **env})
        self.servers = RadixServers(self.settings, extra_env=env)
        self.url = self.settings.rasa_url

    def start(self) -> "RadixUnderTest":
        self.servers.start()
        self.servers.wait_ready()
        return self

    def pids(self) -> list[int]:
        return [p.pid for p in self.servers.processes if p.pid]

    def stop(self) -> None:
        self.servers.stop()
