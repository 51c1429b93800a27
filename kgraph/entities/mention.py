"""A stretch of tokens that refers to one or more entities."""

from __future__ import annotations

from dataclasses import dataclass

from kgraph.entities.gazetteer import RoleTitle


@dataclass
class Mention:
    """Tokens ``[start, end)`` of a Doc that refer to ``entities`` (ids).

    ``kind`` says how it was found: ``name`` (gazetteer name), ``short`` (a
    surname resolved to a full name seen earlier), ``role`` (title + name, e.g.
    "Menteri Luar Negeri Korea Selatan Cho Tae-yul"), ``office`` (a title that
    stands for its institution, e.g. "para menteri G7" → G7), ``new`` (an
    unknown person named after a title), ``title`` (a bare title, "the minister",
    that the resolver links to the last person holding it), ``pronoun``, or
    ``group`` (several actors joined by "and"/"dan").
    """

    start: int
    end: int
    entities: tuple[str, ...]
    kind: str = "name"
    plural: bool = False
    title: RoleTitle | None = None  # for role mentions: the title that introduced the person
    title_of: str | None = None  # for role mentions: the country/organisation in the title
    members: tuple[Mention, ...] = ()  # for groups: the member mentions
    stands_for: tuple[str, ...] = ()  # actors a place name stands for ("Moskow" → RUS)
    roles: tuple[str, ...] = ()  # offices a known person holds on the article's date
    #: titles given before the one in ``title`` ("Presiden Kenya William Ruto, yang menjabat
    #: ketua EAC": the presidency), each with its institution
    earlier_titles: tuple[tuple[RoleTitle, str], ...] = ()

    @property
    def is_group(self) -> bool:
        return len(self.entities) > 1 or self.plural
