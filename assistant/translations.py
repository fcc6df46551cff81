"""English words users type -> the French words the texts say them with.

The glossary (assistant/glossary.py) names topics: a text that does not speak of one
does not answer. These are plain words that are no topic of their own ("worried",
"help", "outcomes", "reliable"): an English question's words reach the French clauses
through them in BM25 and in lexical support, as cognates do ("cooperation" ->
"coopération") for the words that are spelt alike. Each French side is what the two
bundled texts write; a word with several senses in the texts ("work": travaux, efforts;
"country": pays, États) is left out, as the dense model bridges those better.
"""

from __future__ import annotations

from functools import lru_cache

from assistant.analysis import terms

EN_FR: dict[str, str] = {
    "worry": "préoccupée", "worried": "préoccupée", "worries": "préoccupée",
    "concerned": "préoccupée", "peace": "paix", "war": "conflits", "wars": "conflits",
    "law": "droit", "laws": "droit", "rights": "droits", "freedoms": "libertés",
    "trust": "confiance", "confidence": "confiance", "skills": "capacités",
    "training": "capacités", "help": "aider assistance",
    "support": "appui aider", "need": "besoin", "needs": "besoin", "purpose": "fins",
    "purposes": "fins", "ends": "fins", "aims": "fins", "spread": "diffusion",
    "threat": "menaces", "threats": "menaces", "danger": "risque", "dangers": "risques",
    "risk": "risque", "risks": "risques", "stop": "prévenir empêcher", "prevent": "prévenir",
    "fight": "lutte", "tackle": "lutte faire face", "governments": "États", "nations": "États",
    "world": "mondiale", "global": "mondiale", "worldwide": "mondiale",
    "humankind": "humanité", "mankind": "humanité", "future": "avenir futurs",
    "later": "ensuite", "meetings": "réunions", "schedule": "calendrier",
    "delays": "interruptions", "talks": "négociations", "agree": "conviennent",
    "rules": "règles", "principles": "principes", "behaviour": "comportement",
    "behavior": "comportement", "secure": "sûr sécurité", "safe": "sûr", "open": "ouvert",
    "reliable": "fiable", "stable": "stable", "harm": "atteinte nuisant", "damage": "atteinte",
    "misuse": "malveillantes", "bad": "malveillantes", "harmful": "malveillantes",
    "good": "bien", "common": "commun", "findings": "constatations",
    "welcome": "félicite salue", "praise": "salue", "views": "vues",
    "opinions": "vues observations", "outcome": "résultats conclusions",
    "outcomes": "résultats conclusions", "results": "résultats", "report": "rapports",
    "creative": "créatif", "growth": "progrès", "advances": "progrès", "progress": "progrès",
    "military": "militaires", "armies": "militaires", "criminals": "criminelles",
    "criminal": "criminelles", "terrorists": "terroristes", "private": "privé",
    "academia": "universitaires", "companies": "privé", "firms": "privé",
    "independent": "indépendants", "autonomous": "indépendants", "leading": "premier plan",
    "lead": "premier plan", "role": "rôle", "sustainable": "durable",
    "development": "développement", "infrastructure": "infrastructure",
    "integrity": "intégrité", "continuity": "continuité", "negotiations": "négociations",
    "launch": "lancement", "next": "prochaines", "steps": "étapes", "send": "communiquer",
    "sending": "communiquer", "submit": "communiquer", "submitting": "communiquer",
    "reduce": "réduire", "strengthen": "renforcer", "guarantee": "garantir",
    "include": "comprend", "includes": "comprend", "fighting": "lutte",
    "computer": "informatique", "computers": "informatique", "sectors": "domaines",
    "discussions": "débats", "debates": "débats", "fear": "préoccupée",
    "effective": "efficacité", "tools": "moyens", "means": "moyens",
    "promote": "promouvoir promotion", "promotes": "promouvoir promotion",
    "promoting": "promouvoir promotion",
}  # fmt: skip


@lru_cache(maxsize=1)
def _by_stem() -> dict[str, tuple[str, ...]]:
    """The index stem of each English word -> the index stems of its French."""
    found: dict[str, list[str]] = {}
    for english, french in EN_FR.items():
        for stem in terms(english)[:1]:
            found.setdefault(stem, []).extend(terms(french))
    return {stem: tuple(dict.fromkeys(french)) for stem, french in found.items()}


@lru_cache(maxsize=1)
def _by_french_stem() -> dict[str, tuple[str, ...]]:
    """The other way: the index stem of each French word -> the English index stems
    (English analysis) of the words it translates."""
    found: dict[str, list[str]] = {}
    for english, french in EN_FR.items():
        for stem in terms(french, "fr"):
            found.setdefault(stem, []).extend(terms(english, "en")[:1])
    return {stem: tuple(dict.fromkeys(words)) for stem, words in found.items()}


def english_stems(stem: str) -> tuple[str, ...]:
    """The English index stems a French word's stem translates to ("preoccupe" ->
    ("worri", "concern", "fear")): a French question's words reach English clauses
    through them; () for a word not in the table."""
    return _by_french_stem().get(stem, ())


def french_stems(stem: str) -> tuple[str, ...]:
    """The French index stems an English word's stem is said with ("worri" ->
    ("preoccupe",)); () for a word not in the table."""
    return _by_stem().get(stem, ())
