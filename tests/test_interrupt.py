"""An interrupted build (Ctrl-C, SIGTERM, or killed) leaves the outputs and the store as
they were, and the same command run again finishes the build."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgraph.store import data_quads, open_source

from conftest import EXAMPLES, assert_valid

#: Copies of the examples added before the interrupted build: enough files that it can be
#: stopped halfway through its extraction.
ADDED = 40


def kgraph(*args: str | Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "kgraph", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=600)


def state(out: Path) -> tuple[bytes, bytes, set[str]]:
    """What a user would compare: graph.ttl, the store's manifest and its quads."""
    store = out / "store"
    quads = {str(q) for q in data_quads(open_source(store))}
    return (out / "graph.ttl").read_bytes(), (store / "manifest.json").read_bytes(), quads


def add_articles(folder: Path) -> None:
    """New files: the examples again, each with a line of its own so none is a duplicate."""
    sources = sorted(p for p in EXAMPLES.iterdir() if p.suffix == ".txt")
    for number in range(ADDED):
        source = sources[number % len(sources)]
        text = source.read_text(encoding="utf-8")
        extra = f"\n\nCopy {number} of this story, filed again for the archive.\n"
        (folder / f"copy-{number:03d}-{source.name}").write_text(text + extra, encoding="utf-8")


@pytest.mark.parametrize(
    "how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=lambda s: s.name
)
def test_interrupted_build_leaves_everything_as_it_was(tmp_path: Path, how: signal.Signals):
    folder, out = tmp_path / "articles", tmp_path / "out"
    shutil.copytree(EXAMPLES, folder)
    first = kgraph("build", folder, "-o", out)
    assert first.returncode == 0, first.stderr
    before = state(out)
    records = out / "store" / "extractions"
    kept = len(list(records.glob("*.json")))

    add_articles(folder)
    command = [sys.executable, "-m", "kgraph", "build", str(folder), "-o", str(out), "-j", "1"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Halfway: when half of the new files have their extraction record on disk.
    deadline = time.monotonic() + 300
    while len(list(records.glob("*.json"))) < kept + ADDED // 2:
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the build never got halfway"
        time.sleep(0.01)
    os.kill(process.pid, how)
    _, stderr = process.communicate(timeout=120)

    if how == signal.SIGKILL:
        assert process.returncode == -signal.SIGKILL
    else:
        assert process.returncode == 130, stderr
        assert "Interrupted" in stderr
        assert not (out / "store" / "oxigraph.next").exists()  # the copy was dropped
    assert state(out) == before

    again = kgraph("build", folder, "-o", out)
    assert again.returncode == 0, again.stderr
    assert f"{ADDED} extracted, 10 unchanged, 0 withdrawn" in again.stderr
    assert not (out / "store" / "oxigraph.next").exists()
    fresh = tmp_path / "fresh"
    assert kgraph("build", folder, "-o", fresh).returncode == 0
    assert state(out)[0] == state(fresh)[0]  # graph.ttl
    assert state(out)[2] == state(fresh)[2]  # the store's quads
    assert_valid(out / "store")
    # Records of the interrupted build that no manifest names were cleaned away.
    assert len(list(records.glob("*.json"))) == len(list(fresh.glob("store/extractions/*.json")))
