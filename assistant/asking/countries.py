"""Names of States, in English and French, from ISO 3166 (the `pycountry` package).

A question about a State ("What is France's position on the draft?") is answered only
by a text that names it: the glossary turns each State into a topic, so that a State
no text names is a topic the texts do not speak of (see `Retriever.unseen_topics`).

ISO writes "Russie, Fédération de"; the resolutions write "Fédération de Russie", and
users type "Russia" or "la Russie": each State is known by its ISO names, the French
ones turned round the comma, the part before the comma alone, and a few short forms
ISO lacks (`_ALSO`).
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import cache

import pycountry

# short forms users type that ISO does not list
_ALSO: dict[str, tuple[str, ...]] = {
    "US": ("USA", "U.S.", "U.S.A."),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia",),
    "TR": ("Turkey",),
    "VN": ("Vietnam",),
    "SY": ("Syrie",),
    "CZ": ("Tchéquie",),
}
# ISO entries whose name is also a common word in questions ("réunion": a meeting)
_SKIPPED = {"RE"}
_MIN_LETTERS = 4  # shorter ISO fragments ("Man" of "Isle of Man") are not matched alone


@dataclass(frozen=True)
class State:
    code: str  # ISO 3166-1 alpha-2
    names: tuple[str, ...]  # how a question may name it, English or French
    french: tuple[str, ...]  # how a French text names it
    english: tuple[str, ...] = ()  # how an English text names it


@cache
def states() -> tuple[State, ...]:
    french = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    found = []
    for country in pycountry.countries:
        if country.alpha_2 in _SKIPPED:
            continue
        english = _forms(
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        )
        french_forms = _forms(
            french.gettext(country.name),
            french.gettext(getattr(country, "official_name", None) or country.name),
        )
        also = _ALSO.get(country.alpha_2, ())
        names = tuple(dict.fromkeys((*english, *french_forms, *also)))
        found.append(State(country.alpha_2, names, french_forms, english))
    return tuple(found)


def _forms(*names: str | None) -> tuple[str, ...]:
    """Each ISO name, turned round its comma ("Russie, Fédération de" -> "Fédération de
    Russie"), and the part before the comma alone ("Russie"), without parentheses."""
    forms = []
    for name in filter(None, names):
        name = re.sub(r"\s*\([^)]*\)", "", name).strip()
        if ", " in name:
            head, rest = name.split(", ", 1)
            forms += [f"{rest} {head}", head]
        else:
            forms.append(name)
    return tuple(f for f in dict.fromkeys(forms) if len(f) >= _MIN_LETTERS)
