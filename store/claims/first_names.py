"""Whether a first name is a man's or a woman's, for "he said" / "she said" between two people.

The names come from Faker's person providers (MIT licence): the ``first_names_male`` and
``first_names_female`` lists each locale module defines (``faker.providers.person.en_US``,
``es_ES``, ``fr_FR``, ``de_DE``, ``ga_IE``, ``pt_BR``, ``tr_TR``, ``ha_NG`` … about 80 locales,
≈ 25,000 names), plus the ungendered ``first_names`` of the locales that have only those. The
modules' data is read directly (no ``Faker()`` instance), once, on the first pronoun that needs
it; importing the faker package and the provider modules takes ≈ 0.1–0.3 s.

Left out: the plain ``en`` provider, the full 1990 US census lists (7,200 names with every rare
use, so "Governor", "Judge" and "Prince" are men's names and "Chris" and "Leigh" women's too);
``en_US`` holds the same census's common names.

The reading is deliberately cautious: a name is "he" only when no list has it as a woman's,
"she" only when no list has it as a man's; a name in both ("Jean": female in English, male in
French) or in no gendered list gives no answer, and the text's own words decide as before.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable
from functools import cache
from typing import Final

# The unweighted 1990 US census lists (see the module docstring).
_LEFT_OUT: Final = frozenset({"en"})


def _names(provider: type, attribute: str) -> Iterable[str]:
    """A provider's own list (tuple, list, or names weighted in a dict), not an inherited one."""
    names = vars(provider).get(attribute)
    return names if isinstance(names, (tuple, list, dict)) else ()


@cache
def _genders() -> dict[str, str]:
    """Every first name of the lists with "he", "she", or "" when the lists disagree or give
    no sex."""
    found: dict[str, str] = {}
    try:
        import faker.providers.person as person
    except ModuleNotFoundError:
        return found  # without faker, names give no gender: the text still does
    ungendered: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        if module.name in _LEFT_OUT:
            continue
        provider = importlib.import_module(f"{person.__name__}.{module.name}").Provider
        for attribute, gender in (("first_names_male", "he"), ("first_names_female", "she")):
            for name in _names(provider, attribute):
                if " " in name or not name[:1].isupper():
                    continue  # "María José", and scripts without capitals
                known = found.get(name)
                found[name] = gender if known is None or known == gender else ""
        ungendered.update(_names(provider, "first_names"))
    for name in ungendered:
        if " " not in name and name[:1].isupper():
            found.setdefault(name, "")
    return found


def gender(first_name: str) -> str:
    """ "he", "she", or "" when the name's sex is not known for sure."""
    return _genders().get(first_name, "")


def is_first_name(word: str) -> bool:
    """Whether ``word`` is a first name of the lists ("Roberto", "Chris", "Jean")."""
    return word in _genders()
