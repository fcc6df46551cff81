"""The verbs resolutions speak with, as users ask about them and as clauses open.

An operative paragraph "decides", "welcomes", "calls upon"; a preambular one is
"recalling", "noting". A question that names one of these, in English or in French,
favours the clauses that open with it, in either language, and the answer glosses each
clause's verb in the question's language ("Calls upon" is "demande" to a French reader,
"Se félicite" is "welcomes" to an English one).

Provenance of the pairs: the United Nations' own renderings of the General Assembly's
resolution verbs, as the English and French versions of the same resolutions print them
(Calls upon / Demande, Urges / Exhorte or Prie instamment, Requests / Prie, Demands /
Exige, Welcomes / Se félicite or Salue, Deplores / Déplore, Condemns / Condamne, Recalling
/ Rappelant, Reaffirming / Réaffirmant, Taking note / Prenant note, Bearing in mind /
Ayant à l'esprit, Convinced / Convaincue…) — the UN Editorial Manual's lists of
preambular and operative verbs; nothing here is taken from one text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.lexicon import fold, question_pattern


@dataclass(frozen=True)
class Verb:
    name: str
    question: str  # regex over a question, English or French
    en_leads: tuple[str, ...]  # folded prefixes of English clause leads
    fr_leads: tuple[str, ...]  # folded prefixes of French clause leads
    en_operative: str
    en_preambular: str
    fr_operative: str
    fr_preambular: str
    # when no paragraph of the texts asked about opens with this verb, the paragraphs
    # opening with these answer ("What does it urge?" of a text that only "calls upon")
    near: tuple[str, ...] = ()

    @property
    def leads(self) -> tuple[str, ...]:
        return self.en_leads + self.fr_leads

    def leads_in(self, language: str | None) -> tuple[str, ...]:
        if language == "fr":
            return self.fr_leads
        if language == "en":
            return self.en_leads
        return self.leads


# the order matters where one lead begins another's: "prie instamment" (urges) before
# "prie" (requests), "demande instamment" before "demande"
VERBS: tuple[Verb, ...] = (
    Verb("decide", r"\bdecid\w*|\bdecision|\bdécid\w*|\bdécision", ("decid",), ("decid",),
         "decides", "deciding", "décide", "décidant"),
    Verb("welcome", r"\bwelcom\w*|\bsalu\w*|\bfélicit\w*|\bappreciat\w*|\baccueill\w*|\bpraise\w*|"
         r"\bapplau\w*|\brejoic\w*|\bréjou\w*|\bcommend\w*|\b(?:happy|pleased|glad) (?:about|with)\b",
         ("welcom", "commend"), ("se felicit", "saluant", "salue", "accueill"),
         "welcomes", "welcoming", "se félicite", "se félicitant"),
    Verb("urge", r"\burg\w*|\bexhort\w*|\binstamment\b|\bengag\w* vivement",
         ("urg",), ("exhort", "prie instamment", "demande instamment", "engage vivement",
                    "invite instamment", "engage instamment"),
         "urges", "urging", "exhorte", "exhortant", near=("call_upon", "request")),
    Verb("demand", r"\bdemand(?:s|ed|ing)?\b|\bexig\w*", ("demand",), ("exig",),
         "demands", "demanding", "exige", "exigeant", near=("call_upon",)),
    Verb("call_upon", r"\bcalls? (?:up)?on\b|\bcalled (?:up)?on\b|\bcalling (?:up)?on\b|"
         r"\bdemand(?:e|es|ent|er|é|ée|ées|és|ant)\b",
         ("calls upon", "calls on", "calling upon", "calling on"), ("demand",),
         "calls upon", "calling upon", "demande", "demandant",
         near=("urge", "demand", "request")),
    Verb("invite", r"\binvit\w*", ("invit",), ("invit",), "invites", "inviting", "invite",
         "invitant"),
    Verb("request", r"\brequest\w*|\bprie\b|\bprient\b", ("request",), ("prie", "priant"),
         "requests", "requesting", "prie", "priant"),
    Verb("encourage", r"\bencourag\w*", ("encourag",), ("encourag",), "encourages",
         "encouraging", "encourage", "encourageant"),
    Verb("deplore", r"\bdeplor\w*|\bdéplor\w*|\bregret\w*", ("deplor", "regret"),
         ("deplor", "regrett"), "deplores", "deploring", "déplore", "déplorant"),
    Verb("condemn", r"\bcondemn\w*|\bcondamn\w*", ("condemn",), ("condamn",), "condemns",
         "condemning", "condamne", "condamnant"),
    Verb("note", r"\b(?:tak(?:e|es|ing)|took) note\b|\bnot(?:e|es|ed|ing|ent|er|ez)\b|"
         r"\bnotant\b|\bpren(?:d|nent|ant|dre|ez) note", ("note", "noting", "takes note", "taking note"),
         ("note", "notant", "prend note", "prenant note"), "notes", "noting", "note", "notant"),
    Verb("stress", r"\bstress\w*|\bemphasi\w*|\bunderlin\w*|\bunderscor\w*|\bsoulign\w*|"
         r"\bhighlight\w*|\binsist\w*", ("stress", "emphasi", "underlin", "underscor"),
         ("soulign", "insist"), "stresses", "stressing", "souligne", "soulignant"),
    # "Quelles résolutions le projet cite-t-il ?": the recalling paragraph lists them
    Verb("recall", r"\brecall\w*|\brappel\w*|\bcit(?:e|es|ent|ez|er|ed|ing|é|ée|ées|és)\b",
         ("recall",), ("rappel",), "recalls", "recalling", "rappelle", "rappelant"),
    Verb("reaffirm", r"\breaffirm\w*|\bréaffirm\w*|\breiterat\w*|\bréitér\w*",
         ("reaffirm", "reiterat"), ("reaffirm", "reiter"), "reaffirms", "reaffirming",
         "réaffirme", "réaffirmant"),
    Verb("affirm", r"\baffirm\w*", ("affirm",), ("affirm",), "affirms", "affirming", "affirme",
         "affirmant"),
    Verb("confirm", r"\bconfirm\w*", ("confirm",), ("confirm",), "confirms", "confirming",
         "confirme", "confirmant"),
    Verb("recognize", r"\brecogni[sz]\w*|\backnowledg\w*|\breconn(?:ai|aî)\w*",
         ("recogni", "acknowledg"), ("reconnai",), "recognizes", "recognizing", "reconnaît",
         "reconnaissant"),
    Verb("concern", r"\bconcern(?:ed|s)? (?:about|by|over|that)\b|"
         r"\bexpress\w* (?:any |some |its |their |a |grave |deep |serious )?(?:concern|worr\w*)|"
         r"\bworr\w*|\bpréoccup\w*|\binquiet\w*|\binquièt\w*|\balarm\w*",
         ("concerned", "expressing concern", "expressing grave concern",
          "expressing deep concern", "expressing serious concern", "expresses concern",
          "expresses grave concern", "expresses deep concern", "expresses serious concern",
          "alarm"),
         ("se declarant preoccup", "preoccup", "se declare preoccup", "alarm"),
         "expresses concern", "expressing concern", "se déclare préoccupée",
         "se déclarant préoccupée"),
    Verb("conscious", r"\bconscious\w*|\baware\w*|\bmindful\b|\bbearing in mind\b|"
         r"\bconscien\w*|\bayant à l[’']esprit", ("conscious", "aware", "mindful", "bearing in mind"),
         ("conscient", "ayant a l'esprit", "ayant a l’esprit"), "is conscious", "conscious",
         "est consciente", "consciente"),
    Verb("convinced", r"\bconvinc\w*|\bconviction\w*|\bconvaincu\w*|\bpersuad\w*",
         ("convinced", "persuaded"), ("convaincu", "persuade"), "is convinced", "convinced",
         "est convaincue", "convaincue"),
    Verb("endorse", r"\bendors\w*|\bfai(?:t|sant) sien\w*|\bapprouv\w*",
         ("endors",), ("fait sien", "faisant sien", "approuv"), "endorses", "endorsing",
         "fait sien", "faisant sien"),
    Verb("deem", r"\bdeem\w*|\bjug\w*", ("deem",), ("jugeant", "juge"), "deems", "deeming",
         "juge", "jugeant"),
    # English "ask" covers several verbs; last, so that glosses use the exact one
    Verb("ask", r"\bask\w*", ("calls upon", "calls on", "request", "invit", "urg"),
         ("demand", "invit", "prie"), "asks", "asking", "demande", "demandant"),
)  # fmt: skip

_BY_NAME = {v.name: v for v in VERBS}
_COMPILED = {v: question_pattern(v.question) for v in VERBS}
# a verb named only as a noun is what another verb acts on when there is one:
# "which decision does it recall" asks for a clause that recalls, not one that decides
_NOUN_FORMS = {"decide": question_pattern(r"décisions?")}
# adverbs an English lead may open with ("Also decides", "Further requests", "Strongly
# condemns", "Deeply concerned"), and a declaration's subject ("We reaffirm", "Nous
# réaffirmons"): the verb is the word after them
_LEADING_ADVERBS = re.compile(
    r"^(?:(?:we|nous|also|further|furthermore|again|once again|once more|moreover|strongly|firmly|"
    r"deeply|seriously|gravely|fully|equally|likewise|similarly|in addition)\s+)+"
)
# a lead joining two verbs ("Welcomes and urges", "Prend note et se félicite")
_JOINED_LEADS = re.compile(r"\s+(?:and|et)\s+")


def by_name(name: str) -> Verb:
    return _BY_NAME[name]


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


def _lead_parts(lead: str) -> list[str]:
    folded = fold(lead).strip()
    return [_LEADING_ADVERBS.sub("", part) for part in _JOINED_LEADS.split(folded) if part]


def verbs_of_lead(lead: str | None, language: str | None = None) -> list[Verb]:
    """Every verb a clause's lead opens with, in the lead's language when known
    ("Welcomes and urges": welcome, urge; "Also demands": demand; English "Demands" is
    no French "Demande")."""
    if not lead:
        return []
    found = []
    for part in _lead_parts(lead):
        matched = {
            v: max(len(p) for p in v.leads_in(language) if part.startswith(p))
            for v in VERBS
            if part.startswith(v.leads_in(language))
        }
        # a longer lead says more: "prie instamment" urges, it does not request
        longest = max(matched.values(), default=0)
        found += [v for v, n in matched.items() if n == longest or v.name == "ask"]
    return list(dict.fromkeys(found))


def verb_of_lead(lead: str | None, language: str | None = None) -> Verb | None:
    found = verbs_of_lead(lead, language)
    return found[0] if found else None


def lead_language(lead: str) -> str | None:
    """ "en" / "fr" when only one language's leads open this lead, else None."""
    part = _lead_parts(lead)[:1]
    if not part:
        return None
    en = any(part[0].startswith(v.en_leads) for v in VERBS)
    fr = any(part[0].startswith(v.fr_leads) for v in VERBS)
    return "en" if en and not fr else "fr" if fr and not en else None


def gloss(lead: str | None, kind: str, language: str, written_in: str | None = None) -> str:
    """The clause's verb for a reader of `language`: its own lead when the clause is in
    that language ("also decides", "se félicite également"), else the verb's rendering
    ("Se félicite" -> "welcomes", "Calls upon" -> "demande"). `written_in`: the clause's
    language, when known."""
    own = (lead or "").lower()
    written_in = written_in or (lead_language(lead) if lead else None)
    if not lead or written_in == language:
        return own
    verbs = [v for v in verbs_of_lead(lead, written_in) if v.name != "ask"]
    verbs = verbs or verbs_of_lead(lead, written_in)
    if not verbs:
        return own
    if language == "fr":
        said = [v.fr_preambular if kind == "preambular" else v.fr_operative for v in verbs]
        return " et ".join(said)
    said = [v.en_preambular if kind == "preambular" else v.en_operative for v in verbs]
    return " and ".join(said)
