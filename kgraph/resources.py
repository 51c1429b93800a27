"""Where the data files (ontology, gazetteer, lexicons, queries) live."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def ontology_dir() -> Path:
    """The `ontologies/` folder: $KGRAPH_ONTOLOGIES, the copy inside a wheel, or the repo's.

    An editable install reads the repository's folder, so a user who edits a
    gazetteer or lexicon file sees the change on the next run.
    """
    override = os.environ.get("KGRAPH_ONTOLOGIES")
    candidates = [Path(override)] if override else []
    candidates += [_PACKAGE / "ontologies", _PACKAGE.parent / "ontologies"]
    for candidate in candidates:
        if (candidate / "kgraph.ttl").is_file():
            return candidate
    raise FileNotFoundError(
        "kgraph cannot find its ontologies/ folder; looked in "
        + ", ".join(str(c) for c in candidates)
    )
