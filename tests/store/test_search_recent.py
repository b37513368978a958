"""The search sources' bounded memory: what a long typing session keeps and forgets."""

from __future__ import annotations

from store.search.recent import Recent


def test_adding_past_the_size_forgets_the_oldest_and_reading_keeps_a_value_young() -> None:
    kept: Recent[str, int] = Recent(2)
    kept.put("pal", 1)
    kept.put("palm", 2)
    assert kept.get("pal") == 1  # read: now the newest
    kept.put("palmi", 3)
    assert "palm" not in kept
    assert (kept.get("pal"), kept.get("palmi"), len(kept)) == (1, 3, 2)


def test_clearing_forgets_everything_and_a_missing_key_is_none() -> None:
    kept: Recent[str, int] = Recent(4)
    kept.put("a", 1)
    kept.clear()
    assert kept.get("a") is None
    assert len(kept) == 0


def test_a_remembered_value_is_made_once_while_it_is_kept() -> None:
    kept: Recent[str, str] = Recent(1)
    made: list[str] = []

    def make(word: str) -> str:
        made.append(word)
        return word.upper()

    assert kept.remembered("pal", lambda: make("pal")) == "PAL"
    assert kept.remembered("pal", lambda: make("pal")) == "PAL"
    kept.remembered("palm", lambda: make("palm"))  # size 1: "pal" is forgotten
    assert kept.remembered("pal", lambda: make("pal")) == "PAL"
    assert made == ["pal", "palm", "pal"]
