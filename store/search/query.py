"""The search query language: what fzf and newsboat users already type, parsed into plain data.

Space means AND, ``|`` means OR, ``!`` negates, ``'`` asks for the word exactly as written,
``^``/``$`` anchor a word to the start/end of a field, and ``name:value`` scopes a word to a
field or filters by kind, status or quantity. Parsing never touches the store: the engine turns
a :class:`Query` into index lookups. Any string either parses or raises :class:`QueryError`
whose message is one plain sentence a user can act on; half-typed pieces (a lone ``!``, a
trailing ``|``, ``author:`` with nothing after it) are ignored rather than refused, because the
interface parses on every key press.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from store.records import KINDS, ClaimStatus, RecordKind

QUERY_HELP = """\
Search syntax (fzf and newsboat habits):
  palmira tnaks      every word (AND), typos and partial words forgiven, article title too
  tanks | bmps       either word (OR); also written tanks|bmps
  !russian           leave out records whose own text has the word (their article's title aside)
  'tanks             the word exactly as written (no typo tolerance, no other word forms)
  ^why               a field that starts with the word
  base$              a field that ends with the word
  title:palmyra      the word in an article title
  author:evan        in the author of an article or comment
  claimant:amaq      in the claimant of a claim
  site:longwar       records from articles of that site
  tag:syria          records from articles with that tag
  kind:claim         only claims (article, claim, comment; kind:claim|comment for two)
  status:disputed    claims with that status (unverified, unverifiable, corroborated,
                     disputed, false)
  qty:>100           claims with a figure above 100; also <, >=, <=, =44, 10..100
  qty:$>1000         money or percent: $ € £ % or a currency code (qty:eur>5, qty:%)
Filters can be negated (!kind:comment, !status:false) and combined with | inside one
field (status:disputed|false)."""

TextScope = Literal["title", "author", "claimant", "site", "tag"]
MatchMode = Literal["fuzzy", "exact", "prefix", "suffix", "whole"]
"""fuzzy: typos forgiven; exact: ``'word``; prefix: ``^word``; suffix: ``word$``;
whole: ``^word$`` (the field is just this word)."""

TEXT_SCOPES: tuple[TextScope, ...] = ("title", "author", "claimant", "site", "tag")
FILTER_NAMES = ("kind", "status", "qty")
ARTICLE_SCOPES: tuple[TextScope, ...] = ("site", "tag")
"""The scopes that name the article a record belongs to, not its own text: filters the user
sets (``site:bbc``), matched exactly, never read as typos or left out of a query."""
_SCOPE_ALIASES: dict[str, str] = {"tags": "tag", "quantity": "qty", "type": "kind"}
_KIND_ALIASES: dict[str, RecordKind] = {
    "articles": "article",
    "claims": "claim",
    "comments": "comment",
}
_STATUSES: tuple[str, ...] = tuple(status.value for status in ClaimStatus)
_QTY = re.compile(
    r"^(?:(?P<op>>=|<=|>|<|=)?(?P<num>-?[\d_,]+)|(?P<low>-?[\d_,]+)\.\.(?P<high>-?[\d_,]+))$"
)
_QTY_UNFINISHED = re.compile(r"[$€£¥%]?(?:(?:>=|<=|>|<|=)?-?|-?[\d_,]+\.\.?-?)")
"""What a figure filter looks like half-typed: ``qty:>``, ``qty:-``, ``qty:10..`` (fullmatch)."""
_SCOPE_NAME = re.compile(r"^([A-Za-z]+):(.*)$", re.DOTALL)
_INT64 = 2**63 - 1


class QueryError(ValueError):
    """A query that cannot be searched; ``str()`` is one plain sentence saying why."""


@dataclass(frozen=True, slots=True)
class WordTerm:
    """One word to look for, how strictly, and in which field (None: any text field)."""

    text: str
    mode: MatchMode = "fuzzy"
    scope: TextScope | None = None


@dataclass(frozen=True, slots=True)
class Clause:
    """Alternatives joined by ``|``: a record satisfies the clause if it has any of them."""

    words: tuple[WordTerm, ...]


@dataclass(frozen=True, slots=True)
class QuantityRange:
    """Inclusive bounds on a claim's figure; None leaves that side open.

    ``unit`` asks for figures in that unit only: an ISO currency code ("USD"), or "%".
    """

    low: int | None
    high: int | None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: text clauses to match and to exclude, and record filters.

    ``kinds`` is the set of kinds the filters allow (None: all); status and quantity filters
    are lists of OR-groups, every group must hold (AND).
    """

    clauses: tuple[Clause, ...] = ()
    exclusions: tuple[WordTerm, ...] = ()
    kinds: frozenset[RecordKind] | None = None
    statuses: tuple[frozenset[str], ...] = ()
    excluded_statuses: frozenset[str] = frozenset()
    quantities: tuple[tuple[QuantityRange, ...], ...] = ()
    excluded_quantities: tuple[tuple[QuantityRange, ...], ...] = ()

    @property
    def is_empty(self) -> bool:
        """Nothing to look for: no word and no filter (the empty string, a lone ``!``)."""
        return not (
            self.clauses
            or self.exclusions
            or self.kinds is not None
            or self.statuses
            or self.excluded_statuses
            or self.quantities
            or self.excluded_quantities
        )

    @property
    def claim_only(self) -> bool:
        """Status and quantity filters only make sense for claims."""
        return bool(self.statuses or self.quantities)


def parse_query(text: str, typing: bool = False) -> Query:
    """Parse what the user typed; raise :class:`QueryError` with a plain message if it is wrong.

    ``typing``: the last word is still being typed (search as you type). A figure filter there
    that is only half written ("qty:>", "qty:10..") is left out until it is finished, instead
    of flashing an error for the keystrokes between "qty:" and the number.
    """
    builder = _Builder()
    groups = _or_groups(text.split())
    for number, group in enumerate(groups):
        builder.add_group(group, unfinished=typing and number == len(groups) - 1)
    return builder.build()


def _or_groups(tokens: list[str]) -> list[list[str]]:
    """Split tokens into OR-groups: ``a | b`` and ``a|b`` join; dangling bars are ignored."""
    groups: list[list[str]] = []
    joining = False
    for token in tokens:
        parts = token.split("|")
        starts_joined = token.startswith("|")
        pieces = [part for part in parts if part]
        if not pieces:
            joining = bool(groups)
            continue
        if (joining or starts_joined) and groups:
            groups[-1].extend(pieces)
        else:
            groups.append(pieces)
        joining = token.endswith("|")
    return groups


@dataclass(slots=True)
class _Builder:
    clauses: list[Clause] = field(default_factory=list)
    exclusions: list[WordTerm] = field(default_factory=list)
    kinds: set[RecordKind] | None = None
    excluded_kinds: set[RecordKind] = field(default_factory=set)
    statuses: list[frozenset[str]] = field(default_factory=list)
    excluded_statuses: set[str] = field(default_factory=set)
    quantities: list[tuple[QuantityRange, ...]] = field(default_factory=list)
    excluded_quantities: list[tuple[QuantityRange, ...]] = field(default_factory=list)

    def add_group(self, pieces: list[str], unfinished: bool = False) -> None:
        """Add one word or OR-group; ``unfinished``: its last piece is still being typed."""
        negated = [piece.startswith("!") for piece in pieces]
        if any(negated) and len(pieces) > 1:
            raise QueryError(
                f"'{'|'.join(pieces)}': a negated word (!) cannot be one side of an OR (|)"
            )
        is_negated = negated[0]
        bodies = _inherit_scopes([piece[1:] if is_negated else piece for piece in pieces])
        filters = [_filter_name(body) for body in bodies]
        named = {name for name in filters if name is not None}
        if named:
            if len(named) > 1 or None in filters:
                raise QueryError(
                    f"'{'|'.join(pieces)}': kind:, status: and qty: can only be OR-ed with "
                    "values of the same filter, like status:disputed|false"
                )
            name = named.pop()
            values = [_scope_value(body) for body in bodies]
            if unfinished and name == "qty" and _QTY_UNFINISHED.fullmatch(values[-1]):
                values.pop()
            self._add_filter(name, values, is_negated)
            return
        words = [term for body in bodies if (term := _word_term(body)) is not None]
        if not words:
            return
        on_article = [word.scope in ARTICLE_SCOPES for word in words]
        if any(on_article) and not all(on_article):
            raise QueryError(
                f"'{'|'.join(pieces)}': site: and tag: choose articles, so they can only be "
                "OR-ed with each other, like tag:syria|iraq"
            )
        if is_negated:
            self.exclusions.extend(words)
        else:
            self.clauses.append(Clause(tuple(words)))

    def _add_filter(self, name: str, values: list[str], negated: bool) -> None:
        values = [value for value in values if value]
        if not values:
            return  # "status:" while the user is still typing
        if name == "kind":
            kinds = {_kind(value) for value in values}
            if negated:
                self.excluded_kinds |= kinds
            else:
                self.kinds = kinds if self.kinds is None else self.kinds & kinds
        elif name == "status":
            statuses = frozenset(_status(value) for value in values)
            if negated:
                self.excluded_statuses |= statuses
            else:
                self.statuses.append(statuses)
        else:
            ranges = tuple(_quantity(value) for value in values)
            (self.excluded_quantities if negated else self.quantities).append(ranges)

    def build(self) -> Query:
        kinds: set[RecordKind] | None = self.kinds
        if self.excluded_kinds:
            kinds = (set(KINDS) if kinds is None else kinds) - self.excluded_kinds
        return Query(
            clauses=tuple(self.clauses),
            exclusions=tuple(self.exclusions),
            kinds=frozenset(kinds) if kinds is not None else None,
            statuses=tuple(self.statuses),
            excluded_statuses=frozenset(self.excluded_statuses),
            quantities=tuple(self.quantities),
            excluded_quantities=tuple(self.excluded_quantities),
        )


def _inherit_scopes(bodies: list[str]) -> list[str]:
    """``status:disputed|false`` means ``status:disputed|status:false``."""
    scoped: list[str] = []
    name: str | None = None
    for body in bodies:
        found = _SCOPE_NAME.match(body)
        if found is not None and not found.group(2).startswith("//"):
            name = found.group(1)
        elif name is not None:
            body = f"{name}:{body}"
        scoped.append(body)
    return scoped


def _scope_split(body: str) -> tuple[str | None, str]:
    """``name:value`` -> (canonical name, value); plain words and URLs -> (None, body)."""
    found = _SCOPE_NAME.match(body)
    if found is None or found.group(2).startswith("//"):
        return None, body
    name = found.group(1).lower()
    name = _SCOPE_ALIASES.get(name, name)
    if name not in FILTER_NAMES and name not in TEXT_SCOPES:
        known = ", ".join(f"{n}:" for n in (*TEXT_SCOPES, *FILTER_NAMES))
        raise QueryError(f"unknown field '{found.group(1)}:'; the fields are {known}")
    return name, found.group(2)


def _filter_name(body: str) -> str | None:
    name, _ = _scope_split(body)
    return name if name in FILTER_NAMES else None


def _scope_value(body: str) -> str:
    return _scope_split(body)[1]


def _word_term(body: str) -> WordTerm | None:
    name, text = _scope_split(body)
    scope: TextScope | None = None
    for candidate in TEXT_SCOPES:
        if candidate == name:
            scope = candidate
    exact = text.startswith("'")
    prefix = text.startswith("^")
    if exact or prefix:
        text = text[1:]
    suffix = text.endswith("$") and len(text) > 0
    if suffix:
        text = text[:-1]
    if not text.strip():
        return None
    mode: MatchMode = "fuzzy"
    if prefix and suffix:
        mode = "whole"
    elif prefix:
        mode = "prefix"
    elif suffix:
        mode = "suffix"
    elif exact:
        mode = "exact"
    return WordTerm(text, mode, scope)


def _unique_prefix(value: str, options: tuple[str, ...], what: str) -> str:
    wanted = value.lower()
    if wanted in options:
        return wanted
    matches = [option for option in options if option.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    raise QueryError(f"unknown {what} '{value}'; use one of {', '.join(options)}")


def _kind(value: str) -> RecordKind:
    alias = _KIND_ALIASES.get(value.lower())
    if alias is not None:
        return alias
    found = _unique_prefix(value, KINDS, "kind")
    return next(kind for kind in KINDS if kind == found)


def _status(value: str) -> str:
    return _unique_prefix(value, _STATUSES, "status")


def _number(text: str, value: str) -> int:
    number = int(text.replace("_", "").replace(",", ""))
    if abs(number) >= _INT64:  # not >: qty:>N searches from N + 1, which must fit too
        raise QueryError(f"qty:{value}: the number is too large")
    return number


_QTY_UNITS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "%": "%"}
_QTY_UNIT = re.compile(r"^(?:(?P<sign>[$€£¥%])|(?P<code>[A-Za-z]{3})(?=[<>=\d-]|$))")


def _quantity(value: str) -> QuantityRange:
    """A figure filter; a leading unit (``$``, ``€``, ``£``, ``%`` or a currency code such as
    ``eur``) keeps only figures in that unit: ``qty:$>1000``, ``qty:%>=10``, ``qty:%``."""
    unit_match = _QTY_UNIT.match(value)
    if unit_match is not None:
        sign, code = unit_match.group("sign"), unit_match.group("code")
        unit = _QTY_UNITS[sign] if sign else code.upper()
        rest = value[unit_match.end() :]
        if not rest:
            return QuantityRange(None, None, unit)
        numbers = _quantity(rest)
        return QuantityRange(numbers.low, numbers.high, unit)
    found = _QTY.match(value)
    if found is None or (found.group("num") or found.group("low") or "").strip("_,-") == "":
        raise QueryError(
            f"qty:{value} is not a figure filter; write qty:>100, qty:<=5, qty:44 or qty:10..100"
        )
    if found.group("low") is not None:
        if not found.group("high").strip("_,-"):
            raise QueryError(f"qty:{value}: a range needs two numbers, like qty:10..100")
        low, high = _number(found.group("low"), value), _number(found.group("high"), value)
        return QuantityRange(min(low, high), max(low, high))
    number = _number(found.group("num"), value)
    op = found.group("op") or "="
    bounds = {
        ">": QuantityRange(number + 1, None),
        ">=": QuantityRange(number, None),
        "<": QuantityRange(None, number - 1),
        "<=": QuantityRange(None, number),
        "=": QuantityRange(number, number),
    }
    return bounds[op]
