"""How far two annotators' gold files for the same articles agree.

    python evaluation/agreement.py GOLD_A GOLD_B [--prefix en-]

Annotator B's lines are scored as if they were a system's statements against
A's gold, with the rules of ``kgraph eval`` (DESIGN.md, "Gold files"): a B line
matches an A line when they are about the same article, share a relation and a
polarity, and share a name for the subject and for the object (either way
round for symmetric relations; for things, one's words contain the other's).

- recall: A's required lines matched by any B line / A's required lines;
- precision: B's required lines matching one of A's required lines / B's
  required lines that match no optional A line.

The F1 of one annotator against the other is a ceiling for what an extractor
can score against either: where two careful people differ, a tool that agrees
with one disagrees with the other.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from kgraph.evaluate import GoldLine, _words, normalize, read_gold_folder
from kgraph.graph.relations import load_relations


def _names_meet(a: list[str], b: list[str]) -> bool:
    return bool({normalize(n) for n in a} & {normalize(n) for n in b})


def _things_meet(a: list[str], b: list[str]) -> bool:
    return any(_words(x) in _words(y) or _words(y) in _words(x) for x in a for y in b)


def same_statement(a: GoldLine, b: GoldLine, symmetric: frozenset[str]) -> bool:
    """Whether gold lines ``a`` and ``b`` describe the same statement."""
    if a.doc != b.doc or a.polarity != b.polarity or not set(a.relation) & set(b.relation):
        return False
    thing = "thing" in (a.object_kind, b.object_kind)

    def objects(x: list[str], y: list[str]) -> bool:
        return _things_meet(x, y) if thing else _names_meet(x, y)

    if _names_meet(a.subject, b.subject) and objects(a.object, b.object):
        return True
    return (
        not thing
        and bool(set(a.relation) & symmetric)
        and _names_meet(a.subject, b.object)
        and _names_meet(a.object, b.subject)
    )


def agreement(
    gold_a: list[GoldLine], gold_b: list[GoldLine], symmetric: frozenset[str]
) -> dict[str, float | int]:
    """Precision, recall and F1 of annotator B's required lines against A's."""
    required_a = [g for g in gold_a if g.required]
    found = sum(any(same_statement(a, b, symmetric) for b in gold_b) for a in required_a)
    scored = correct = 0
    for b in (g for g in gold_b if g.required):
        matched = [a for a in gold_a if same_statement(a, b, symmetric)]
        if matched and not any(a.required for a in matched):
            continue
        scored += 1
        correct += bool(matched)
    precision = correct / scored if scored else 0.0
    recall = found / len(required_a) if required_a else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "a_required": len(required_a),
        "b_scored": scored,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_a", type=Path)
    parser.add_argument("gold_b", type=Path)
    parser.add_argument("--prefix", default="", help="only articles whose name starts so")
    args = parser.parse_args()
    symmetric = frozenset(n for n, r in load_relations().items() if r.symmetric)

    def lines(folder: Path) -> list[GoldLine]:
        gold, _ = read_gold_folder(folder)
        return [g for g in gold if (g.doc or "").startswith(args.prefix)]

    a, b = lines(args.gold_a), lines(args.gold_b)
    docs = sorted({g.doc for g in a} & {g.doc for g in b})
    print(f"{len(docs)} articles in both; A {args.gold_a}, B {args.gold_b}")
    for doc in docs:
        s = agreement([g for g in a if g.doc == doc], [g for g in b if g.doc == doc], symmetric)
        print(
            f"  {doc:45s} A req {s['a_required']:3d}  B scored {s['b_scored']:3d}  "
            f"P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}"
        )
    both = [g for g in a if g.doc in docs], [g for g in b if g.doc in docs]
    s = agreement(*both, symmetric)
    print(f"B against A: P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}")
    s = agreement(*reversed(both), symmetric)
    print(f"A against B: P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f}")
    relations = Counter(g.relation[0] for g in both[0] if g.required)
    print(f"A's required lines by relation: {dict(relations.most_common())}")


if __name__ == "__main__":
    main()
