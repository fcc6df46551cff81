"""English (and shorthand) UN terms -> the French the resolutions use.

Users ask in English about texts written in French; the dense model bridges
most of that, but BM25 and highlighting need the French words. Each entry names
a topic: follow-ups ("and the GGE?") swap one topic for another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    topic: str  # stable id, e.g. "oewg"
    pattern: str  # regex over the question (case-insensitive), English or French
    french: tuple[str, ...]  # what the texts say


TERMS: tuple[Term, ...] = (
    Term("oewg", r"\bOEWG\b|open[- ]ended working group|working group|groupe de travail"
         r"(?: à composition non limitée)?",
         ("Groupe de travail à composition non limitée", "Groupe de travail")),
    Term("gge", r"\bGGEs?\b|group(?:s)? of governmental experts|governmental experts|"
         r"expert group|groupe d[’']experts(?: gouvernementaux)?",
         ("Groupe d’experts gouvernementaux",)),
    Term("ict", r"\bICTs?\b|information and communications? technolog\w*|"
         r"information technolog\w*|telecommunications?|digital technolog\w*|\bdigital\b",
         ("informatique", "télécommunications", "technologies numériques", "numérique")),
    Term("cyberspace", r"cyber ?space|cyberespace", ("cyberespace",)),
    Term("responsible_behaviour", r"responsible (?:state )?behaviou?r|comportement responsable",
         ("comportement responsable des États",)),
    Term("norms", r"\bnorms?\b|rules and principles|normes", ("normes, règles et principes",)),
    Term("cbm", r"\bCBMs?\b|confidence[- ]building(?: measures)?|mesures de confiance",
         ("mesures de confiance", "renforcement de la confiance")),
    Term("capacity_building", r"capacity[- ]building|build(?:ing)? capacit\w+|"
         r"renforcement des capacités", ("renforcement des capacités",)),
    Term("infrastructure", r"critical infrastructure|infrastructures?",
         ("infrastructure des États",)),
    Term("human_rights", r"human rights?|fundamental freedoms?|droits de l[’']homme|"
         r"droits humains", ("droits de l’homme", "droits humains", "libertés fondamentales")),
    Term("member_states", r"member states|états membres", ("États Membres",)),
    Term("secretary_general", r"secretary[- ]general|secrétaire général",
         ("Secrétaire général",)),
    Term("international_law", r"international law|droit international|\bcharter\b|charte",
         ("droit international", "Charte des Nations Unies")),
    Term("terrorism", r"terroris\w+", ("terroristes",)),
    Term("crime", r"\bcrim\w+|cybercrime", ("fins criminelles",)),
    Term("peaceful", r"peaceful\w*|pacifiques?", ("fins pacifiques",)),
    Term("military", r"militar\w+|militaires?", ("fins militaires",)),
    Term("stakeholders", r"private sector|civil society|academia|stakeholders?|"
         r"secteur privé|société civile", ("secteur privé", "milieux universitaires",
                                           "société civile")),
    Term("pandemic", r"covid\S*|pandemic|coronavirus|pandémie",
         ("pandémie de maladie à coronavirus", "COVID-19")),
    Term("dual_use", r"dual[- ]use|double usage", ("double usage",)),
    Term("information_flow", r"(?:free )?flow of information|circulation de l[’']information",
         ("libre circulation de l’information",)),
    Term("agenda", r"\b(?:provisional )?agenda(?: item)?\b|\bitem\b|ordre du jour", ("ordre du jour provisoire",)),
    Term("session_76", r"seventy-sixth|76th session|soixante-seizième",
         ("soixante-seizième session",)),
    Term("session_75", r"seventy-fifth|75th session|soixante-quinzième",
         ("soixante-quinzième session",)),
    Term("reports", r"\breports?\b|rapports?", ("rapports",)),
    Term("conflict", r"\bconflicts?\b|conflits?", ("conflits",)),
    Term("cooperation", r"co-?operation|coopération", ("coopération internationale",)),
    Term("security", r"international security|sécurité internationale",
         ("sécurité internationale",)),
    Term("malicious", r"malicious|malveillantes?", ("malveillantes",)),
    Term("views", r"\bviews\b|observations|vues", ("vues et observations",)),
    Term("sponsors", r"sponsor\w*|co-?sponsor\w*|auteurs?|submitted by|proposed by",
         ("projet de résolution",)),
    Term("un", r"\bUN\b|United Nations|\bONU\b|Nations Unies",
         ("Organisation des Nations Unies", "ONU")),
    Term("negotiations", r"negotiat\w+|négociations?", ("négociations",)),
    Term("transparency", r"transparen\w+", ("transparence",)),
    Term("best_practices", r"best practices?|meilleures pratiques", ("meilleures pratiques",)),
    Term("developing", r"developing countries|assistance|sustainable development|"
         r"développement durable", ("assistance", "développement durable")),
    Term("geographic", r"geographic\w*|répartition géographique",
         ("répartition géographique équitable",)),
    Term("mandate", r"\bmandate\b|mandat", ("mandat",)),
)  # fmt: skip

_COMPILED = [(t, re.compile(t.pattern, re.IGNORECASE)) for t in TERMS]


@dataclass(frozen=True)
class TermMatch:
    term: Term
    start: int
    end: int
    surface: str


def find_terms(question: str) -> list[TermMatch]:
    """Glossary terms named in a question, in order, without overlaps."""
    matches: list[TermMatch] = []
    for term, regex in _COMPILED:
        for m in regex.finditer(question):
            if not any(m.start() < x.end and x.start < m.end() for x in matches):
                matches.append(TermMatch(term, m.start(), m.end(), m.group(0)))
    return sorted(matches, key=lambda x: x.start)


def french_expansion(question: str) -> str:
    return " ".join(p for m in find_terms(question) for p in m.term.french)
