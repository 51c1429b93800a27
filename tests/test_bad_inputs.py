"""A folder of good articles mixed with every kind of bad input: the good ones are all in
the graph, each bad one gets one error line naming it and its problem, and --strict
turns those errors into a failing exit."""

from __future__ import annotations

import codecs
import json
import os
import shutil
from pathlib import Path

import pytest
import rdflib
from typer.testing import CliRunner

from kgraph.cli import app

from conftest import EXAMPLES, assert_valid

runner = CliRunner()
KG = rdflib.Namespace("https://w3id.org/kgraph/ontology#")

# Our own sentences.
STORY = "Japan condemned North Korea on Friday over the missile launch, officials said.\n"
OTHER = "Indonesia signed a trade agreement with Vietnam in Hanoi on Tuesday.\n"
RUN_ON = " ".join(["the delegates talked about the harbour and the weather"] * 2000)

#: file -> the error code its line must carry
BAD = {
    "empty.txt": "E001",
    "binary.txt": "E002",
    "broken-utf8.txt": "E003",
    "latin1.txt": "E003",
    "huge.txt": "E019",
    "run-on.txt": "E027",  # the article is built; its 20,000-word "sentence" is not searched
    "no-text.html": "E014",
    "broken.json": "E006",
    "mixed.jsonl": "E007",  # one bad line; the good lines are built
    "unreadable.txt": "E004",
    "one.txt": "E028",
    "two.txt": "E028",
    "sub/back": "E028",
    "photo.png": "E005",
    "table.csv": "E005",
}


def make_folder(root: Path) -> Path:
    folder = root / "articles"
    shutil.copytree(EXAMPLES, folder)

    def put(name: str, data: bytes | str) -> None:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)

    put("empty.txt", b"")
    put("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    put("broken-utf8.txt", b"Russia and Ukraine \xc3\x28 met in Geneva.\n")
    put("latin1.txt", "Brazil's minister met officials in São Paulo.\n".encode("latin-1"))
    put("utf16.txt", codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"))  # good: it has a BOM
    put("huge.txt", ("Nothing happened in the harbour today. " * 25 + "\n") * 52_000)  # 50 MB
    put("run-on.txt", f"{OTHER}\n{RUN_ON}\n")
    put("malformed.html", f"<html><body><div><p>{STORY}<p>{OTHER}<b><i></div></span></html")
    put("no-text.html", "<html><head><title>x</title></head><body><div><b></b></div>")
    put("broken.json", '{"title": "Half a record", "text": "Japan')
    lines = [{"id": "a", "text": STORY}, "{not json", {"id": "b", "text": OTHER}]
    put("mixed.jsonl", "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines))
    put("unreadable.txt", STORY)
    (folder / "unreadable.txt").chmod(0)
    (folder / "one.txt").symlink_to(folder / "two.txt")
    (folder / "two.txt").symlink_to(folder / "one.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "back").symlink_to(folder, target_is_directory=True)
    put("photo.png", b"\x89PNG\r\n\x1a\n")
    put("table.csv", "country,capital\nJapan,Tokyo\n")
    return folder


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = make_folder(tmp_path)
    if os.geteuid() == 0:  # root reads a mode-000 file: make the read fail as it would
        unreadable = folder / "unreadable.txt"
        read_bytes = Path.read_bytes

        def refuse(self: Path) -> bytes:
            if self == unreadable or self.resolve() == unreadable:
                raise PermissionError(13, "Permission denied", str(self))
            return read_bytes(self)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    return folder


def test_bad_inputs_each_get_one_line_and_the_rest_builds(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(folder), "-o", str(out)])
    assert result.exit_code == 0, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("[E")]
    for name, code in BAD.items():
        mine = [line for line in errors if f"{folder / name}:" in line]
        assert len(mine) == 1, (name, mine)
        assert mine[0].startswith(f"[{code}]"), (name, mine[0])
    assert len(errors) == len(BAD)  # and nothing else complained
    assert f"{len(BAD)} problem(s) reported" in result.stderr

    graph = rdflib.Graph().parse(out / "graph.ttl")
    articles = {
        str(a).rsplit("/article/", 1)[1] for a in graph.subjects(rdflib.RDF.type, KG.Article)
    }
    good = {p.stem for p in EXAMPLES.iterdir() if p.suffix != ".jsonl"}
    assert good | {"utf16", "malformed", "run-on", "a", "b"} <= articles  # a, b: JSONL ids
    assert not articles & {"empty", "binary", "broken-utf8", "latin1", "huge", "unreadable"}
    assert_valid(out / "graph.ttl")
    assert_valid(out / "store")
    sentences = {str(s) for s in graph.objects(None, KG.sentence)}
    assert STORY.strip() in sentences  # from the UTF-16 file, the HTML and the JSONL
    assert OTHER.strip() in sentences  # the run-on file's good sentence was searched


def test_strict_fails_on_bad_inputs_but_still_builds(folder: Path, tmp_path: Path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(folder), "-o", str(out), "--strict"])
    assert result.exit_code == 1
    assert (out / "graph.ttl").is_file()
    assert f"{len(BAD)} problem(s) reported" in result.stderr
