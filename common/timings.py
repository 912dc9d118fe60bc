"""Where a turn's time goes, stage by stage, for `make bench-turn` (bot/bench_turn.py).

Off unless RADIX_STAGE_LOG names a directory: then every process appends one line per timed
stage ("<stage>\t<milliseconds>") to its own file there, `<process>-<pid>.tsv`. The bench sends
one turn at a time, so each line belongs to the turn in flight. Off, a stage costs one attribute
read; nothing is opened before the first timed stage (never at import time).
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import IO, Iterator, Optional

ENV = "RADIX_STAGE_LOG"


class StageLog:
    def __init__(self) -> None:
        self._file: Optional[IO[str]] = None
        self._checked = False

    def _open(self) -> Optional[IO[str]]:
        if not self._checked:
            self._checked = True
            directory = os.environ.get(ENV, "").strip()
            if directory:
                process = Path(sys.argv[0]).parent.name or "python"
                path = Path(directory) / f"{process}-{os.getpid()}.tsv"
                path.parent.mkdir(parents=True, exist_ok=True)
                self._file = open(path, "a", buffering=1, encoding="utf-8")  # a line each
        return self._file

    @property
    def enabled(self) -> bool:
        return self._open() is not None

    def record(self, stage: str, milliseconds: float) -> None:
        out = self._open()
        if out is not None:
            out.write(f"{stage}\t{milliseconds:.3f}\n")

    @contextlib.contextmanager
    def stage(self, name: str) -> Iterator[None]:
        if self._open() is None:
            yield
            return
        started = time.perf_counter()
        try:
            yield
        finally:
            self.record(name, (time.perf_counter() - started) * 1000.0)


_LOG = StageLog()


def stage(name: str) -> contextlib.AbstractContextManager:
    """`with stage("engine"): ...` records how long the block took (when RADIX_STAGE_LOG is set)."""
    return _LOG.stage(name)


def record(name: str, milliseconds: float) -> None:
    _LOG.record(name, milliseconds)


def enabled() -> bool:
    return _LOG.enabled


def read_stage_logs(directory: Path) -> dict[str, list[float]]:
    """Every stage's durations (ms) in the files of `directory`, by stage name."""
    stages: dict[str, list[float]] = {}
    for path in sorted(Path(directory).glob("*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            name, _, value = line.rpartition("\t")
            if name:
                stages.setdefault(name, []).append(float(value))
    return stages
