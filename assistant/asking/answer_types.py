"""The kind of fact a question asks for, and whether a clause states one.

"How many members does the GGE have?", "When was the OEWG's first session held?",
"Quelle est la durée du mandat ?": the clause nearest in meaning speaks of the
GGE, the OEWG, the mandate — and gives no number, no time, no duration. Quoting
it would answer a question the texts leave open, so a question that asks for a
number, a date, a time, a duration, a place or a country is only answered by a clause
that states one (the classic "expected answer type" of question answering). A list
states the count of what it lists ("how many countries sponsored the draft?": its
sponsors, named one by one). Only the best clause is checked: looking further down
the ranking for one that states a number or a date finds the lists of years and
resolution dates, which answer nothing — except for the date of a resolution the
question names, which the recalling paragraph gives (`dates_a_named_resolution`).
Both the question and the clause are matched folded (lowercase, no accents), so
French typed without accents is read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.lexicon import fold
from assistant.reading.cleaning import MONTHS

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
# or agenda item, a document number ("A-…"; a disease's name is `_YEAR_IN_A_NAME`)
_NOT_A_COUNT = re.compile(
    rf"\b\d+/\d+(?: [a-z]\b)?|\b\d{{1,2}}(?:er)? (?:{_FOLDED_MONTHS}) \d{{4}}|{_YEAR}|"
    r"\b(?:paragraphes?|alineas?|points?|items?|paragraphs?|articles?|sections?) \d+|"
    r"\b(?:a|res)-\d+"
)
# a number ("vingt et un", "deux", not the ordinal "soixante-seizième") or a quantity
# said in words ("tous les États Membres", "plusieurs États")
_COUNT = re.compile(
    rf"\b\d+\b|(?<![\w-])(?:{_NUMBER_WORD})(?:-(?:{_NUMBER_WORD}|et))*(?![\w-])|"
    r"\b(?:tous|toutes) (?:les|ses|leurs)\b|\bplusieurs\b|\bunanim\w*|\b(?:all|every|several)\b"
)
# a sum of money or a share: a currency, a figure in millions, a percentage
# (a figure in billions alone is no sum: "4 billion people")
_AMOUNT = re.compile(
    r"[$€£]|\b(?:us\s?)?dollars?\b|\beuros?\b|\bfrancs?\b|\b(?:usd|eur|chf)\b|"
    r"%|\bper ?cent\b|\bpour ?cent\b"
)
_DATE = re.compile(rf"{_YEAR}|\b(?:{_FOLDED_MONTHS})\b|\bdates?\b")
# a year in a name dates nothing: "maladie à coronavirus 2019", "COVID-19",
# "Programme de développement durable à l'horizon 2030", "Agenda 2030"
_YEAR_IN_A_NAME = re.compile(
    r"\b(?:coronavirus|covid)(?: disease)?[- ](?:20)?19\b|\bhorizon 2030\b|\bagenda 2030\b"
)
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


# a place named as a text names where something was held: "in Awaza, Turkmenistan",
# "at Victoria Falls, Zimbabwe", "à Doha (Qatar)" (matched on the clause as written)
_NAMED_PLACE = re.compile(
    r"\b(?:in|at|à) (?:[A-ZÀ-Ý][\w’'-]+ ){0,2}[A-ZÀ-Ý][\w’'-]+(?:, | \()[A-ZÀ-Ý][\w’'-]+\)?,? "
    r"(?:from|on|in|du|le|les|en) \d|"
    # "to be held in Armenia in 2026", "tenue à Genève"
    r"\b(?:held|hosted|convened|met|take place|took place|tenue?s?|organisée?s?|réunie?s?) "
    r"(?:in|at|à|en) [A-ZÀ-Ý]"
)


# which country: a clause speaking of countries or States, or naming them one by one
_COUNTRY = re.compile(r"\b(?:pays|etats?|states?|countr(?:y|ies)|nations?)\b")


@dataclass(frozen=True)
class AnswerType:
    name: str  # "count", "date", "duration", "place", "country", "time"
    asked: re.Pattern  # over the folded question
    stated: re.Pattern  # over the folded clause (numbers that count nothing removed)
    en: str  # "… gives no number", for the abstention message
    fr: str  # "… ne donne pas de nombre"


_AUX = r"(?:will|did|does|do|is|was|were|are|has|have|had|should|must|can|could|would|shall)"
ANSWER_TYPES: tuple[AnswerType, ...] = (
    AnswerType(
        # "How much funding does it commit?", "quel est le montant du budget ?", "what
        # youth unemployment rate does it report?", "quel pourcentage du PIB ?": a sum of
        # money or a share, not any number (a year, a session, a count of States)
        "amount",
        re.compile(
            r"\bhow much (?:\w+ )?(?:money|funding|funds|financing|finance|resources|aid|"
            r"assistance)\b|\bhow much\b.*\b(?:cost|costs|spend|spent|pledge\w*|allocat\w*)\b|"
            r"\b(?:what|which) (?:is|was|will be) the (?:\w+ )?(?:amount|sum|budget|cost)\b|"
            r"\bquel(?:le)? (?:est|etait|sera) (?:le montant|la somme|le budget|le cout)\b|"
            r"\bcombien (?:d'|d’|de )?(?:argent|fonds|financement)\b|\bcombien coute\w*|"
            # a rate asked for ("what unemployment rate does it report?", "what is the rate
            # of…"), not a rate asked about ("What about the rate of maternal mortality?")
            r"\b(?:what|which) (?:is|was|will be) the (?:\w+ ){0,3}"
            r"(?:rate|percentage|proportion)\b|"
            r"\b(?:what|which) (?:\w+ ){0,3}(?:rate|percentage|proportion) "
            r"(?:does|do|did|is|was|will|should|must)\b|"
            r"\bquel(?:le)? (?:\w+ ){0,2}(?:pourcentage|taux|proportion)\b"
        ),
        _AMOUNT,
        "sum or share",
        "de montant ni de part",
    ),
    AnswerType(
        "count",
        re.compile(
            r"\bhow (?:many|much)\b|\bcombien\b(?! de temps)|"
            r"\b(?:what|which) (?:is|was|will be) the number of\b|\bwhat number of\b|"
            r"\bquel(?:le)? (?:est|etait|sera) le nombre d|\bquel nombre d|"
            # "what is the total?", "quel est le chiffre ?"
            r"\b(?:what|which) (?:is|was|will be) the (?:\w+ )?(?:total|figure)\b|"
            r"\bquel(?:le)? (?:est|etait|sera) (?:le total|le chiffre)\b"
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
            r"\b(?:what|which|by what|on what|in what|in which|quelles?|a quelles?|en quelles?) "
            r"(?:dates?|years?|days?|annees?)\b|"
            r"\bdeadline\b|\bdate limite\b|\bun delai\b|\bquel jour\b|\bechean\w+|"
            # "Does 75/32 fix a date by which…?", "Le projet fixe-t-il une date ?"
            r"\b(?:set|sets|fix|fixes|give|gives|specify|specifies) (?:a|any|the) date\b|"
            r"\bfix\w*(?:-t-(?:il|elle))? (?:une|la|aucune) date\b|\bdate butoir\b|"
            # when a text was adopted: a day, not a session
            r"\b(?:when|quand)\b.*\b(?:adopted|voted|approved|passed|adopte\w*|vote\w*|"
            r"approuve\w*)|\bde quand date\b"
        ),
        _DATE,
        "date",
        "de date",
    ),
    AnswerType(
        "place",
        re.compile(
            # "Which country hosted the sessions?": a place, not any State ("Who hosts the
            # negotiations?" asks for a body)
            r"\b(?:which|what) (?:country|city|state|nation)\b.*\bhost\w*|"
            r"\bhost (?:country|city|state|nation)\b|\bhost\w* (?:\w+ )?where\b|"
            r"\bquel(?:le)?s? (?:pays|ville|etat)\b.*\baccueill\w*|\b(?:pays|ville) hote\b|"
            r"\bwhere\b.*\b(?:hold|holds|held|hosted|take place|takes place|took place|meet|"
            r"meets|met|convene|convenes|located|based|sit|sits)\b|"
            # "où" opening the question or a clause of it ("ou" alone is "or")
            r"(?:^|[,:;])\W*(?:et\W+)?ou\b(?!\W+en\W+(?:est|sont|etai\w*)\b).*\b(?:"
            r"se tiendr\w*|se tien\w*|se reuni\w*|"
            r"se reun\w*|s['’]est\S* (?:tenu|reuni|deroule)\w*|"
            r"se sont\S* (?:tenu|reuni|deroule)\w*|"
            r"se deroul\w*|aur\w* lieu|a eu lieu|ont eu lieu|siege\w*|sera situe\w*|"
            r"est situe\w*)|"
            r"\b(?:in which|what|which) (?:city|venue)\b|\b(?:dans )?quelle ville\b|"
            r"\bquel lieu\b|\ben quel lieu\b"
        ),
        _PLACE,
        "place",
        "de lieu",
    ),
    AnswerType(
        "country",
        re.compile(
            r"\b(?:which|what) (?:country|countries|states?|member states?|nations?)\b|"
            r"\bquels? (?:pays|etats?)\b|\bquelles? nations?\b"
        ),
        _COUNTRY,
        "country",
        "de pays",
    ),
    AnswerType(
        "time",
        re.compile(
            r"^\W*(?:(?:and|so|but|et|mais|alors)\W+)?"
            r"(?:(?:since|until|by|till) )?(?:when|quand)\b|"
            # "Selon le projet, quand le Groupe doit-il … ?", "In 75/32, when will … ?"
            r"[,;:] (?:(?:and|so|but|et|mais|alors) )?(?:when|quand)\b"
            r"(?! (?:il|elle|ils|elles|on|it|they|we|he|she)\b)|"
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


# a list the reader can count: four or more names ("Algérie, Angola, Bélarus, …") or
# resolution symbols ("53/70 du 4 décembre 1998, 54/49 du …"), comma-separated
_NAMES = re.compile(r"(?:[A-ZÀ-Ý][^,;:]{0,40}, ){3,}[A-ZÀ-Ý]")
_SYMBOLS = re.compile(r"(?:\b\d+/\d+[^,;:]{0,40}, ){3,}\d+/\d+")
# what a count question counts, folded: "how many countries", "combien d'États"
_COUNTED = re.compile(r"\bhow many (\w+)|\bcombien (?:de |d'|d’)(\w+)|\bnombre (?:de |d'|d’)(\w+)")
_LISTED = (
    (
        re.compile(r"^(?:pays|etats?|countr|states?|sponsor|co-?sponsor|auteur|parrain|nation)"),
        _NAMES,
    ),
    (re.compile(r"^(?:resolution|decision)"), _SYMBOLS),
)


def asks_when(question: str) -> bool:
    """Whether the question asks for a date or a time."""
    wanted = asked_type(question)
    return wanted is not None and wanted.name in ("date", "time")


def states(answer_type: AnswerType, clause_text: str, question: str = "") -> bool:
    """Whether the clause states a fact of that kind. A count of countries or of
    resolutions is also stated by the list of them ("how many countries sponsored the
    draft?": its 21 sponsors, named one by one)."""
    folded = _YEAR_IN_A_NAME.sub(" ", fold(clause_text))
    if answer_type.name == "count":
        if _lists_what_is_counted(question, clause_text):
            return True
        folded = _NOT_A_COUNT.sub(" ", folded)
    if answer_type.name == "country" and _NAMES.search(clause_text):
        return True  # the sponsors, named one by one
    if answer_type.name == "place" and _NAMED_PLACE.search(clause_text):
        return True
    return bool(answer_type.stated.search(folded))


def _lists_what_is_counted(question: str, clause_text: str) -> bool:
    counted = _COUNTED.search(fold(question))
    noun = next((g for g in counted.groups() if g), "") if counted else ""
    return any(kind.match(noun) and listed.search(clause_text) for kind, listed in _LISTED)


_NAMED_SYMBOL = re.compile(r"\b(?:(?:ES|S)-\d{1,2}|\d{2})/\d{1,3}\b")


def dates_a_named_resolution(question: str, clause_text: str) -> bool:
    """Whether the clause gives the date of a resolution the question names ("When was
    resolution 73/266 adopted?": "Rappelant ses résolutions … 73/266 du 22 décembre
    2018"), as the recalling paragraphs do for every resolution they list."""
    return any(
        re.search(
            rf"\b{re.escape(symbol)}(?: [A-H])? (?:du|of) \d{{1,2}}(?:er)? \w+ \d{{4}}", clause_text
        )
        for symbol in _NAMED_SYMBOL.findall(question)
    )
