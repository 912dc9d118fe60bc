"""The launcher's stop order and the supervisor's restarts, with stand-in server processes.

(tests/bot/test_replicas.py does the same with the real servers: kill -9 and SIGTERM.)
"""
from __future__ import annotations

import os
import signal
import sys
import textwrap
import time
from pathlib import Path

from bot.launcher import ManagedProcess, ProcessGroup
from bot.supervisor import Supervisor

# A stand-in server: records start, SIGTERM and exit; takes `drain` seconds to finish on SIGTERM.
FAKE_SERVER = textwrap.dedent("""
    import signal, sys, time
    name, record, drain = sys.argv[1], sys.argv[2], float(sys.argv[3])
    def log(what):
        with open(record, "a") as f:
            f.write(f"{what} {name}\\n")
    def term(*_):
        log("term")
        time.sleep(drain)
        log("exit")
        sys.exit(0)
    signal.signal(signal.SIGTERM, term)
    log("start")
    while True:
        signal.pause()
""")


def fake(tmp_path: Path, name: str, drain: float = 0.0) -> ManagedProcess:
    record = tmp_path / "record.txt"
    return ManagedProcess(name, [sys.executable, "-c", FAKE_SERVER, name, str(record), str(drain)],
                          dict(os.environ), tmp_path / "logs" / f"{name}.log", "", stop_grace=20)


def record(tmp_path: Path) -> list[str]:
    path = tmp_path / "record.txt"
    return path.read_text().splitlines() if path.exists() else []


def wait_for(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not met"
        time.sleep(0.05)


def test_stop_ends_the_rasa_server_before_sigterm_reaches_the_action_server(tmp_path):
    group = ProcessGroup([fake(tmp_path, "actions"), fake(tmp_path, "rasa", drain=0.5)],
                         tmp_path / "logs")
    group.start()
    wait_for(lambda: len(record(tmp_path)) == 2)
    group.stop()
    assert record(tmp_path)[2:] == ["term rasa", "exit rasa", "term actions", "exit actions"]


def test_log_files_are_private(tmp_path):
    group = ProcessGroup([fake(tmp_path, "rasa")], tmp_path / "logs")
    group.start()
    group.stop()
    assert oct((tmp_path / "logs").stat().st_mode & 0o777) == "0o700"
    assert oct((tmp_path / "logs" / "rasa.log").stat().st_mode & 0o777) == "0o600"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_a_crashed_server_is_restarted_with_growing_then_reset_backoff(tmp_path):
    process = fake(tmp_path, "rasa")
    group = ProcessGroup([process], tmp_path / "logs")
    lines: list[str] = []
    clock = Clock()
    supervisor = Supervisor(group, report=lines.append, clock=clock)
    group.start()
    supervisor.step()  # sees it running
    try:
        def crash() -> int:
            pid = process.pid
            os.kill(pid, signal.SIGKILL)
            process.proc.wait()
            return pid

        for delay in (1, 2, 4):
            first = crash()
            supervisor.step()
            assert lines[-1].endswith(f"the rasa server exited with code -9; restarting in "
                                      f"{delay}s (log: {process.log_path})")
            supervisor.step()
            assert process.pid == first  # not before the delay
            clock.now += delay
            supervisor.step()
            assert process.pid != first and process.running()
            assert f"restarted the rasa server (pid {process.pid}" in lines[-1]
        clock.now += 60  # up for a minute: the next crash is retried after 1 s again
        supervisor.step()
        crash()
        supervisor.step()
        assert lines[-1].split("; ")[1].startswith("restarting in 1s")
        assert "restarted the rasa server" in (tmp_path / "logs" / "supervisor.log").read_text()
    finally:
        supervisor.stop()
    supervisor.step()
    assert not process.running()  # stopped means stopped: no restart after stop()
