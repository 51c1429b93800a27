"""Reading article files of every supported kind, and cleaning them without moving text."""

from __future__ import annotations

import codecs
import json
from dataclasses import replace
from pathlib import Path

import pytest

from kgraph.documents import (
    SUPPORTED_SUFFIXES,
    ReadProblem,
    clean_article,
    iter_files,
    load_articles,
    read_file,
    read_file_with_problems,
    read_text,
)
from kgraph.errors import InputError, KgraphError
from kgraph.model import Article

# Invented news items, written for these tests.
EN_ITEM = "\n".join(
    [
        "Harbour talks stall over fishing rights",
        "",
        "REYKJAVIK, Nov 9 (Reuters) - Negotiators from Norland and Vestmark failed on"
        " Thursday to agree on fishing quotas for the disputed northern shelf, officials"
        " from both sides said.",
        "The talks will resume in December, the Norland fisheries ministry said in a statement.",
        "(Reporting by Anna Berg and Tomas Lind in Oslo; Editing by Clara Voss)",
        "Our Standards: The Example Trust Principles.",
        "More Stories",
        "Pop star announces surprise wedding on a glacier",
        "",
    ]
)

ID_ITEM = "\n".join(
    [
        "JAKARTA, 12 Januari (ANTARA) - Pemerintah Kabupaten Lembah Hijau meresmikan jembatan"
        " baru di atas Sungai Cerah pada Senin, kata bupati setempat.",
        "Baca juga: Warga desa menanam seribu pohon di lereng bukit",
        "Jembatan sepanjang 120 meter itu menghubungkan dua kecamatan yang selama ini hanya"
        " terhubung oleh perahu.",
        "Pewarta: Rini Astuti",
        "Editor: Bambang Wirawan",
        "Baca juga",
        "Harga cabai naik menjelang hari raya",
        "",
    ]
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><title>Ministers meet over river dispute | Daily Harbour</title>
<meta name="author" content="Mara Quint">
<meta property="article:published_time" content="2024-03-05T08:00:00Z">
<link rel="canonical" href="https://example.org/news/river-dispute">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport menu link</a></li></ul></nav>
<div class="menu">Subscribe now for unlimited access</div>
<article>
<h1>Ministers meet over river dispute</h1>
<p>LISBON, March 5 (Harbour Wire) - Foreign ministers from Veloria and Castamar met on Tuesday
to discuss a long-running dispute over the shared Ostra river, officials said.</p>
<p>The two governments agreed to set up a joint commission that will study water flows and
report back within six months, according to a statement issued after the talks.</p>
<p>"We have chosen dialogue over confrontation," the Velorian minister told reporters outside
the conference hall, adding that engineers from both sides would meet next week.</p>
</article>
<footer><p>Copyright 2024 Daily Harbour. Privacy policy and cookie settings.</p></footer>
</body></html>
"""


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def only_article(items: list[Article | ReadProblem]) -> Article:
    assert len(items) == 1, items
    assert isinstance(items[0], Article), items[0]
    return items[0]


def only_problem(items: list[Article | ReadProblem]) -> ReadProblem:
    assert len(items) == 1, items
    assert isinstance(items[0], ReadProblem), items[0]
    return items[0]


# ----------------------------------------------------------------- the sample article


def test_sample_article_is_cleaned_in_place(sample_article: Path) -> None:
    raw = sample_article.read_text(encoding="utf-8").replace("\r\n", "\n")
    article = only_article(list(load_articles([sample_article])))

    assert article.id == sample_article.stem
    assert len(article.text) == len(raw)
    assert (article.place, article.agency, article.date) == ("SEOUL", "Reuters", "--11-09")
    assert article.language == "id"

    names = ["Jo Min Park", "Hyunsoo Yim", "Soo Hyang Choi", "Josh Smith", "Jack Kim"]
    editors = ["Ed Davies", "Lincoln Feast", "Robert Birsel"]
    assert article.authors[: len(names) + 1] == [*names[:3], "Muhammad", *names[3:]]
    assert article.editors == editors
    for name in [*names, *editors]:
        assert name not in article.text

    assert "Kamala" not in article.text
    assert "More Stories" not in article.text
    assert "Standar kami" not in article.text
    assert "Reuters" not in article.text
    lead = "Menteri Luar Negeri Amerika Serikat"
    assert article.text.index(lead) == raw.index(lead) > 0
    # The last real sentence survives, at its place.
    last = "setelah menerima bantuan teknis dari Rusia."
    assert article.text.index(last) == raw.index(last)


# ------------------------------------------------------------------------- cleaning


def test_english_item_dateline_credits_and_tail(tmp_path: Path) -> None:
    path = write(tmp_path, "harbour.txt", EN_ITEM)
    article = only_article(list(load_articles([path])))

    assert article.title == "Harbour talks stall over fishing rights"
    assert article.text.startswith(article.title)  # the title stays in the text
    assert (article.place, article.agency, article.date) == ("REYKJAVIK", "Reuters", "--11-09")
    assert article.authors == ["Anna Berg", "Tomas Lind"]
    assert article.editors == ["Clara Voss"]
    assert article.language == "en"

    assert len(article.text) == len(EN_ITEM)
    assert article.text.count("\n") == EN_ITEM.count("\n")
    for gone in ("REYKJAVIK", "(Reuters)", "Anna Berg", "Oslo", "Our Standards", "glacier"):
        assert gone not in article.text
    sentence = "Negotiators from Norland"
    assert article.text.index(sentence) == EN_ITEM.index(sentence)
    assert "The talks will resume in December" in article.text


def test_indonesian_item_inline_link_and_bare_baca_juga(tmp_path: Path) -> None:
    path = write(tmp_path, "jembatan.txt", ID_ITEM)
    article = only_article(list(load_articles([path])))

    assert (article.place, article.agency, article.date) == ("JAKARTA", "ANTARA", "--01-12")
    assert article.authors == ["Rini Astuti"]
    assert article.editors == ["Bambang Wirawan"]
    assert article.language == "id"
    assert article.title is None
    # "Baca juga: <headline>" loses only its own line; a bare "Baca juga" ends the article.
    assert "Warga desa" not in article.text
    assert "Jembatan sepanjang 120 meter" in article.text
    assert "cabai" not in article.text
    assert "Baca juga" not in article.text
    assert len(article.text) == len(ID_ITEM)


def test_cleaning_twice_changes_nothing() -> None:
    once = clean_article(
        Article(id="x", text=EN_ITEM, title="Harbour talks stall over fishing rights")
    )
    assert clean_article(once) == once
    other = clean_article(Article(id="y", text=ID_ITEM))
    assert clean_article(other) == other


def test_cleaning_does_not_change_its_input() -> None:
    article = Article(id="x", text=ID_ITEM)
    clean_article(article)
    assert article.text == ID_ITEM
    assert article.authors == []


@pytest.mark.parametrize(
    ("first_line", "place", "agency", "date"),
    [
        ("WASHINGTON, Nov 9 (Reuters) - ", "WASHINGTON", "Reuters", "--11-09"),
        ("SEOUL, 9 November (Reuters) – ", "SEOUL", "Reuters", "--11-09"),
        ("KYIV (AP) — ", "KYIV", "AP", None),
        ("Jakarta, 3 Maret 2024 — ", "Jakarta", None, "2024-03-03"),
        ("LONDON, Sept. 30, 2023 (Reuters) - ", "LONDON", "Reuters", "2023-09-30"),
        ("BANDA ACEH, 17 Agt (ANTARA) - ", "BANDA ACEH", "ANTARA", "--08-17"),
        ("NEW DELHI/ISLAMABAD, Dec 2 (Reuters) - ", "NEW DELHI/ISLAMABAD", "Reuters", "--12-02"),
        ("JAKARTA, KOMPAS.com - ", "JAKARTA", "KOMPAS.com", None),
        ("TEMPO.CO, Jakarta - ", "Jakarta", "TEMPO.CO", None),
        ("KYIV, Ukraine, Sept. 27, 2024 (AP) — ", "KYIV", "AP", "2024-09-27"),
        ("PRISTINA, Kosovo (AP) — ", "PRISTINA", "AP", None),
        ("Jakarta, CNN Indonesia -- ", "Jakarta", "CNN Indonesia", None),
    ],
)
def test_dateline_forms(first_line: str, place: str, agency: str | None, date: str | None) -> None:
    body = "Officials met on the border to discuss trade.\nA second paragraph follows."
    article = clean_article(Article(id="d", text=first_line + body))
    assert (article.place, article.agency, article.date) == (place, agency, date)
    assert article.text == " " * len(first_line) + body


@pytest.mark.parametrize(
    ("metadata_date", "dateline", "expected"),
    [
        ("2023-11-10", "SEOUL, 9 November (Reuters) - ", "2023-11-09"),
        # Published on 3 January: a 31 December dateline belongs to the year before.
        ("2024-01-03", "MANILA, 31 Desember (Reuters) - ", "2023-12-31"),
        # A year in the dateline wins over the metadata's.
        ("2024-01-03", "Jakarta, 30 Desember 2022 - ", "2022-12-30"),
    ],
)
def test_dateline_year_from_metadata(metadata_date: str, dateline: str, expected: str) -> None:
    text = dateline + "The ministers signed the agreement."
    article = clean_article(Article(id="d", text=text, date=metadata_date))
    assert article.date == expected


@pytest.mark.parametrize(
    "text",
    [
        "Indonesia - Australia talks resumed on Monday in Canberra.",
        "The minister (centre) spoke to reporters on Friday.",
        "Presiden Joko Widodo menghadiri upacara di Istana Merdeka.",
    ],
)
def test_ordinary_first_lines_are_not_datelines(text: str) -> None:
    article = clean_article(Article(id="n", text=text))
    assert article.text == text
    assert (article.place, article.agency, article.date) == (None, None, None)


def test_dateline_after_a_title_line() -> None:
    text = "Floods close mountain roads\n\nKUTAISI, 4 May (Reuters) - Heavy rain closed two passes."
    article = read_text(text)
    assert article.title == "Floods close mountain roads"
    assert (article.place, article.date) == ("KUTAISI", "--05-04")
    assert article.text.startswith("Floods close mountain roads\n\n")
    assert article.text.endswith("Heavy rain closed two passes.")


@pytest.mark.parametrize(
    ("line", "authors", "editors"),
    [
        ("By Jane Doe", ["Jane Doe"], []),
        ("By Jane Doe and Omar al-Farsi", ["Jane Doe", "Omar al-Farsi"], []),
        ("Reporting by Ana Ruiz; Editing by Ben Ode", ["Ana Ruiz"], ["Ben Ode"]),
        ("Additional reporting by Kim Lee in Busan", ["Kim Lee"], []),
        (
            "Writing by Lars Holm; editing by Mia Dahl and Per Nes",
            ["Lars Holm"],
            ["Mia Dahl", "Per Nes"],
        ),
        ("Penulis: Dewi Lestari", ["Dewi Lestari"], []),
        ("Editor: Agus Salim", [], ["Agus Salim"]),
        (
            "(Laporan oleh Budi Santoso dan Wulan Sari – Disiapkan oleh Ahmad untuk Buletin Timur)"
            " Laporan tambahan oleh Tari Rahma. Ditulis oleh Hendra Gunawan,"
            " diedit oleh Yusuf Kalla, Nia Ramadhani",
            ["Budi Santoso", "Wulan Sari", "Ahmad", "Tari Rahma", "Hendra Gunawan"],
            ["Yusuf Kalla", "Nia Ramadhani"],
        ),
    ],
)
def test_credit_lines(line: str, authors: list[str], editors: list[str]) -> None:
    text = f"Talks began on Monday.\n{line}\nThe talks ended on Friday.\n"
    article = clean_article(Article(id="c", text=text))
    assert article.authors == authors
    assert article.editors == editors
    assert article.text == text.replace(line, " " * len(line))


def test_parenthesised_credit_at_end_of_a_paragraph() -> None:
    text = "The port reopened on Sunday. (Reporting by Ana Ruiz; Editing by Ben Ode)\nMore text."
    article = clean_article(Article(id="c", text=text))
    assert article.authors == ["Ana Ruiz"]
    assert article.editors == ["Ben Ode"]
    assert article.text.startswith("The port reopened on Sunday. ")
    assert "Reporting" not in article.text
    assert article.text.endswith("\nMore text.")


def test_metadata_authors_are_kept_first_and_not_repeated() -> None:
    text = "The bridge opened.\nReporting by Ana Ruiz and Jo Park\n"
    article = clean_article(Article(id="c", text=text, authors=["Jo Park"]))
    assert article.authors == ["Jo Park", "Ana Ruiz"]


@pytest.mark.parametrize(
    "line",
    [
        "By the end of the week, the border crossing had reopened.",
        "Laporan oleh lembaga itu belum dipublikasikan.",
        "Editor of the newspaper, Sam Hill, resigned.",
        "Related coverage of the summit was broadcast in twelve countries on Monday.",
    ],
)
def test_sentences_that_look_like_credits_or_tails_are_kept(line: str) -> None:
    text = f"Talks began on Monday.\n{line}\nThey ended on Friday."
    article = clean_article(Article(id="c", text=text))
    assert article.text == text
    assert article.authors == article.editors == []


@pytest.mark.parametrize("marker", ["Read more", "Baca juga:", "Related coverage", "MORE STORIES"])
def test_tail_markers_blank_to_the_end(marker: str) -> None:
    text = f"The dam was finished in May.\n{marker}\nAnother story entirely\nAnd one more\n"
    article = clean_article(Article(id="t", text=text))
    assert article.text.strip() == "The dam was finished in May."
    assert len(article.text) == len(text)


def test_read_more_with_a_headline_is_one_link() -> None:
    text = "The dam was finished in May.\nRead more: Drought hits the valley\nWater is stored."
    article = clean_article(Article(id="t", text=text))
    assert article.text.split("\n")[1].strip() == ""
    assert article.text.endswith("Water is stored.")


# -------------------------------------------------------------------------- formats


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    text = (
        "# Rain returns to the valley\n\nFarmers in the valley welcomed the first rain in months.\n"
    )
    article = only_article(list(load_articles([write(tmp_path, "rain.md", text)])))
    assert article.title == "Rain returns to the valley"
    assert "#" not in article.text
    assert article.text.index("Farmers") == text.index("Farmers")


def test_text_title_needs_a_short_line_and_a_blank_line(tmp_path: Path) -> None:
    no_blank = "Short first line\nSecond line of the body.\n"
    ends_with_period = "This first line is a sentence.\n\nBody text follows here.\n"
    for name, text in [("a.txt", no_blank), ("b.txt", ends_with_period)]:
        assert read_file(write(tmp_path, name, text))[0].title is None


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "web/river.html", HTML_PAGE)
    article = only_article(list(load_articles([tmp_path])))

    assert article.id == "web/river"
    assert article.path == str(path)
    assert article.title == "Ministers meet over river dispute"
    assert article.date == "2024-03-05"  # the dateline's "March 5" takes the page's year
    assert (article.place, article.agency) == ("LISBON", "Harbour Wire")
    assert article.authors == ["Mara Quint"]
    assert article.url == "https://example.org/news/river-dispute"
    assert article.language == "en"
    assert "Foreign ministers from Veloria and Castamar" in article.text
    for chrome in ("Sport menu link", "Subscribe now", "Privacy policy", "Copyright"):
        assert chrome not in article.text


def test_malformed_html_still_gives_its_text(tmp_path: Path) -> None:
    page = (
        "<html><body<<div><p>The lighthouse on Kestrel Point was relit on Saturday"
        " after <b>ten years of darkness</p></div></span><p>Volunteers repaired the lamp"
        " and painted the tower.</i></html>"
    )
    article = read_file(write(tmp_path, "broken.html", page))[0]
    assert "The lighthouse on Kestrel Point was relit" in article.text
    assert "<" not in article.text


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><nav>Home | World | Sport</nav></body></html>",
        "<html><body><script>var headline = 'Not text';</script></body></html>",
        "<html><head><title>Only a title</title></head><body></body></html>",
    ],
)
def test_html_without_main_text_is_a_problem_not_a_crash(tmp_path: Path, page: str) -> None:
    path = write(tmp_path, "broken.htm", page)
    articles, problems = read_file_with_problems(path)
    assert articles == []
    assert problems[0].message.startswith(f"[E014] {path}: ")


def test_json_records_and_fields(tmp_path: Path) -> None:
    records = [
        {
            "id": "wire-17",
            "title": "Ferry service restored",
            "body": "The island ferry sailed again on Monday after repairs.",
            "published_at": "2024-03-05T08:00:00+07:00",
            "source": "Island Post",
            "lang": "en-GB",
            "authors": "Ana Ruiz, Ben Ode",
            "url": "https://example.org/ferry",
        },
        {"content": "Layanan kapal feri kembali normal pada hari Senin.", "date": "5 Maret 2024"},
        {"title": "No text here"},
        {"text": "Rapat dimulai pukul sembilan.", "datePublished": "Tue, 05 Mar 2024 10:00:00 GMT"},
        {
            "text": "Undated item from the wire.",
            "date": "sometime last spring",
            "author": ["Kim Lee"],
        },
    ]
    path = write(tmp_path, "feed/batch.json", json.dumps(records))
    articles, problems = read_file_with_problems(path, root=tmp_path)

    assert [a.id for a in articles] == ["wire-17", "feed/batch/2", "feed/batch/4", "feed/batch/5"]
    first = articles[0]
    assert first.text == "The island ferry sailed again on Monday after repairs."
    assert (first.title, first.source, first.url) == (
        "Ferry service restored",
        "Island Post",
        "https://example.org/ferry",
    )
    assert first.authors == ["Ana Ruiz", "Ben Ode"]
    assert first.language == "en"
    assert [a.date for a in articles] == ["2024-03-05", "2024-03-05", "2024-03-05", None]
    assert articles[3].authors == ["Kim Lee"]
    assert [p.message for p in problems] == [
        f"[E008] {path}:record 3: no article text found (looked for fields text, body, content)"
    ]


def test_json_single_object_and_invalid_json(tmp_path: Path) -> None:
    one = write(tmp_path, "one.json", json.dumps({"text": "A single story."}))
    assert [a.id for a in read_file(one)] == ["one/1"]

    bad = write(tmp_path, "bad.json", '{"text": "unterminated')
    with pytest.raises(InputError, match=r"^\[E006\] .*bad\.json: invalid JSON: "):
        read_file(bad)


def test_jsonl_bad_line_keeps_the_good_ones(tmp_path: Path) -> None:
    lines = [
        json.dumps({"text": "The first story is fine."}),
        '{"text": "this line is cut off',
        "",
        json.dumps({"id": "third", "text": "The third story is fine too."}),
        json.dumps(["not", "an", "object"]),
    ]
    path = write(tmp_path, "stories.jsonl", "\n".join(lines) + "\n")
    items = list(load_articles([path]))

    articles = [item for item in items if isinstance(item, Article)]
    problems = [item for item in items if isinstance(item, ReadProblem)]
    assert [a.id for a in articles] == ["stories/1", "third"]
    assert [a.text for a in articles] == [
        "The first story is fine.",
        "The third story is fine too.",
    ]
    assert [p.message.split(": ")[0] for p in problems] == [
        f"[E007] {path}:2",
        f"[E007] {path}:5",
    ]
    assert all("\n" not in p.message for p in problems)
    # read_file keeps the good lines too, and raises only when no line is good.
    assert len(read_file(path)) == 2
    all_bad = write(tmp_path, "bad.jsonl", "{oops\n[1, 2]\n")
    with pytest.raises(InputError, match=r"^\[E007\] "):
        read_file(all_bad)


# ------------------------------------------------------------------------- decoding


def test_utf16_file_with_windows_line_endings(tmp_path: Path) -> None:
    text = "Ringkasan berita\r\n\r\nHujan deras melanda kota pada malam hari.\r\n"
    path = write(tmp_path, "utf16.txt", text.encode("utf-16"))
    article = read_file(path)[0]
    assert article.text == text.replace("\r\n", "\n")
    assert article.title == "Ringkasan berita"


def test_utf8_bom_is_dropped_and_offsets_follow_normalised_text(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", "\ufeffFirst line.\r\nSecond line.\rThird line.".encode())
    article = read_file(path)[0]
    assert article.text == "First line.\nSecond line.\nThird line."


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("empty.txt", b"", "[E001] {path}: file is empty"),
        ("blank.md", b"  \n\t\r\n  ", "[E001] {path}: file is empty"),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "[E002] {path}: binary file, not text (NUL bytes)",
        ),
        (
            "latin1.txt",
            "Café au lait".encode("latin-1"),
            "[E003] {path}: not valid UTF-8 text at byte 3",
        ),
        (
            "notes.pdf",
            b"%PDF-1.7",
            "[E005] {path}: unsupported file type '.pdf'. Supported: "
            ".htm, .html, .json, .jsonl, .md, .txt",
        ),
        (
            "cut.txt",  # a UTF-16 file cut off in the middle of a character
            codecs.BOM_UTF16_LE + "Hi".encode("utf-16-le") + b"\x00",
            "[E015] {path}: not valid UTF-16 text at byte 6",
        ),
    ],
)
def test_whole_file_problems(tmp_path: Path, name: str, content: bytes, expected: str) -> None:
    path = write(tmp_path, name, content)
    problem = only_problem(list(load_articles([path])))
    assert problem.path == str(path)
    assert problem.message == expected.format(path=path)
    with pytest.raises(InputError) as info:
        read_file(path)
    assert str(info.value) == problem.message


def test_unreadable_path_is_an_os_problem(tmp_path: Path) -> None:
    folder_named_like_a_file = tmp_path / "folder.txt"
    folder_named_like_a_file.mkdir()
    _, problems = read_file_with_problems(folder_named_like_a_file)
    assert problems[0].message.startswith(f"[E004] {folder_named_like_a_file}: cannot read file: ")


def test_read_text_from_stdin() -> None:
    article = read_text("KYIV (AP) — Talks resumed.\r\nBy Jane Doe\r\n")
    assert article.id == "stdin"
    assert article.path is None
    assert (article.place, article.agency, article.authors) == ("KYIV", "AP", ["Jane Doe"])
    assert article.text.strip() == "Talks resumed."
    with pytest.raises(InputError, match=r"^\[E001\] "):
        read_text(" \n ")


# ---------------------------------------------------------------- finding the files


def test_folder_walk_is_sorted_recursive_skips_hidden_and_reports_others(tmp_path: Path) -> None:
    root = tmp_path / "news"
    for name in ["b.txt", "a.md", "README.md", "sub/c.jsonl", "sub/deep/d.html", "photo.jpg"]:
        write(root, name, "x")
    for name in [".git/config.txt", ".DS_Store", "sub/.hidden.txt"]:
        write(root, name, "x")
    items = list(iter_files([root]))
    problems = [p for p in items if isinstance(p, ReadProblem)]
    assert [(Path(p.path).name, p.message.split("]")[0]) for p in problems] == [
        ("photo.jpg", "[E005")
    ]
    assert "unsupported file type '.jpg'" in problems[0].message
    found = [p for p in items if not isinstance(p, ReadProblem)]
    assert [p.relative_to(root).as_posix() for p in found] == [
        "README.md",
        "a.md",
        "b.txt",
        "sub/c.jsonl",
        "sub/deep/d.html",
    ]


def test_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    root = tmp_path / "news"
    write(root, "sub/story.txt", "A story about a lighthouse keeper who retired.")
    (root / "sub" / "again").symlink_to(root, target_is_directory=True)
    (root / "link").symlink_to(root / "sub", target_is_directory=True)
    (root / "one.txt").symlink_to(root / "two.txt")
    (root / "two.txt").symlink_to(root / "one.txt")
    items = list(iter_files([root]))
    found = [p for p in items if not isinstance(p, ReadProblem)]
    assert [p.relative_to(root).as_posix() for p in found] == ["link/story.txt"]
    # The way back to the top, and the two files pointing at each other, are each named.
    problems = {
        Path(p.path).relative_to(root).as_posix(): p.message for p in items if p not in found
    }
    assert sorted(problems) == ["link/again", "one.txt", "two.txt"]
    assert all("[E028]" in m and "symbolic link loop" in m for m in problems.values())


def test_files_given_directly_and_missing_paths(tmp_path: Path) -> None:
    odd = write(tmp_path, "notes.rtf", "text")
    missing = tmp_path / "nowhere"
    found = list(iter_files([odd, str(missing)]))
    assert found[0] == odd
    assert found[1] == ReadProblem(str(missing), f"[E009] {missing}: no such file or folder")


def test_ids_are_relative_to_the_folder_given(tmp_path: Path) -> None:
    root = tmp_path / "inbox"
    write(root, "2024/03/000_abc.txt", "Fishermen returned with a record catch on Monday.")
    write(root, "top.v2.txt", "The orchestra played in the old port on Sunday.")
    ids = sorted(a.id for a in load_articles([root]) if isinstance(a, Article))
    assert ids == ["2024/03/000_abc", "top.v2"]
    direct = only_article(list(load_articles([root / "2024" / "03" / "000_abc.txt"])))
    assert direct.id == "000_abc"


def test_language_option_overrides_detection(tmp_path: Path) -> None:
    path = write(tmp_path, "jembatan.txt", ID_ITEM)
    assert only_article(list(load_articles([path], language="en"))).language == "en"
    record = {"text": ID_ITEM, "language": "en"}  # a record's own language is believed
    other = write(tmp_path, "one.jsonl", json.dumps(record))
    assert only_article(list(load_articles([other]))).language == "en"


def test_unsupported_language_option_fails_before_reading() -> None:
    with pytest.raises(
        KgraphError, match=r"^\[E013\] Unsupported language 'fr'\. Supported: en, id"
    ):
        load_articles(["/does/not/matter"], language="fr")


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".html", ".htm", ".json", ".jsonl"} == SUPPORTED_SUFFIXES


def test_problem_messages_are_single_lines(tmp_path: Path) -> None:
    bad = write(tmp_path, "x.json", '{\n"text":\n')
    problem = only_problem(list(load_articles([bad])))
    assert "\n" not in problem.message
    assert problem.message.startswith("[E006]")


def test_replace_keeps_article_equality_semantics() -> None:
    # clean_article returns a copy: equal articles clean to equal results.
    article = Article(id="x", text=EN_ITEM)
    assert clean_article(article) == clean_article(replace(article))


def test_dateline_below_a_byline_and_with_a_country_before_the_agency():
    text = "By ANA PETROVA Associated Press\n\nSKOPJE, North Macedonia (AP) — Police left.\n"
    article = clean_article(Article(id="t", text=text, language="en"))
    assert article.place == "SKOPJE"
    assert "SKOPJE" not in article.text


def test_a_long_headline_without_a_full_stop_does_not_hide_the_dateline() -> None:
    headline = (
        "Chile test-fires a new missile off its northern coast as Peru and Bolivia hold joint"
        " drills in the Andes"
    )
    article = read_text(headline + "\nLIMA, 16 May 2024 (Reuters) - Peru protested.", id="x")
    assert (article.date, article.place) == ("2024-05-16", "LIMA")
    body = (
        "Chile test-fired a new missile off its northern coast while Peru and Bolivia held"
        " joint drills in the Andes, officials said."
    )
    article = read_text(body + "\nLIMA, 16 May 2024 (Reuters) - Peru protested.", id="x")
    assert article.date is None
