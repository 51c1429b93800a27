"""kgraph build --dask: extraction on a Dask cluster (a LocalCluster of worker processes)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import socket
import sys
from collections import deque
from functools import partial
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.cli import app
from kgraph.incremental import extract_for_store
from kgraph.store import data_quads, open_source

from conftest import EXAMPLES, assert_valid, require

runner = CliRunner()


def _need_dask() -> None:
    require(importlib.util.find_spec("distributed") is not None, "dask.distributed not installed")


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes with one thread each, which import kgraph from this venv."""
    _need_dask()
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield cluster, client


@pytest.fixture
def articles(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    shutil.copytree(EXAMPLES, folder)
    return folder


def test_dask_build_gives_the_local_build_and_runs_on_the_workers(cluster, articles, tmp_path):
    from distributed import get_task_stream

    local_cluster, client = cluster
    address = local_cluster.scheduler_address
    local = tmp_path / "local"
    result = runner.invoke(app, ["build", str(articles), "-o", str(local), "--workers", "1"])
    assert result.exit_code == 0, result.output

    remote = tmp_path / "remote"
    # The scheduler's record of the tasks its workers ran: empty if extraction ran here.
    with get_task_stream(client) as stream:
        result = runner.invoke(app, ["build", str(articles), "-o", str(remote), "--dask", address])
    assert result.exit_code == 0, result.output
    assert "10 extracted" in result.stderr

    ran = [task for task in stream.data if task["key"].startswith("extract_shipped-")]
    assert len(ran) == 10  # one task per file
    assert {task["worker"] for task in ran} <= set(client.scheduler_info()["workers"])
    assert set(data_quads(open_source(remote / "store"))) == set(
        data_quads(open_source(local / "store"))
    )
    assert (remote / "graph.ttl").read_bytes() == (local / "graph.ttl").read_bytes()
    assert_valid(remote / "store")


def test_a_worker_needs_only_the_bytes_not_the_file(articles, tmp_path):
    """What a worker without the files (no shared file system) makes of the bytes sent."""
    from kgraph.cluster import extract_shipped

    work = partial(extract_for_store, language=None, extractor="lexicon")
    files = sorted(p for p in articles.rglob("*") if p.is_file())
    expected = [work(str(path), str(articles)) for path in files]
    data = [path.read_bytes() for path in files]
    articles.rename(tmp_path / "gone")  # the paths sent now name nothing on this machine

    shipped = [
        extract_shipped(work, str(path), str(articles), raw)
        for path, raw in zip(files, data, strict=True)
    ]
    assert shipped == expected
    assert any(json.loads(done.record)["articles"] and done.quads for done in expected)


def test_executor_keeps_input_order_with_a_small_window(cluster, articles, monkeypatch):
    """Records come in input order: files scattered or not, one gone before it was read."""
    from kgraph.cluster import DaskFiles

    monkeypatch.setattr("kgraph.cluster.SCATTER_BYTES", 1900)  # about half the files
    work = partial(extract_for_store, language=None, extractor="lexicon")
    files = [articles / "missing.txt", *sorted(articles.iterdir())]
    expected = [work(str(path), str(articles)) for path in files]
    assert "[E004]" in json.loads(expected[0].record)["problems"][0][1]

    client = cluster[1]
    scattered = []
    scatter = client.scatter
    monkeypatch.setattr(
        client, "scatter", lambda data, **kw: scattered.append(data) or scatter(data, **kw)
    )

    pool = DaskFiles(client, window=2)
    assert list(pool.map(work, map(str, files), [str(articles)] * len(files))) == expected
    assert len(scattered) == sum(path.stat().st_size > 1900 for path in files[1:]) > 0


def test_a_killed_worker_names_the_file():
    _need_dask()
    from types import SimpleNamespace

    from distributed import KilledWorker

    from kgraph.cluster import _take, _Task
    from kgraph.errors import KgraphError

    class Killed:
        def result(self, timeout=None):
            raise KilledWorker("extract_shipped-1", SimpleNamespace(address="tcp://w:1"), 3)

        def release(self):
            pass

    with pytest.raises(KgraphError, match=r"\[E064\] big\.txt: 4 Dask workers died.*tcp://w:1"):
        _take(deque([_Task("big.txt", Killed())]), None)


def test_unreachable_scheduler_is_a_clear_error(tmp_path):
    _need_dask()
    import dask

    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = runner.invoke(
            app, ["build", str(EXAMPLES), "-o", str(tmp_path), "--dask", address]
        )
    assert result.exit_code == 1
    assert "[E060]" in result.stderr
    assert address in result.stderr
    assert "Traceback" not in result.output


def test_workers_with_other_kgraph_code_are_refused(cluster, tmp_path, monkeypatch):
    # This machine's code now differs from the workers', whose kgraph is untouched.
    monkeypatch.setattr("kgraph.incremental.fingerprint", lambda **options: "other code")
    address = cluster[0].scheduler_address
    result = runner.invoke(app, ["build", str(EXAMPLES), "-o", str(tmp_path), "--dask", address])
    assert result.exit_code == 1
    assert "[E063]" in result.stderr
    assert not (tmp_path / "store").exists()


def test_a_scheduler_without_workers_is_a_clear_error(tmp_path):
    _need_dask()
    import dask
    from distributed import LocalCluster

    with (
        LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty,
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
    ):
        result = runner.invoke(
            app, ["build", str(EXAMPLES), "-o", str(tmp_path), "--dask", empty.scheduler_address]
        )
    assert result.exit_code == 1
    assert "[E062]" in result.stderr


def test_without_dask_installed_the_error_says_what_to_install(tmp_path, monkeypatch):
    from kgraph.cluster import dask_executor
    from kgraph.errors import KgraphError

    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed fails
    with pytest.raises(KgraphError, match=r"\[E061\].*pip install 'kgraph\[dask\]'"):
        dask_executor("tcp://127.0.0.1:8786").__enter__()
    result = runner.invoke(
        app, ["build", str(EXAMPLES), "-o", str(tmp_path), "--dask", "tcp://127.0.0.1:8786"]
    )
    assert result.exit_code == 1
    assert "[E061]" in result.stderr
