"""Run a throwaway Virtuoso (Debian's ``virtuoso-opensource``) for the push tests.

A helper for the tests, not a test module. Each server gets a fresh database in a
temporary folder and ports chosen free on 127.0.0.1, so it neither meets a packaged
service nor listens beyond this machine. A fresh database's administrator is dba/dba.
Settings follow shared/ENVIRONMENT.md; the packaged virtuoso.ini is not reused because
it loads plugins and serves on every interface.
"""

from __future__ import annotations

import json
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SERVER = "virtuoso-t"
#: Seconds to wait for the server to answer; it usually takes about 2.5 s.
START_TIMEOUT = 60
STOP_TIMEOUT = 10

_INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running server: its URLs, its administrator's credentials, and a query helper."""

    base: str
    sql_port: int
    folder: Path
    user: str = "dba"
    password: str = "dba"

    @property
    def sparql(self) -> str:
        """The anonymous (read-only) SPARQL endpoint."""
        return self.base + "/sparql"

    @property
    def sparql_auth(self) -> str:
        """The SPARQL endpoint that takes updates, behind Digest authentication."""
        return self.base + "/sparql-auth"

    @property
    def graph_store(self) -> str:
        """The Graph Store Protocol endpoint, behind Digest authentication."""
        return self.base + "/sparql-graph-crud-auth"

    def select(self, query: str) -> list[dict[str, str]]:
        """Rows of a SELECT query, each a dict of variable name → value."""
        url = self.sparql + "?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            results = json.load(response)
        return [
            {name: cell["value"] for name, cell in row.items()}
            for row in results["results"]["bindings"]
        ]

    def count(self, query: str) -> int:
        """The single number a ``SELECT (COUNT(…) AS ?n)`` query returns."""
        (row,) = self.select(query)
        return int(row["n"])


def available() -> bool:
    return shutil.which(SERVER) is not None


@contextmanager
def running_virtuoso(folder: Path) -> Iterator[Virtuoso]:
    """Start Virtuoso on a new database in ``folder``; stop it on leaving, even after a failure."""
    folder = Path(folder).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = _free_ports(2)
    ini = folder / "virtuoso.ini"
    ini.write_text(_INI.format(folder=folder, sql_port=sql_port, http_port=http_port))
    log = folder / "server.out"
    with log.open("wb") as output:
        # +foreground keeps the server our child, so terminating it here is enough.
        process = subprocess.Popen(
            [SERVER, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdout=output,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        server = Virtuoso(base=f"http://127.0.0.1:{http_port}", sql_port=sql_port, folder=folder)
        _wait_until_up(server, process, log)
        yield server
    finally:
        _stop(process)


def _free_ports(count: int) -> list[int]:
    """Ports the kernel says are free now; kept open together so they differ."""
    sockets = []
    try:
        for _ in range(count):
            s = socket.socket()
            s.bind(("127.0.0.1", 0))
            sockets.append(s)
        return [s.getsockname()[1] for s in sockets]
    finally:
        for s in sockets:
            s.close()


def _wait_until_up(server: Virtuoso, process: subprocess.Popen, log: Path) -> None:
    url = server.sparql + "?" + urllib.parse.urlencode({"query": "ASK {}"})
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}:\n{_tail(log)}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"virtuoso-t did not answer within {START_TIMEOUT} s:\n{_tail(log)}")


def _stop(process: subprocess.Popen) -> None:
    """SIGTERM (Virtuoso shuts down in about 1 s), then SIGKILL if it hangs."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def _tail(log: Path, lines: int = 20) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no server output)"
