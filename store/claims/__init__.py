"""Claim extraction: which sentences are claims, who makes them and with what figures.

Rule-based on purpose: an analyst can read why a sentence was taken (``ClaimDraft.method``), the
rules are data in :mod:`store.claims.rules`, and it is fast enough to run on every imported
document. Sentences and their character spans come from ``sentencex``, so every claim's
``start``/``end`` index the exact text it was read from.

The modules are compiled by mypyc at ``make setup`` where a C compiler is present; the compiled
ones are imported only when built from exactly these sources (:mod:`store.claims.compiled`).
"""

from store.claims.compiled import use_if_current

COMPILED = use_if_current(__path__)
"""True when this process runs the mypyc-compiled claims modules, False on the pure sources."""

from store.claims.extractor import ClaimExtractor, extract_claims  # noqa: E402
from store.claims.quantities import QuantityParser  # noqa: E402

__all__ = ["COMPILED", "ClaimExtractor", "QuantityParser", "extract_claims"]
