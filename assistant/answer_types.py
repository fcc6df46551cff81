"""The kind of fact a question asks for, and whether a clause states one.

"How many members does the GGE have?", "When was the OEWG's first session held?",
"Quelle est la durée du mandat ?": the clause nearest in meaning speaks of the
GGE, the OEWG, the mandate — and gives no number, no time, no duration. Quoting
it would answer a question the texts leave open, so a question that asks for a
number, a date, a time, a duration or a place is only answered by a clause that states
one (the classic "expected answer type" of question answering). Only the best
clause is checked: looking further down the ranking for one that states a number
or a date finds the lists of years and resolution dates, which answer nothing.
Both the question and the clause are matched folded (lowercase, no accents), so
French typed without accents is read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.cleaning import MONTHS
from assistant.lexicon import fold

_FOLDED_MONTHS = fold(MONTHS) + "|january|february|march|april|may|june|july|august|"
_FOLDED_MONTHS += "september|october|november|december"
_YEAR = r"\b(?:1[6-9]|20)\d\d\b"
_NUMBER_WORD = (
    r"deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|"
    r"vingts?|trente|quarante|cinquante|soixante|septante|octante|nonante|cents?|milles?|"
    r"millions?|milliards?|dizaines?|douzaines?|centaines?|milliers?|"
    r"two|three|four|five|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
    r"hundreds?|thousands?|billions?|dozens?"  # "six", "millions" are in both languages
)
# a number that counts nothing: a resolution symbol, a date, a year, a paragraph
# or agenda item, a disease's name ("COVID-19")
_NOT_A_COUNT = re.compile(
    rf"\b\d+/\d+(?: [a-z]\b)?|\b\d{{1,2}}(?:er)? (?:{_FOLDED_MONTHS}) \d{{4}}|{_YEAR}|"
    r"\b(?:paragraphes?|alineas?|points?|items?|paragraphs?|articles?|sections?) \d+|"
    r"\b(?:covid|a|res)-\d+"
)
# a number ("vingt et un", "deux", not the ordinal "soixante-seizième") or a quantity
# said in words ("tous les États Membres", "plusieurs États")
_COUNT = re.compile(
    rf"\b\d+\b|(?<![\w-])(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}|et))*(?![\w-])|"
    r"\b(?:tous|toutes) (?:les|ses|leurs)\b|\bplusieurs\b|\bunanim\w*|\b(?:all|every|several)\b"
)
_DATE = re.compile(rf"{_YEAR}|\b(?:{_FOLDED_MONTHS})\b|\bdates?\b")
_DURATION = re.compile(
    r"\b(?:ans?|annees?|mois|semaines?|jours?|years?|months?|weeks?|days?|durees?|periodes?|"
    r"biennale?s?|annuel\w*|permanent\w*|temporaire\w*|duration|period|until|jusqu\w*)\b"
)
# when something happens: a date, a session, or an order of events
_TIME = re.compile(
    rf"{_DATE.pattern}|{_DURATION.pattern}|\bsessions?\b|\w+iemes? session|"
    r"\b(?:a l'issue|a l’issue|avant|apres|ensuite|puis|prochaine?s?|futur\w*|avenir|lorsque|"
    r"des que|d'ici|d’ici|desormais|en cours|se poursuiv\w*|precedent\w*|anterieur\w*|"
    r"ulterieur\w*|depuis|pendant|durant|deja|encore|"
    r"before|after|upon|following|next|future|previous|earlier|later|current\w*|ongoing|"
    r"when|once|since|during)\b"
)


# where something is held: a city, a seat, a venue (the UN's duty stations by name)
_PLACE = re.compile(
    r"\b(?:geneve|geneva|new york|vienne|vienna|nairobi|paris|la haye|the hague|"
    r"bruxelles|brussels|addis-abeba|addis ababa|bangkok|santiago|beyrouth|beirut|"
    r"sieges?|lieux?|villes?|headquarters|venues?|city|cities)\b"
)


@dataclass(frozen=True)
class AnswerType:
    name: str  # "count", "date", "duration", "place", "time"
    asked: re.Pattern  # over the folded question
    stated: re.Pattern  # over the folded clause (numbers that count nothing removed)
    en: str  # "… gives no number", for the abstention message
    fr: str  # "… ne donne pas de nombre"


_AUX = r"(?:will|did|does|do|is|was|were|are|has|have|had|should|must|can|could|would|shall)"
ANSWER_TYPES: tuple[AnswerType, ...] = (
    AnswerType(
        "count",
        re.compile(
            r"\bhow (?:many|much)\b|\bcombien\b(?! de temps)|"
            r"\b(?:what|which) (?:is|was|will be) the number of\b|\bwhat number of\b|"
            r"\bquel(?:le)? (?:est|etait|sera) le nombre d|\bquel nombre d"
        ),
        _COUNT,
        "number",
        "de nombre",
    ),
    AnswerType(
        "duration",
        re.compile(
            r"\bhow long\b|\bcombien de temps\b|\bpendant combien\b|\bquelle duree\b|"
            r"\bquelle (?:est|etait|sera) (?:la )?duree\b|\bwhat duration\b|"
            r"\bwhat (?:is|was|will be) the duration\b|"
            r"\bfor how many (?:years|months|weeks|days)\b"
        ),
        _DURATION,
        "duration",
        "de durée",
    ),
    AnswerType(
        "date",
        re.compile(
            r"\b(?:what|which|by what|on what|quelle|a quelle|en quelle) (?:date|year|day|annee)\b|"
            r"\bdeadline\b|\bdate limite\b|\bquel jour\b|\bechean\w+"
        ),
        _DATE,
        "date",
        "de date",
    ),
    AnswerType(
        "place",
        re.compile(
            r"\bwhere\b.*\b(?:held|hosted|take place|takes place|took place|meet|meets|met|"
            r"convene|convenes|located|based|sit|sits)\b|"
            # "où" opening the question or a clause of it ("ou" alone is "or")
            r"(?:^|[,:;])\W*(?:et\W+)?ou\b.*\b(?:se tiendr\w*|se tien\w*|se reuni\w*|"
            r"se reun\w*|aur\w* lieu|a eu lieu|ont eu lieu|siege\w*|sera situe\w*|"
            r"est situe\w*)|"
            r"\b(?:in which|what|which) (?:city|venue)\b|\b(?:dans )?quelle ville\b|"
            r"\bquel lieu\b|\ben quel lieu\b"
        ),
        _PLACE,
        "place",
        "de lieu",
    ),
    AnswerType(
        "time",
        re.compile(
            r"^\W*(?:(?:and|so|but|et|mais|alors)\W+)?"
            r"(?:(?:since|until|by|till) )?(?:when|quand)\b|"
            rf"\bwhen {_AUX}\b|\b(?:when|quand)\W*$|"
            r"\b(?:know|tell me|say|says|state|states|specify|specifies|indicate|indicates) when\b|"
            r"\b(?:dit|disent|indique\w*|precise\w*|sait|savoir)(?:(?:-t)?-(?:il|elle)s?)? quand\b|"
            r"\b(?:depuis|jusqu'a|jusqu’a|a partir de) quand\b|\ba quel moment\b|"
            r"\bat what (?:point|time|stage)\b"
        ),
        _TIME,
        "time",
        "d’indication de temps",
    ),
)


def asked_type(question: str) -> AnswerType | None:
    """The kind of fact the question asks for, if it asks for one of these."""
    folded = fold(question).strip()
    return next((t for t in ANSWER_TYPES if t.asked.search(folded)), None)


def states(answer_type: AnswerType, clause_text: str) -> bool:
    """Whether the clause states a fact of that kind."""
    folded = fold(clause_text)
    if answer_type.name == "count":
        folded = _NOT_A_COUNT.sub(" ", folded)
    return bool(answer_type.stated.search(folded))
