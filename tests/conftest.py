"""Shared fixtures. KGRAPH_REQUIRE_ALL=1 (set in CI) turns a missing tool into a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples" / "articles"


def require(condition: bool, reason: str) -> None:
    """Skip when ``condition`` is false, or fail when KGRAPH_REQUIRE_ALL=1 says it must hold."""
    if condition:
        return
    if os.environ.get("KGRAPH_REQUIRE_ALL") == "1":
        pytest.fail(f"required by KGRAPH_REQUIRE_ALL=1: {reason}")
    pytest.skip(reason)


def assert_valid(path: Path) -> None:
    """Fail unless the graph file or store folder at ``path`` meets ontologies/shapes.ttl.

    What ``kgraph validate`` checks; the tests call it on every graph they build.
    """
    from kgraph.validate import validate

    report = validate(path)
    assert report.conforms, f"{path} breaks the shapes:\n" + "\n".join(report.lines[:50])


def _find_shared() -> Path:
    """$KGRAPH_SHARED, else the nearest ``shared/`` beside the repository or one of its parents."""
    if "KGRAPH_SHARED" in os.environ:
        return Path(os.environ["KGRAPH_SHARED"])
    for folder in REPO.parents:
        if (folder / "shared" / "articles").is_dir():
            return folder / "shared"
    return REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The team's shared folder (sample article and its gold files), usually ../shared."""
    path = _find_shared()
    require((path / "articles").is_dir(), f"shared sample folder not found at {path}")
    return path


@pytest.fixture(scope="session")
def sample_article(shared_dir: Path) -> Path:
    return shared_dir / "articles" / "000_d9c482248d65fc47.txt"


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium driver (tests/browser.py), shared by the session's browser tests."""
    import importlib.util
    import shutil

    require(
        bool(shutil.which("chromium") and shutil.which("chromedriver")),
        "headless Chromium not installed",
    )
    require(importlib.util.find_spec("selenium") is not None, "selenium not installed")
    from browser import chromium_driver

    driver = chromium_driver()
    try:
        yield driver
    finally:
        driver.quit()
