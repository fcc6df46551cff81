"""Acronyms a question types that the texts only write out: "ICC" for "International
Criminal Court", "COPUOS" for "Committee on the Peaceful Uses of Outer Space". A text
that writes the acronym itself is found by it; one that writes only the name is found
through the name, which the corpus spells out somewhere (a run of capitalised words
whose initials make the acronym, link words like "of", "on the", "de" counting or
not; "UN…" also without its "United Nations": "UNOOSA", "the Office for Outer Space
Affairs"). Nothing is invented: the name is one the documents write, and a question's
acronym no document spells out stays a word of the question."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cached_property

from assistant.asking.glossary import Term, TermMatch

# what a question types as an acronym: 3 to 8 capitals ("ICC", "UNOOSA"), an "s" after
# (two letters, "UN", "EU", spell too many names by chance: the glossary has them)
# (not a piece of a symbol: "A/RES/75/32", "A/C.1/74/L.50")
ACRONYM_RX = re.compile(r"(?<![\w/.-])([A-Z]{3,8})s?(?![\w/]|[.-]\w)")
# words that may stand inside a name without giving it a letter ("Office for Outer Space
# Affairs", "Cour pénale internationale" is no run: only capitalised words open one)
_LINKS = frozenset(
    "of on the for and in to at de des du la le les et pour sur à d l".split()  # noqa: SIM905
)
_WORD_RX = re.compile(r"[^\W\d_][\w’'-]*")
_PUNCTUATION_RX = re.compile(r"[.,;:()\[\]«»“”\"!?]")
_ASKED_MAX = 3  # acronyms read per question (each new one is a pass over the names)
_KNOWN_MAX = 10_000  # acronyms remembered (then forgotten and read again)
_NAMES_KEPT = 2  # the names most often written for one acronym
ACRONYM_TOPIC = "acronym "  # the topic of an acronym's term: "acronym ICC"


class Acronyms:
    """The names the texts write out, read once from their clauses and titles, and the
    ones an acronym stands for."""

    def __init__(self, texts: Iterable[str]):
        self._texts = list(texts)
        self._found: dict[str, tuple[str, ...]] = {}

    @cached_property
    def _runs(self) -> list[list[str]]:
        """Each run of capitalised words (with the link words between them) in the texts;
        a name runs over no punctuation ("Georgia, Ukraine, Azerbaijan" is no name)."""
        runs: list[list[str]] = []
        for text in self._texts:
            for piece in _PUNCTUATION_RX.split(text):
                run: list[str] = []
                for word in _WORD_RX.findall(piece):
                    if word[0].isupper() or (run and word.casefold() in _LINKS):
                        run.append(word)
                    else:
                        _close(run, runs)
                        run = []
                _close(run, runs)
        return runs

    @cached_property
    def _written(self) -> frozenset[str]:
        """The acronyms the texts write themselves (then searched as they are)."""
        return frozenset(
            w for text in self._texts for w in _WORD_RX.findall(text) if w.isupper() and len(w) > 1
        )

    def names(self, acronym: str) -> tuple[str, ...]:
        """The names the texts write for `acronym` (most written first); () when they
        write the acronym itself, or no name makes it."""
        if acronym not in self._found:
            if len(self._found) >= _KNOWN_MAX:
                self._found.clear()
            names = () if acronym in self._written else self._spelled(acronym)
            if not names and acronym.startswith("UN") and len(acronym) >= 5:
                # "UNOOSA": the texts write "the Office for Outer Space Affairs", the
                # United Nations understood
                unsaid = acronym[2:]
                names = () if unsaid in self._written else self._spelled(unsaid)
            self._found[acronym] = names
        return self._found[acronym]

    def _spelled(self, acronym: str) -> tuple[str, ...]:
        counts: Counter[str] = Counter()
        for run in self._runs:
            for start, word in enumerate(run):
                if word[0] == acronym[0] and word.casefold() not in _LINKS:
                    end = _spells(acronym, run, start)
                    if end:
                        counts[" ".join(run[start:end])] += 1
        return tuple(name for name, _ in counts.most_common(_NAMES_KEPT))

    def terms(self, question: str, taken: list[TermMatch]) -> list[TermMatch]:
        """The question's acronyms the glossary did not know, each as a term whose forms
        are the names the texts write for it."""
        found = []
        asked = [
            m
            for m in ACRONYM_RX.finditer(question)
            if not any(t.start < m.end() and m.start() < t.end for t in taken)
        ]
        for m in asked[:_ASKED_MAX]:
            names = self.names(m.group(1))
            if names:
                term = Term(
                    f"{ACRONYM_TOPIC}{m.group(1)}", re.escape(m.group(0)), names, names,
                    proper=True,
                )  # fmt: skip
                found.append(TermMatch(term, m.start(), m.end(), m.group(0)))
        return found


def _close(run: list[str], runs: list[list[str]]) -> None:
    while run and run[-1].casefold() in _LINKS:  # a run ends on a capitalised word
        run.pop()
    if len(run) > 1:
        runs.append(run)


def _spells(acronym: str, run: list[str], start: int) -> int | None:
    """The end of the words from `start` whose initials spell the acronym, every
    capitalised word giving its letter and a link word giving it or not; None if none."""
    # (position in the acronym, position in the run): the first way found is kept
    ways = [(0, start)]
    seen = set()
    while ways:
        letter, at = ways.pop()
        if letter == len(acronym):  # a whole name: not "International Criminal" of "… Court"
            whole = at == len(run) or run[at].casefold() in _LINKS
            if whole and run[at - 1].casefold() not in _LINKS:
                return at
            continue
        if at == len(run) or (letter, at) in seen:
            continue
        seen.add((letter, at))
        word = run[at]
        if word.casefold() in _LINKS:
            ways.append((letter, at + 1))  # the link gives no letter
        if word[0].upper() == acronym[letter]:
            ways.append((letter + 1, at + 1))
    return None
