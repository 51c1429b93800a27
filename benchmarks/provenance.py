"""Which kgraph a benchmark measured: its source folder and commit, for the header."""

from __future__ import annotations

import subprocess
from pathlib import Path

import kgraph


def kgraph_source() -> str:
    """``kgraph X from FOLDER (commit C)``, saying so when kgraph/ or ontologies/ has edits."""
    source = Path(kgraph.__file__).resolve().parent.parent
    commit = _git(source, "rev-parse", "--short", "HEAD") or "not a git checkout"
    if _git(source, "status", "--porcelain", "--", "kgraph", "ontologies"):
        commit += " + uncommitted changes in kgraph/ or ontologies/"
    return f"kgraph {kgraph.__version__} from {source} (commit {commit})"


def _git(folder: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()
