"""English (and shorthand) UN terms -> the French the resolutions use.

Users ask in English about texts written in French; the dense model bridges
most of that, but BM25 and highlighting need the French words. Each entry names
a topic: follow-ups ("and the GGE?") swap one topic for another. The topics are data
(assistant/data/glossary.toml, with their provenance); the States and the sessions
are made here, from ISO 3166 names and from ordinals, for any State and any session.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from assistant.asking.countries import State, states
from assistant.lexicon import question_pattern, strip_accents
from assistant.ordinals import ordinal_pattern, ordinal_value, ordinal_words


@dataclass(frozen=True)
class Term:
    topic: str  # stable id, e.g. "oewg"
    pattern: str  # regex over the question (case-insensitive), English or French
    french: tuple[str, ...]  # what the texts say
    # what English texts say, where it is known (the names of States); a topic without
    # them is judged in an English text by the words the question typed
    english: tuple[str, ...] = ()
    # something asked *of* a body or text (its chair, budget, vote): only a text that
    # speaks of it can answer, whatever other texts say of it
    attribute: bool = False
    # a name ("France", "OSCE"): shown as typed, not lowercased; a clause naming it is no
    # evidence on that alone that it answers (`Retriever.names_every_topic`)
    proper: bool = False


GLOSSARY = Path(__file__).resolve().parents[1] / "data" / "glossary.toml"
_pattern = cache(question_pattern)
_FIELDS = {"topic", "pattern", "french", "english", "attribute", "proper", "note"}


def load_terms(path: Path = GLOSSARY) -> tuple[Term, ...]:
    """The topics of a glossary file (assistant/data/glossary.toml says what each field
    means and where its terms come from); a malformed entry is an error naming it."""
    entries = tomllib.loads(path.read_text(encoding="utf-8")).get("term", [])
    terms, seen = [], set()
    for number, entry in enumerate(entries, start=1):
        name = entry.get("topic", f"entry {number}")
        unknown = set(entry) - _FIELDS
        if unknown or not {"topic", "pattern", "french"} <= set(entry) or name in seen:
            raise ValueError(
                f"{path}: term {name!r} needs a unique topic, a pattern and its French "
                f"forms, and no other fields than {sorted(_FIELDS)} (found {sorted(entry)})"
            )
        seen.add(name)
        try:
            _pattern(entry["pattern"])  # compiled once, as the questions are matched
        except re.error as error:
            raise ValueError(f"{path}: term {name!r}: its pattern is no regex ({error})") from None
        terms.append(
            Term(
                name,
                entry["pattern"],
                tuple(entry["french"]),
                tuple(entry.get("english", ())),
                bool(entry.get("attribute", False)),
                bool(entry.get("proper", False)),
            )
        )
    return tuple(terms)


TERMS: tuple[Term, ...] = load_terms()


# what a text's heading says of it (its agenda item, title, sponsors): asked of the text,
# not of a paragraph's subject
HEADING_TOPICS = frozenset({"sponsors", "title", "agenda_item"})


def _state_term(state: State) -> Term:
    """A State as a topic: spoken of by the texts in its French names ("Fédération de
    Russie"); a question names it as `_STATES_RX` finds."""
    return Term(f"state_{state.code.lower()}", "", state.french, english=state.english, proper=True)


def _typed(name: str) -> str:
    return name.replace("’", "'")


_STATE_TERMS = {state.code: _state_term(state) for state in states()}
# every name of every State, typed with or without accents, in one pass (one regex per
# State costs ~0.7 ms a question): capitalised as ISO writes it ("Chad", not "chad"),
# the longest name first; the name found says which State
_STATE_BY_NAME = {
    _typed(typed): _STATE_TERMS[state.code]
    for state in states()
    for name in state.names
    for typed in (name, strip_accents(name))
}
_STATES_RX = re.compile(
    r"\b(?:"
    + "|".join(
        re.escape(n).replace("'", "['’]") for n in sorted(_STATE_BY_NAME, key=len, reverse=True)
    )
    + r")(?!\w)"
)


@cache
def _session_term(number: int) -> Term:
    """The Assembly's session `number` as a topic ("session_76"): French texts write
    "soixante-seizième session", English ones "seventy-sixth (emergency special) session"."""
    english = ordinal_words(number, "en")
    return Term(
        f"session_{number}",
        "",
        (f"{ordinal_words(number, 'fr')} session",),
        english=(f"{english} session", f"{english} special session",
                 f"{english} emergency special session"),
    )  # fmt: skip


# A session by its ordinal: "76th session", "la 76e session", "seventy-sixth", "sa
# soixante-seizième session", for any session; an ordinal under 21 only before "session"
# ("the second paragraph", "2e alinéa" name no session). The words name the topic; a
# number's "session" is part of it.
_FIRST_ALONE = 21
_SESSIONS_RX = question_pattern(
    r"(?:\b(?P<digits>\d{1,2})(?:th|st|nd|rd|e|ème|ᵉ)\b|\b(?P<words>"
    + ordinal_pattern()
    + r")(?!\w))(?P<session>\s+(?:(?:emergency\s+)?special\s+)?session\b)?"
)


def _sessions(question: str) -> list[tuple[Term, int, int]]:
    found = []
    for m in _SESSIONS_RX.finditer(question):
        digits, words = m.group("digits"), m.group("words")
        number = int(digits) if digits else ordinal_value(words)
        if not number or (number < _FIRST_ALONE and not m.group("session")):
            continue
        found.append((_session_term(number), m.start(), m.end() if digits else m.end("words")))
    return found


# the States come after the topics above: "the United Nations" is the UN, not a State
_COMPILED = [(t, _pattern(t.pattern)) for t in TERMS]
# a name first: "the Convention on Cybercrime" is the Budapest Convention, not crime
_COMPILED.sort(key=lambda compiled: not compiled[0].proper)
TERMS += tuple(_STATE_TERMS.values())


@dataclass(frozen=True)
class TermMatch:
    term: Term
    start: int
    end: int
    surface: str


def find_terms(question: str) -> list[TermMatch]:
    """Glossary terms named in a question, in order, without overlaps."""
    matches: list[TermMatch] = []
    found = [(t, m.start(), m.end()) for t, regex in _COMPILED for m in regex.finditer(question)]
    found += _sessions(question)
    found += [
        (_STATE_BY_NAME[_typed(m.group(0))], m.start(), m.end())
        for m in _STATES_RX.finditer(question)
    ]
    taken = bytearray(len(question))  # characters a match already holds: linear time
    for term, start, end in found:
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            matches.append(TermMatch(term, start, end, question[start:end]))
    return sorted(matches, key=lambda x: x.start)


def french_expansion(question: str) -> str:
    return " ".join(p for m in find_terms(question) for p in m.term.french)
