"""The verbs resolutions speak with, as users ask about them and as clauses open.

An operative paragraph "decides", "welcomes", "calls upon"; a preambular one is
"recalling", "noting". A question that names one of these favours the clauses
that open with it, and the answer glosses each clause's verb in the question's
language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.lexicon import fold, question_pattern


@dataclass(frozen=True)
class Verb:
    name: str
    question: str  # regex over a question, English or French
    leads: tuple[str, ...]  # folded prefixes of clause leads
    en_operative: str
    en_preambular: str


VERBS: tuple[Verb, ...] = (
    Verb("decide", r"\bdecid\w*|\bdecision|\bdécid\w*|\bdécision", ("decide",), "decides", "deciding"),
    Verb("welcome", r"\bwelcom\w*|\bsalu\w*|\bfélicit\w*|\bappreciat\w*|\baccueill\w*|\bpraise\w*|"
         r"\bapplau\w*|\brejoic\w*|\bréjou\w*|\b(?:happy|pleased|glad) (?:about|with)\b",
         ("se felicite", "saluant", "accueill", "se felicitant"), "welcomes", "welcoming"),
    Verb("call_upon", r"\bcalls? (?:up)?on\b|\bcalled (?:up)?on\b|\bcalling (?:up)?on\b|\burg\w*|"
         r"\bdemand\w*", ("demande",), "calls upon", "calling upon"),
    Verb("invite", r"\binvit\w*", ("invite",), "invites", "inviting"),
    Verb("request", r"\brequest\w*|\bprie\b", ("prie",), "requests", "requesting"),
    Verb("note", r"\b(?:tak(?:e|es|ing)|took) note\b|\bnot(?:e|es|ed|ing)\b|\bnotant\b|"
         r"\bprend note", ("note", "notant", "prend note"), "notes", "noting"),
    Verb("stress", r"\bstress\w*|\bemphasi\w*|\bunderlin\w*|\bunderscor\w*|\bsoulign\w*|"
         r"\bhighlight\w*", ("soulign",), "stresses", "stressing"),
    # "Quelles résolutions le projet cite-t-il ?": the recalling paragraph lists them
    Verb("recall", r"\brecall\w*|\brappel\w*|\bcit(?:e|es|ent|ez|er|ed|ing|é|ée|ées|és)\b",
         ("rappel",), "recalls", "recalling"),
    Verb("reaffirm", r"\breaffirm\w*|\bréaffirm\w*", ("reaffirm",), "reaffirms", "reaffirming"),
    Verb("affirm", r"\baffirm\w*", ("affirm",), "affirms", "affirming"),
    Verb("confirm", r"\bconfirm\w*", ("confirm",), "confirms", "confirming"),
    Verb("concern", r"\bconcern(?:ed|s)? (?:about|by|over|that)\b|"
         r"\bexpress\w* (?:any |some |its |their |a )?(?:concern|worr\w*)|\bworr\w*|"
         r"\bpréoccup\w*|\binquiet\w*|\binquièt\w*|\balarm\w*", ("se declarant preoccupe", "preoccupe"),
         "expresses concern", "expressing concern"),
    Verb("conscious", r"\bconscious\w*|\baware\w*|\bconscien\w*", ("conscient",), "is conscious",
         "conscious"),
    Verb("deem", r"\bdeem\w*|\bjug\w*", ("jugeant", "juge"), "deems", "deeming"),
    # English "ask" covers three French verbs; last, so that glosses use the exact one
    Verb("ask", r"\bask\w*", ("demande", "invite", "prie"), "asks", "asking"),
)  # fmt: skip

_COMPILED = {v: question_pattern(v.question) for v in VERBS}
# a verb named only as a noun is what another verb acts on when there is one:
# "which decision does it recall" asks for a clause that recalls, not one that decides
_NOUN_FORMS = {"decide": question_pattern(r"décisions?")}


def _named(question: str) -> list[tuple[int, Verb, re.Match]]:
    found = [(m.start(), v, m) for v, rx in _COMPILED.items() if (m := rx.search(question))]
    if len(found) > 1:
        found = [x for x in found if not _only_as_noun(x[1], question)] or found
    return found


def _only_as_noun(verb: Verb, question: str) -> bool:
    noun = _NOUN_FORMS.get(verb.name)
    if noun is None:
        return False
    return all(noun.fullmatch(m.group(0)) for m in _COMPILED[verb].finditer(question))


def verb_in_question(question: str) -> tuple[Verb, re.Match] | None:
    """The first resolution verb a question names, with where it is."""
    found = _named(question)
    if not found:
        return None
    _, verb, match = min(found, key=lambda x: x[0])
    return verb, match


def verbs_in_question(question: str) -> list[Verb]:
    """Every resolution verb a question names ("which decision does it recall": only
    "recall", the decision being what is recalled)."""
    return [v for _, v, _ in _named(question)]


def verb_of_lead(lead: str | None) -> Verb | None:
    if not lead:
        return None
    folded = fold(lead)
    return next((v for v in VERBS if folded.startswith(v.leads)), None)


def gloss(lead: str | None, kind: str, language: str) -> str:
    """'decides' / 'recalling' in English; the clause's own lead in French."""
    if language == "fr":
        return (lead or "").lower()
    verb = verb_of_lead(lead)
    if verb is None:
        return (lead or "").lower()
    return verb.en_preambular if kind == "preambular" else verb.en_operative
