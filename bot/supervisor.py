"""Keeps Radix's servers running: a server that exits by itself is restarted, with backoff.

`make run` (bot/run.py) runs `Supervisor(servers).run(until)`; the tests run `step()` in a thread.
A crash is logged (stderr and logs/supervisor.log) with the exit code; the restart waits 1 s,
then 2, 4, ... up to MAX_BACKOFF_SECONDS while the server keeps crashing, and the wait goes back
to 1 s once a server has stayed up for STABLE_SECONDS. The other server keeps running meanwhile
(the Rasa server answers "Radix is having a problem" while the action server is down).
"""
from __future__ import annotations

import datetime as dt
import os
import sys
import threading
import time
from typing import Callable, Dict, Optional

from bot.launcher import ManagedProcess, ProcessGroup
from common.database import PRIVATE_FILE_MODE, private_dir

FIRST_BACKOFF_SECONDS = 1.0
MAX_BACKOFF_SECONDS = 30.0
STABLE_SECONDS = 60.0
POLL_SECONDS = 0.5


class Supervisor:
    def __init__(self, group: ProcessGroup, report: Optional[Callable[[str], None]] = None,
                 clock: Callable[[], float] = time.monotonic):
        self.group = group
        self.clock = clock
        self._report = report
        self._backoff: Dict[str, float] = {}
        self._restart_at: Dict[str, float] = {}
        self._up_since: Dict[str, float] = {}
        self.restarts: Dict[str, int] = {}
        self.lock = threading.Lock()
        self.stopped = False

    def log(self, line: str) -> None:
        stamped = f"{dt.datetime.now().isoformat(timespec='seconds')} radix supervisor: {line}"
        if self._report is not None:
            self._report(stamped)
        else:
            print(stamped, file=sys.stderr, flush=True)
        path = self.group.log_dir / "supervisor.log"
        private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE_MODE)
        with os.fdopen(fd, "a") as log:
            log.write(stamped + "\n")

    def step(self) -> None:
        """Look at every server once: schedule a restart for a crashed one, start due ones."""
        with self.lock:
            if self.stopped:
                return
            now = self.clock()
            for process in self.group.processes:
                self._look_at(process, now)

    def _look_at(self, process: ManagedProcess, now: float) -> None:
        name = process.name
        if name in self._restart_at:
            if now >= self._restart_at[name]:
                del self._restart_at[name]
                process.spawn()
                self._up_since[name] = now
                self.restarts[name] = self.restarts.get(name, 0) + 1
                self.log(f"restarted the {name} server (pid {process.pid}, restart "
                         f"{self.restarts[name]})")
            return
        code = process.exit_code()
        if code is None:
            if now - self._up_since.setdefault(name, now) >= STABLE_SECONDS:
                self._backoff.pop(name, None)
            return
        self._up_since.pop(name, None)
        delay = self._backoff.get(name, FIRST_BACKOFF_SECONDS)
        self._backoff[name] = min(MAX_BACKOFF_SECONDS, delay * 2)
        self._restart_at[name] = now + delay
        self.log(f"the {name} server exited with code {code}; restarting in {delay:g}s "
                 f"(log: {process.log_path})")

    def run(self, until: Callable[[], bool]) -> None:
        while not until():
            self.step()
            time.sleep(POLL_SECONDS)

    def stop(self) -> None:
        """Stop supervising and stop the servers (Rasa first, then the action server)."""
        with self.lock:
            self.stopped = True
            self._restart_at.clear()
            self.group.stop()
