"""Starts and stops Radix's two processes: the action server and the Rasa server.

Used by `make run` (bot/run.py, with bot/supervisor.py restarting a crashed server) and by the
test suite, so what is tested is what runs.

- Each server runs in its own process group with umask 077: databases and logs it creates are
  private to the user; the data directory and the log files are made 0700 / 0600 here.
- Stopping is ordered: the Rasa server first (SIGTERM; it finishes the turns in progress and
  sends queued Slack/SMS replies, bot/delivery/durable.py), and only once it has exited the
  action server, which those turns may still be calling.
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional

from common.database import PRIVATE_FILE_MODE, private_dir
from common.settings import (PROJECT_ROOT, RadixSettings, rasa_server_environment,
                             runtime_environment)


class ServerStartError(RuntimeError):
    pass


def _is_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return reply.status == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


@dataclass
class ManagedProcess:
    """One server: how to start it, where it logs, how to tell it is ready."""

    name: str
    args: List[str]
    env: dict
    log_path: Path
    health_url: str
    stop_grace: float
    proc: Optional[subprocess.Popen] = None
    starts: int = 0
    on_spawn: List[Callable[["ManagedProcess"], None]] = field(default_factory=list)

    def spawn(self) -> None:
        private_dir(self.log_path.parent)
        fd = os.open(self.log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        os.chmod(self.log_path, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "ab") as log:
            self.proc = subprocess.Popen(
                self.args, cwd=PROJECT_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, so stop() reaches its children
                umask=0o077,             # files it creates (SQLite, journals) are private
            )
        self.starts += 1
        for callback in self.on_spawn:
            callback(self)

    @property
    def pid(self) -> Optional[int]:
        return self.proc.pid if self.proc else None

    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def exit_code(self) -> Optional[int]:
        return None if self.proc is None else self.proc.poll()

    def stop(self) -> None:
        """SIGTERM to its process group, SIGKILL after stop_grace seconds."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(timeout=self.stop_grace)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()


class ProcessGroup:
    """Servers started in list order and stopped in reverse order, each after the previous exited."""

    def __init__(self, processes: List[ManagedProcess], log_dir: Path):
        self.processes = processes
        self.log_dir = log_dir

    def process(self, name: str) -> ManagedProcess:
        return next(p for p in self.processes if p.name == name)

    def start(self) -> "ProcessGroup":
        for process in self.processes:
            process.spawn()
        return self

    def exited(self) -> Optional[str]:
        """A message naming a server that has stopped by itself, or None while all run."""
        for process in self.processes:
            code = process.exit_code()
            if code is not None:
                return f"the {process.name} server exited with code {code}; see {process.log_path}"
        return None

    def wait_ready(self, timeout: float = 240.0, stop_on_failure: bool = True) -> None:
        deadline = time.monotonic() + timeout
        pending = {p.name: p.health_url for p in self.processes}
        while pending and time.monotonic() < deadline:
            stopped = self.exited()
            if stopped:
                if stop_on_failure:
                    self.stop()
                raise ServerStartError(stopped)
            for name, url in list(pending.items()):
                if _is_up(url):
                    del pending[name]
            if pending:
                time.sleep(0.5)
        if pending:
            if stop_on_failure:
                self.stop()
            raise ServerStartError(
                f"Not ready after {timeout:.0f}s: {', '.join(pending)}; logs in {self.log_dir}")

    def stop(self) -> None:
        for process in reversed(self.processes):
            process.stop()

    def __enter__(self) -> "ProcessGroup":
        self.start()
        self.wait_ready()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


class RadixServers(ProcessGroup):
    """The action server and the Rasa server (all channels) for one settings object.

    `with_actions=False` starts a Rasa server only (another replica, whose RADIX_ACTION_ENDPOINT
    in `extra_env` points at a shared action server).
    """

    def __init__(self, settings: RadixSettings, extra_env: Optional[dict] = None,
                 with_actions: bool = True):
        self.settings = settings
        env = runtime_environment(settings)
        env.update(extra_env or {})
        # One key for the group's lifetime: a supervised restart keeps web sessions valid.
        if not env.get("RADIX_WEB_SESSION_KEY"):
            env["RADIX_WEB_SESSION_KEY"] = secrets.token_hex(32)
        self.env = env
        s = settings
        log_dir = s.data_dir / "logs"
        rasa_args = [
            sys.executable, "-m", "rasa", "run",
            "--model", str(s.model_path),
            "--endpoints", "bot/endpoints.yml",
            "--credentials", "bot/credentials.yml",
            "--interface", s.host,
            "--port", str(s.rasa_port),
        ]
        if s.cors_origins:  # otherwise no cross-origin browser calls at all
            rasa_args += ["--cors", *s.cors_origins]
        processes = []
        if with_actions:
            processes.append(ManagedProcess(
                "actions", [sys.executable, "-m", "actions.server", "--port", str(s.actions_port)],
                env, log_dir / "actions.log", f"http://{s.host}:{s.actions_port}/health",
                stop_grace=15.0))
        processes.append(ManagedProcess(
            "rasa", rasa_args, rasa_server_environment(s, env), log_dir / "rasa.log",
            f"{s.rasa_url}/webhooks/rest/",
            # turns in progress (cut at turn_timeout), then queued replies, then Sanic's own drain
            stop_grace=s.turn_timeout + 45.0))
        super().__init__(processes, log_dir)

    def start(self) -> "RadixServers":
        if not self.settings.model_path.exists():
            raise ServerStartError(
                f"No trained model at {self.settings.model_path}; run `make train` first."
            )
        private_dir(self.settings.data_dir)
        super().start()
        return self
