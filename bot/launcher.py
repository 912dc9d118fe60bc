"""Starts and stops Radix's two processes: the action server and the Rasa server.

Used by `make run` (bot/run.py) and by the test suite, so what is tested is what runs.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from typing import Optional

from common.settings import PROJECT_ROOT, RadixSettings, runtime_environment


class ServerStartError(RuntimeError):
    pass


def _is_up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as reply:
            return reply.status == 200
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


class RadixServers:
    """The action server and the Rasa server (REST channel) for one settings object."""

    def __init__(self, settings: RadixSettings, extra_env: Optional[dict] = None):
        self.settings = settings
        self.env = runtime_environment(settings)
        self.env.update(extra_env or {})
        self.log_dir = settings.data_dir / "logs"
        self._procs: list[tuple[str, subprocess.Popen]] = []

    def _spawn(self, name: str, args: list[str]) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")
        proc = subprocess.Popen(
            args,
            cwd=PROJECT_ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # its own process group, so stop() reaches its children
        )
        log.close()
        self._procs.append((name, proc))

    def start(self) -> "RadixServers":
        if not self.settings.model_path.exists():
            raise ServerStartError(
                f"No trained model at {self.settings.model_path}; run `make train` first."
            )
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        s = self.settings
        self._spawn("actions", [sys.executable, "-m", "actions.server", "--port", str(s.actions_port)])
        self._spawn(
            "rasa",
            [
                sys.executable, "-m", "rasa", "run",
                "--model", str(s.model_path),
                "--endpoints", "bot/endpoints.yml",
                "--credentials", "bot/credentials.yml",
                "--interface", s.host,
                "--port", str(s.rasa_port),
                "--cors", "*",
            ],
        )
        return self

    def exited(self) -> Optional[str]:
        """A message naming a server that has stopped by itself, or None while both run."""
        for name, proc in self._procs:
            if proc.poll() is not None:
                return (
                    f"the {name} server exited with code {proc.returncode}; "
                    f"see {self.log_dir / (name + '.log')}"
                )
        return None

    def wait_ready(self, timeout: float = 240.0) -> None:
        s = self.settings
        checks = {
            "actions": f"http://{s.host}:{s.actions_port}/health",
            "rasa": f"{s.rasa_url}/webhooks/rest/",
        }
        deadline = time.monotonic() + timeout
        pending = dict(checks)
        while pending and time.monotonic() < deadline:
            stopped = self.exited()
            if stopped:
                self.stop()
                raise ServerStartError(stopped)
            for name, url in list(pending.items()):
                if _is_up(url):
                    del pending[name]
            if pending:
                time.sleep(0.5)
        if pending:
            self.stop()
            raise ServerStartError(
                f"Not ready after {timeout:.0f}s: {', '.join(pending)}; logs in {self.log_dir}"
            )

    def stop(self, grace: float = 15.0) -> None:
        for _, proc in self._procs:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        deadline = time.monotonic() + grace
        for _, proc in self._procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self._procs.clear()

    def __enter__(self) -> "RadixServers":
        self.start()
        self.wait_ready()
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()


