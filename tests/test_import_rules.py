"""Rooms and what each may import (docs/architecture.md).

    common  -> nothing of Radix (the bottom layer)
    nlu     -> common
    actions -> common, nlu (the CLI extracts free text before assessing it)
    bot     -> common           (never actions: the Rasa server and the action server are apart)

Every import in every module counts, including those inside functions.
"""
import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROOMS = ("common", "nlu", "actions", "bot")
ALLOWED = {
    "common": {"common"},
    "nlu": {"common", "nlu"},
    "actions": {"common", "nlu", "actions"},
    "bot": {"common", "bot"},
}


def radix_imports(path: Path) -> list[tuple[int, str]]:
    """(line, top-level Radix package) for every import in a module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found += [(node.lineno, name.split(".")[0]) for name in names if name.split(".")[0] in ROOMS]
    return found


def modules(room: str) -> list[Path]:
    return sorted((ROOT / room).rglob("*.py"))


@pytest.mark.parametrize("room", ROOMS)
def test_each_room_imports_only_what_it_may(room):
    assert modules(room), f"no modules under {room}/"
    breaches = [f"{path.relative_to(ROOT)}:{line} imports {target}"
                for path in modules(room) for line, target in radix_imports(path)
                if target not in ALLOWED[room]]
    assert breaches == []


def test_the_checker_sees_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\n\ndef f():\n    from actions.dialogue import replies\n    import bot.channels\n")
    assert radix_imports(module) == [(4, "actions"), (5, "bot")]


def test_modules_stay_small():
    # House style: a module a reader can hold in mind (about 450 lines at most).
    long = [f"{path.relative_to(ROOT)}: {n} lines" for room in ROOMS for path in modules(room)
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 460]
    assert long == []
