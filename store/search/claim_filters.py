"""The conditions a query puts on a claim's own row: its status and its figures.

Both candidate sources (:mod:`store.search.sqlite_source`, :mod:`store.search.postgres_source`)
add them to their SELECT, so ``status:`` and ``qty:`` mean the same on either database; only
the driver's parameter mark differs (``?`` for sqlite3, ``%s`` for psycopg).
"""

from __future__ import annotations

from store.search.query import Query


def claim_conditions(query: Query, mark: str) -> tuple[list[str], list[object]]:
    """SQL conditions on a claim row aliased ``r``, and their parameters, in order.

    A figure filter compares ``value`` (every figure as a number: fractions, percentages,
    counts beyond 64 bits) and, when the query names one, ``unit`` (an ISO currency code, "%"
    or a measure).
    """
    where: list[str] = []
    params: list[object] = []
    for statuses in query.statuses:
        where.append(f"r.status IN ({', '.join([mark] * len(statuses))})")
        params.extend(sorted(statuses))
    if query.excluded_statuses:
        excluded = sorted(query.excluded_statuses)
        where.append(f"r.status NOT IN ({', '.join([mark] * len(excluded))})")
        params.extend(excluded)
    filters = [(r, False) for r in query.quantities] + [
        (r, True) for r in query.excluded_quantities
    ]
    for ranges, negated in filters:
        bounds: list[str] = []
        for span in ranges:
            parts = ["q.value IS NOT NULL"]
            if span.unit is not None:
                parts.append(f"q.unit = {mark}")
                params.append(span.unit)
            if span.low is not None:
                parts.append(f"q.value >= {mark}")
                params.append(span.low)
            if span.high is not None:
                parts.append(f"q.value <= {mark}")
                params.append(span.high)
            bounds.append("(" + " AND ".join(parts) + ")")
        exists = (
            "EXISTS (SELECT 1 FROM claim_quantity q WHERE q.claim_id = r.id AND ("  # noqa: S608 - marks and column names only
            + " OR ".join(bounds)
            + "))"
        )
        where.append(f"NOT {exists}" if negated else exists)
    return where, params
