"""Extraction on a Dask cluster: an Executor that sends each file, bytes and all, to a worker.

Workers need kgraph (the same version) but not the files: the client reads each file
and sends its bytes with the task, and the worker reads the articles from the bytes
under the file's own path, so article ids and ``kg:file`` are what a local build gives.
The bytes cost little next to the extraction (a few kB per article against tens of
milliseconds of parsing), and no shared file system has to be set up or kept in step.

Tasks go out in a window of a few per worker thread and results come back in input
order, one at a time, so memory stays flat however large the corpus; the client
reads the manifest, merges the statements and writes the store (see
:mod:`kgraph.incremental`).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kgraph.errors import Errors, KgraphError

if TYPE_CHECKING:
    from distributed import Client, Future

__all__ = ["DaskFiles", "dask_executor"]

#: Tasks in flight per worker thread: enough to keep every thread busy while results
#: travel back, few enough that neither side holds much.
TASKS_PER_THREAD = 4
#: Larger files go to a worker on their own (Client.scatter); Dask warns about task
#: graphs of more than a few MB, and the scheduler need not carry them.
SCATTER_BYTES = 1 << 20


@contextmanager
def dask_executor(address: str) -> Iterator[DaskFiles]:
    """Connect to the Dask scheduler at ``address`` and yield an Executor for `update_store`.

    The connection waits as long as Dask's ``distributed.comm.timeouts.connect`` setting
    (30 s unless ``DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT`` says otherwise). On exit
    the client is closed; the scheduler and the workers go on running.

    Raises
    ------
    KgraphError
        [E061] when dask.distributed is not installed, [E060] when the scheduler cannot
        be reached, [E062] when it has no workers, [E063] when the workers run other
        kgraph code than this machine (their statements could differ); later, from the
        Executor's results, [E064] when a file's task killed its workers.
    """
    try:
        from distributed import Client
    except ImportError:
        raise KgraphError(Errors.E061) from None
    try:
        client = Client(address, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise KgraphError(Errors.E060.format(address=address, detail=exc)) from None
    try:
        threads = _wait_for_threads(client, address)
        _check_code(client, address)
        yield DaskFiles(client, window=TASKS_PER_THREAD * threads)
    finally:
        client.close()


class DaskFiles(Executor):
    """An Executor whose ``map(fn, paths, roots)`` runs ``fn(path, root)`` on Dask workers.

    ``fn`` must take a file, its root and ``data=`` (the file's bytes), as
    `kgraph.incremental.extract_for_store` does; the bytes travel with the task (see the module
    docstring). At most ``window`` tasks are in flight.
    """

    def __init__(self, client: Client, *, window: int) -> None:
        self._client = client
        self._window = max(1, window)

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        return self._client.get_executor().submit(fn, *args, **kwargs)

    def map(
        self,
        fn: Callable[..., Any],
        *iterables: Iterable[str | Path],
        timeout: float | None = None,
        chunksize: int = 1,
    ) -> Iterator[Any]:
        """The results of ``fn(path, root, data=...)`` for each path and root, in input order."""
        paths, roots = iterables
        return self._results(fn, zip(paths, roots, strict=True), timeout)

    def _results(
        self, fn: Callable[..., Any], files: Iterator[tuple], timeout: float | None
    ) -> Iterator[Any]:
        pending: deque[_Task] = deque()
        try:
            for path, root in files:
                pending.append(self._send(fn, str(path), str(root)))
                if len(pending) >= self._window:
                    yield _take(pending, timeout)
            while pending:
                yield _take(pending, timeout)
        finally:
            self._client.cancel([task.future for task in pending if task.future is not None])

    def _send(self, fn: Callable[..., Any], path: str, root: str) -> _Task:
        try:
            data = Path(path).read_bytes()
        except OSError:
            # Unreadable here: the reader's own problem record, as a local build gives it.
            return _Task(path, None, fn(path, root))
        if len(data) > SCATTER_BYTES:
            # Straight to a worker, not through the scheduler inside the task.
            data = self._client.scatter(data, hash=False)
        return _Task(path, self._client.submit(extract_shipped, fn, path, root, data, pure=False))


@dataclass(slots=True)
class _Task:
    """A file sent to the cluster (``future``), or already done here (``result``)."""

    path: str
    future: Future | None
    result: Any = None


def extract_shipped(fn: Callable[..., Any], path: str, root: str, data: bytes) -> Any:
    """On a worker: ``fn(path, root, data=data)``, the file's content without the file."""
    return fn(path, root, data=data)


def _take(pending: deque[_Task], timeout: float | None) -> Any:
    """The oldest result, released on the cluster as soon as it is here."""
    from distributed import KilledWorker

    task = pending.popleft()
    if task.future is None:
        return task.result
    try:
        return task.future.result(timeout=timeout)
    except KilledWorker as exc:
        worker = getattr(exc.last_worker, "address", exc.last_worker)
        count = exc.allowed_failures + 1
        raise KgraphError(Errors.E064.format(path=task.path, count=count, worker=worker)) from None
    finally:
        task.future.release()


def _wait_for_threads(client: Client, address: str) -> int:
    """The worker threads of the cluster, after waiting (as long as a connect) for one."""
    from dask.config import get
    from dask.utils import parse_timedelta

    wait = parse_timedelta(get("distributed.comm.timeouts.connect"))
    try:
        client.wait_for_workers(1, timeout=wait)
    except TimeoutError:
        raise KgraphError(Errors.E062.format(address=address, wait=wait)) from None
    return sum(client.nthreads().values())


def _check_code(client: Client, address: str) -> None:
    """Refuse workers whose kgraph (code, ontology, data) is not this machine's."""
    here = code_digest()
    try:
        theirs = client.run(code_digest)
    except (ImportError, ModuleNotFoundError) as exc:
        raise KgraphError(Errors.E063.format(address=address, detail=exc)) from None
    other = sorted(worker for worker, digest in theirs.items() if digest != here)
    if other:
        detail = f"{', '.join(other)} run other kgraph code or data than this machine"
        raise KgraphError(Errors.E063.format(address=address, detail=detail))


def code_digest() -> str:
    """A digest of kgraph's version, code, ontology and data: what decides a file's record."""
    from kgraph.incremental import fingerprint

    return fingerprint(extractor="", language=None)  # it hashes kgraph's version too
