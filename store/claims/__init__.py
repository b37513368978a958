"""Claim extraction: which sentences are claims, who makes them and with what figures.

Rule-based on purpose: an analyst can read why a sentence was taken (``ClaimDraft.method``), the
rules are data in :mod:`store.claims.rules`, and it is fast enough to run on every imported
document. Sentences and their character spans come from ``sentencex``, so every claim's
``start``/``end`` index the exact text it was read from.
"""

from store.claims.extractor import ClaimExtractor, extract_claims
from store.claims.quantities import QuantityParser

__all__ = ["ClaimExtractor", "QuantityParser", "extract_claims"]
