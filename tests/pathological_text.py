"""Texts that would make a careless extractor slow: repeated verbs, endless subjects, figures.

Shared by ``benchmarks/bench_extract_linear.py`` (time per KB from 1 KB to 1 MB) and the test
that proves extraction time grows linearly with the text (tests/store/test_claims_linear.py).
"""

from __future__ import annotations

from collections.abc import Callable

REALISTIC = (
    "The ministry said on Tuesday that 1,200 tonnes of grain left the port. “We expect more,” "
    "said Jo Grady, the union's general secretary. According to officials, $3.5 million was "
    "paid. The figures could not be independently verified.\n"
)

CASES: dict[str, Callable[[int], str]] = {
    "the said": lambda n: "the said " * (n // 9),
    "Bob, ... said": lambda n: "Bob, " * (n // 5) + "said it.",
    "that": lambda n: "that " * (n // 5),
    "said that": lambda n: "Reuters said that " * (n // 18),
    "according to": lambda n: "according to " * (n // 13),
    "open quote": lambda n: "“" + "He said it was fine and " * (n // 24),
    "numbers": lambda n: "Amaq claims " + "44 tanks, " * (n // 10),
    "Mr.": lambda n: "Mr. " * (n // 4) + "Smith said so.",
    "one paragraph of names": lambda n: "Ann Lee said " + "Ann Lee Bob " * (n // 12),
    "realistic": lambda n: REALISTIC * (n // len(REALISTIC) + 1),
}
"""Each case builds a text of about ``n`` characters."""
