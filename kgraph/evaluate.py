"""Score extracted facts against gold files (format: DESIGN.md, "Gold files").

A gold line lists acceptable subjects, relations and objects. A fact matches
when its relation is listed, and its subject and object match a listed name:
an entity's label, alias, IRI local name or (for a country) ISO code, compared
case- and punctuation-insensitively. ``object_kind: "thing"`` matches a thing
whose label contains a listed word. Symmetric relations match either way.

Scoring, per fact (a distinct statement, whatever its number of sentences):

- recall: required gold lines matched by some fact / required gold lines;
- precision: facts matching a required line / facts matching no line at all
  (facts that match only ``required: false`` lines count neither way);
- negative facts are scored only against gold lines that say
  ``"polarity": "negative"``;
- a forbidden entity is hit when a fact's subject, object or claimant is it;
  a forbidden statement is hit only when the fact is a plain positive fact
  (a negative or hypothetical one is not a claim that it happened);
- claims: for required lines with ``claimed_by``, whether a matching fact names
  one of the listed claimants.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kgraph.errors import Errors, InputError
from kgraph.graph.merge import Fact
from kgraph.model import FACTUAL_MODALITIES, Entity

_NON_WORD = re.compile(r"[\W_]+")


def normalize(name: str) -> str:
    """Case- and punctuation-insensitive form of a name.

    >>> normalize("U.S.") == normalize("us"), normalize("Korea Utara")
    (True, 'koreautara')
    """
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return _NON_WORD.sub("", folded)


def _words(text: str) -> str:
    """Lower-case words separated by single spaces, for "contains" checks on things."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " " + " ".join(_NON_WORD.sub(" ", folded).split()) + " "


@dataclass
class GoldLine:
    id: str
    subject: list[str]
    relation: list[str]
    object: list[str]
    required: bool = True
    object_kind: str = "actor"
    claimed_by: list[str] = field(default_factory=list)
    polarity: str = "positive"
    doc: str | None = None
    line: int | None = None


@dataclass
class Forbidden:
    id: str
    entities: list[str] = field(default_factory=list)
    statements: list[GoldLine] = field(default_factory=list)
    doc: str | None = None


@dataclass
class Counts:
    """Gold lines found and facts scored, with precision, recall and F1."""

    gold: int = 0  # required gold lines
    found: int = 0  # of which some fact matched
    predicted: int = 0  # facts scored
    correct: int = 0  # of which matched a required line

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    def scores(self) -> dict:
        return {
            "gold": self.gold,
            "found": self.found,
            "predicted": self.predicted,
            "correct": self.correct,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass
class RelationScore(Counts):
    relation: str = ""


@dataclass
class Report(Counts):
    """The outcome of one evaluation."""

    ignored: int = 0  # facts matching only optional lines, or negative facts
    claims_total: int = 0
    claims_right: int = 0
    missed: list[GoldLine] = field(default_factory=list)
    false_positives: list[Fact] = field(default_factory=list)
    forbidden_hits: list[tuple[str, Fact]] = field(default_factory=list)
    per_relation: dict[str, RelationScore] = field(default_factory=dict)

    @property
    def claim_accuracy(self) -> float:
        return self.claims_right / self.claims_total if self.claims_total else 1.0

    def as_dict(self) -> dict:
        return {
            **self.scores(),
            "not_scored": self.ignored,
            "claims": {"right": self.claims_right, "total": self.claims_total},
            "forbidden_hits": [{"rule": r, "fact": _describe(f)} for r, f in self.forbidden_hits],
            # in a gold folder ids repeat from file to file: say which article each is about
            "missed": [{"id": g.id, "article": g.doc, "line": g.line} for g in self.missed],
            "false_positives": [_describe(f) for f in self.false_positives],
            "per_relation": {name: s.scores() for name, s in sorted(self.per_relation.items())},
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _describe(fact: Fact) -> str:
    return (
        f"{fact.subject.label} —{fact.relation}→ {fact.object.label}"
        f" ({fact.polarity}, {fact.modality})"
    )


# -- reading ---------------------------------------------------------------------------------
def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _jsonl(path: Path) -> Iterable[tuple[int, dict]]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(Errors.E009.format(path=path) + f" ({exc.strerror})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(Errors.E040.format(path=path, line=number, detail=exc.msg)) from None
        if not isinstance(record, dict):
            raise InputError(Errors.E040.format(path=path, line=number, detail="not an object"))
        yield number, record


def _doc(record: dict, article: str | None) -> str | None:
    """The article a gold line is about: its own "doc", qualified by ``article`` when given."""
    doc = record.get("doc")
    if doc is None:
        return article
    return f"{article}/{doc}" if article else str(doc)


def _gold_line(record: dict, path: Path, number: int, article: str | None = None) -> GoldLine:
    for key in ("subject", "relation", "object"):
        if not record.get(key):
            raise InputError(Errors.E040.format(path=path, line=number, detail=f"missing '{key}'"))
    return GoldLine(
        id=str(record.get("id", f"{path.name}:{number}")),
        subject=_as_list(record["subject"]),
        relation=_as_list(record["relation"]),
        object=_as_list(record["object"]),
        required=bool(record.get("required", True)),
        object_kind=record.get("object_kind", "actor"),
        claimed_by=_as_list(record.get("claimed_by")),
        polarity=record.get("polarity", "positive"),
        doc=_doc(record, article),
        line=record.get("line"),
    )


def read_gold(path: Path, article: str | None = None) -> list[GoldLine]:
    """Read a ``*.gold.jsonl`` file; ``article`` ties its lines to one article's id."""
    return [_gold_line(record, path, number, article) for number, record in _jsonl(path)]


def read_forbidden(path: Path, article: str | None = None) -> list[Forbidden]:
    """Read a ``*.forbid.jsonl`` file; ``article`` ties its rules to one article's id."""
    out = []
    for number, record in _jsonl(path):
        statements = [
            _gold_line(s, path, number, _doc(record, article))
            for s in record.get("statements") or []
        ]
        out.append(
            Forbidden(
                id=str(record.get("id", f"{path.name}:{number}")),
                entities=_as_list(record.get("entities")),
                statements=statements,
                doc=_doc(record, article),
            )
        )
    return out


def read_gold_folder(folder: Path) -> tuple[list[GoldLine], list[Forbidden]]:
    """Every ``NAME.gold.jsonl`` and ``NAME.forbid.jsonl`` in ``folder``, about article ``NAME``.

    Article ids are paths relative to the input folder without suffix, so gold
    files named after the article files line up with ``kgraph eval --gold DIR ARTICLES``.
    """
    gold: list[GoldLine] = []
    forbidden: list[Forbidden] = []
    for path in sorted(folder.rglob("*.gold.jsonl")):
        gold += read_gold(path, path.name.removesuffix(".gold.jsonl"))
    for path in sorted(folder.rglob("*.forbid.jsonl")):
        forbidden += read_forbidden(path, path.name.removesuffix(".forbid.jsonl"))
    if not gold:
        raise InputError(Errors.E040.format(path=folder, line=0, detail="no *.gold.jsonl files"))
    return gold, forbidden


# -- matching --------------------------------------------------------------------------------
def entity_names(entity: Entity) -> set[str]:
    """Every normalised name an entity answers to."""
    names = {entity.label, entity.id, entity.id.replace("_", " ")}
    names.update(name for _, name in entity.labels + entity.aliases)
    return {normalize(n) for n in names if n}


def _matches_entity(entity: Entity, names: list[str]) -> bool:
    wanted = {normalize(n) for n in names}
    return bool(wanted & entity_names(entity))


def _matches_thing(entity: Entity, words: list[str]) -> bool:
    label = _words(entity.label)
    return any(_words(w) in label for w in words if w.strip())


def _direct_in(fact: Fact, doc: str | None) -> bool:
    """Whether ``fact`` is a plain positive fact on the evidence of article ``doc``."""
    if doc is None or fact.polarity != "positive":
        return fact.is_direct
    return any(
        e.modality in FACTUAL_MODALITIES
        for e in fact.evidence
        if e.article == doc or e.article.endswith("/" + doc)
    )


def _in_doc(fact: Fact, doc: str | None) -> bool:
    if doc is None:
        return True
    return any(e.article == doc or e.article.endswith("/" + doc) for e in fact.evidence)


def matches(fact: Fact, gold: GoldLine, symmetric: frozenset[str] = frozenset()) -> bool:
    """Whether ``fact`` is what ``gold`` describes."""
    if fact.relation not in gold.relation or fact.polarity != gold.polarity:
        return False
    if not _in_doc(fact, gold.doc):
        return False

    def object_ok(entity: Entity) -> bool:
        if gold.object_kind == "thing":
            return _matches_thing(entity, gold.object)
        return _matches_entity(entity, gold.object)

    if _matches_entity(fact.subject, gold.subject) and object_ok(fact.object):
        return True
    return (
        fact.relation in symmetric
        and _matches_entity(fact.object, gold.subject)
        and object_ok(fact.subject)
    )


def evaluate(
    facts: list[Fact],
    gold: list[GoldLine],
    forbidden: list[Forbidden] = (),
    *,
    entities: dict[str, Entity] | None = None,
    symmetric: frozenset[str] = frozenset(),
) -> Report:
    """Score ``facts`` against ``gold`` and ``forbidden`` (see the module docstring)."""
    entities = entities or {}
    report = Report()
    required = [g for g in gold if g.required]
    report.gold = len(required)
    for line in required:
        score = report.per_relation.setdefault(
            line.relation[0], RelationScore(relation=line.relation[0])
        )
        score.gold += 1
        hits = [f for f in facts if matches(f, line, symmetric)]
        if hits:
            report.found += 1
            score.found += 1
        else:
            report.missed.append(line)
        if line.claimed_by and hits:
            report.claims_total += 1
            claimants = {c for f in hits for c in f.claimed_by}
            if any(
                c in entities and _matches_entity(entities[c], line.claimed_by) for c in claimants
            ):
                report.claims_right += 1
        elif line.claimed_by:
            report.claims_total += 1
    listed_negative = any(g.polarity == "negative" for g in gold)
    for fact in facts:
        if fact.polarity == "negative" and not listed_negative:
            report.ignored += 1
            continue
        matched = [g for g in gold if matches(fact, g, symmetric)]
        if matched and not any(g.required for g in matched):
            report.ignored += 1
            continue
        score = report.per_relation.setdefault(fact.relation, RelationScore(relation=fact.relation))
        report.predicted += 1
        score.predicted += 1
        if matched:
            report.correct += 1
            score.correct += 1
        else:
            report.false_positives.append(fact)
    for rule in forbidden:
        for fact in facts:
            if not _in_doc(fact, rule.doc):
                continue
            people = [fact.subject, fact.object] + [
                entities[c] for c in fact.claimed_by if c in entities
            ]
            named = any(_matches_entity(e, rule.entities) for e in people)
            # in a folder, a fact merges evidence from several articles: only this article's
            # evidence decides whether it asserts what this article's rule forbids
            asserted = _direct_in(fact, rule.doc) and any(
                matches(fact, s, symmetric) for s in rule.statements
            )
            if named or asserted:
                report.forbidden_hits.append((rule.id, fact))
    return report
