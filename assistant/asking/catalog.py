"""Which documents a question names: by symbol or short number ("A/RES/73/6", "73/6",
"ES-11/1"), as "the draft" / "le projet" or "the adopted resolution", or by the year it
was adopted in ("the 1951 recommendation"); and the resolutions the texts only cite
("73/266"), which a question may ask about but the corpus does not hold."""

from __future__ import annotations

import re

from assistant.asking.acronyms import Acronyms
from assistant.documents import Document
from assistant.lexicon import accent_insensitive, fold
from assistant.lexicon import question_pattern as _compile

# a General Assembly resolution's number: its session ("73", emergency special "ES-11",
# special "S-27") and its number in it: "73/6", "ES-11/1"; the plain session has two
# digits, so that a date ("3/12") is no number
SESSION = r"(?:(?:ES|S)-\d{1,2}|\d{2})"
RESOLUTION_NUMBER = rf"\b{SESSION}/\d{{1,3}}\b"
SYMBOL_RX = _compile(
    rf"\b(?:A/RES/)?({SESSION})/(\d{{1,3}})(?:\s?([A-H])\b)?|\bA/C\.1/(\d{{2}})/L\.(\d+)"
)
# "the draft" / "le projet" name the draft resolution, but not "a draft recommendation",
# "the draft Covenant", "un projet de loi", "le projet éducatif" (other texts' words)
_OTHER_DRAFTS_EN = (
    r"recommendation|covenant|convention|declaration|treaty|law|bill|decision|report|"
    r"programme|program|plan|code|charter|agreement|protocol|statute|article|constitution"
)
_OTHER_DRAFTS_FR = r"éducatif|pédagogique|pilote|national|commun|scolaire|politique|de vie"
# "the 1951 recommendation", "the 1947 free school supplies recommendation", "la
# recommandation de 1934", "the resolution adopted in 2014":
# a text named by the year it was adopted in
_NOUNS = r"(?:recommendations?|resolutions?|declarations?|texts?|recommandations?|résolutions?|déclarations?|textes?)"
_MONTH_NAMES = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|"
    r"novembre|décembre)"
)
_YEAR_NAMED_RX = _compile(
    rf"\b(?P<before>(?:19|20)\d\d)(?=(?P<tail>\s+(?:[\w'’-]+\s+){{0,4}}{_NOUNS})\b)"
    rf"|\b{_NOUNS}\s+(?:de|du|d['’]|of|from|in|adopted (?:in|on)|adoptée?s? (?:en|le))\s*"
    rf"(?:\d{{1,2}}(?:er)?\s+)?(?:{_MONTH_NAMES}\s+)?(?P<after>(?:19|20)\d\d)\b"
)
_DRAFT_RX = _compile(
    rf"\b(?:the |this |that )?draft(?: resolution)?\b(?!\s+(?:{_OTHER_DRAFTS_EN})s?\b)|"
    rf"\b(?:le |ce )?projet(?: de résolution)?\b"
    rf"(?!\s+(?:de|des|du)\s+(?!résolution\b|\d|la \d)|\s+d[’'](?!\d)|\s+(?:{_OTHER_DRAFTS_FR}))|"
    # "Que dit le projet du respect des libertés ?": "du" is what it says something of
    r"(?<=\bdit )(?:le |ce )projet\b(?=\s+(?:du|des)\s+\w)"
)
_ADOPTED_RX = _compile(r"\b(?:the )?adopted resolution|\bla résolution adoptée")

# a text described by its subject: "the Crimea resolution", "the resolution on outer
# space", "la résolution sur l'intégrité territoriale de l'Ukraine"; the description runs
# up to punctuation, a verb or at most _DESCRIPTION_WORDS words
_DESCRIBED_BEFORE_RX = _compile(
    r"\b(?:the|this)\s+(?P<words>(?!(?:resolution|text|declaration)\b)"
    r"(?:(?!(?:resolution|text|declaration)\b)[\w+'’.-]+\s+){1,4}?)"
    r"(?:resolution|text|declaration)\b(?!\s+(?:on|about|concerning|regarding)\b)"
)
_DESCRIBED_AFTER_RX = _compile(
    r"\b(?:the |this |that |la |cette |le |ce )?"
    r"(?:resolution|text|declaration|résolution|texte|déclaration|recommandation)\s+"
    r"(?:on|about|concerning|regarding|dealing with|sur|relative à|relatif à|concernant|"
    r"consacrée? à|portant sur)\s+(?P<words>[^,;:?!.()]+)"
)
# "la déclaration de Doha", "la déclaration politique d'Awaza": a declaration named by the
# place or meeting that adopted it (its capitalised words)
_DESCRIBED_OF_RX = re.compile(
    "(?i:"
    + accent_insensitive(
        r"\b(?:la |cette |the |this )?(?:déclaration|declaration)(?:\s+politique)?\s+"
        r"(?:de|d[’']|of|(?:adoptée|adopted|signée|signed)\s+(?:à|at|in))\s*"
    )
    + r")(?P<words>[A-ZÀ-Ý][\w’'-]*(?:\s+[A-ZÀ-Ý][\w’'-]*){0,3})"
)
_DESCRIPTION_WORDS = 6
# where a description ends: the question's verb ("Does the resolution on Crimea say…")
_DESCRIPTION_END_RX = _compile(
    r"\b(?:say|says|said|mention|mentions|mentioned|call|calls|ask|asks|do|does|did|is|are|"
    r"was|were|has|have|had|refer|refers|address|addresses|contain|contains|deal|deals|"
    r"talk|talks|speak|speaks|urge|urges|want|wants|reaffirm|reaffirms|recall|recalls|"
    r"decide|decides|request|requests|welcome|welcomes|condemn|condemns|demand|demands|"
    r"express|expresses|note|notes|adopt|adopts|adopted|adopting|pass|passed|vote|voted|"
    r"approve|approved|and|or|but|that|which|when|where|who|"
    r"dit|disait|parle|évoque|mentionne|prévoit|demande|affirme|contient|aborde|appelle|"
    r"exige|condamne|invite|se|est|fait|et|ou|qui|que|quand|où|dont|pour|à propos|"
    r"au sujet|concernant|quant|"
    r"sur|on|about|au|aux|what|how|why|\w+-t-(?:il|elle)|\w+-(?:il|elle))\b"
)
# a description does not end on a link word ("the title of resolution 75/32")
_LINK_END_RX = _compile(
    r"\b(?:of|in|on|to|for|by|the|a|an|its|de|du|des|la|le|les|à|au|aux|d['’]|l['’])\s*$"
)
# words that say which of the texts, not what it is about: "the two texts", "the
# adopted text", "the General Assembly resolution"
_NOT_A_SUBJECT = frozenset(
    "two both other same adopted draft full whole present first last latest previous "
    "earlier new original entire above said relevant whole un ga general assembly "
    "assembly's english french un's final revised current next each these those it "
    "this that topic subject sujet thème russian spanish chinese arabic anglais français "
    "russe espagnol chinois arabe version title titre name nom preamble préambule "
    "paragraph paragraphs paragraphe paragraphes operative part parts wording full vote "
    "adoption date sponsors auteurs end beginning fin début".split()
)
# "the Security Council resolution": a resolution of another organ, not a subject
_ORGAN_RX = _compile(r"\b(?:council|conseil|committee|comité|commission)\b")
# "Que dit la résolution sur la paix ?": "sur la paix" is what it is asked to say, unless
# the question then says what about ("… sur la CPI à propos du crime d'agression")
_SAID_BEFORE_RX = _compile(r"\b(?:que|qu['’])\s*(?:dit|disait|pense|prévoit)\s+$")
_ABOUT_AFTER_RX = _compile(r"\b(?:à propos|au sujet|concernant|en ce qui concerne|quant à)\b")

SURFACE_RX = re.compile(f"{SYMBOL_RX.pattern}|{_DRAFT_RX.pattern}", re.IGNORECASE)
MENTION_PREFIX = accent_insensitive(
    r"(?:\b(?:(?:in|of|by|from|according to|under|selon|d[’']après|dans|de) )?"
    r"(?:the |la |cette |this )?(?:adopted )?r[ée]solution(?: adoptée)? )?"
)


class Catalog:
    """The documents a question can name, and the resolution numbers the texts cite."""

    def __init__(self, documents: list[Document]):
        self.documents = documents
        self.documents_by_id = {d.doc_id: d for d in documents}
        # "73/266" -> where the texts cite it: [("A/RES/75/32", "op. 3"), …]; a paragraph
        # with sub-paragraphs is cited through them (same text)
        self.citations: dict[str, list[tuple[str, str]]] = {}
        for d in documents:
            for c in d.clauses:
                for number in dict.fromkeys(re.findall(RESOLUTION_NUMBER, c.text)):
                    places = self.citations.setdefault(number, [])
                    if not c.has_points:
                        places.append((d.label, c.paragraph))
        self.cited = set(self.citations)
        self.cited |= {f.symbol for d in documents for c in d.clauses for f in c.footnotes}
        self._cited_short = {short_symbol(s) for s in self.cited}
        # looked up on every question: computed once (thousands of documents at scale)
        self._by_symbol: dict[str, list[str]] = {}
        for d in documents:
            if d.symbol:
                self._by_symbol.setdefault(short_symbol(d.symbol), []).append(d.doc_id)
        # "ICC" where the texts write "International Criminal Court" (read when first asked)
        self.acronyms = Acronyms(
            text for d in documents for text in (d.title, *(c.text for c in d.clauses))
        )
        self._drafts = [d.doc_id for d in documents if d.kind.startswith("draft")]
        self._adopted = [d.doc_id for d in documents if d.kind == "resolution"]

    def by_number(self, session: str, number: str) -> list[str]:
        """The documents with this resolution number ("73", "6"; "ES-11", "1")."""
        return self._by_symbol.get(short_symbol(f"{session}/{number}"), [])

    def drafts(self) -> list[str]:
        return self._drafts

    def adopted(self) -> list[str]:
        return self._adopted

    def document(self, doc_id: str) -> Document:
        return self.documents_by_id[doc_id]

    def label(self, doc_id: str) -> str:
        return self.document(doc_id).label

    def named_by_year(self, text: str) -> tuple[list[str], list[str]]:
        """(ids, surfaces) of the texts a question names by the year they were adopted
        in ("the 1951 recommendation", "la résolution de 2014"), when some text carries
        that year as its date."""
        named, surfaces = [], []
        for m in _YEAR_NAMED_RX.finditer(text):
            year = m.group("before") or m.group("after")
            ids = [d.doc_id for d in self.documents if (d.date or "").startswith(year)]
            # "the October 2022 resolution", "la résolution de mars 2022": that month's
            # (and that day's, "adopted on 2 March 2022"); no text of that month: none
            month = _MONTH_BEFORE_RX.search(
                text, 0, m.start("before" if m.group("before") else "after")
            )
            if month and ids:
                number = _FOLDED_MONTHS.index(fold(month.group("month"))) % 12 + 1
                dated = f"{year}-{number:02d}"
                if month.group("day"):
                    dated += f"-{int(month.group('day')):02d}"
                ids = [d for d in ids if (self.document(d).date or "").startswith(dated)]
            if ids:
                named += ids
                surfaces.append(m.group(0) + (m.group("tail") or ""))
        return list(dict.fromkeys(named)), surfaces

    def described(self, text: str) -> tuple[str, str] | None:
        """(surface, subject) of a text the question describes by its subject and not by
        a symbol, a year or as "the draft": "the Crimea resolution" -> ("the Crimea
        resolution", "Crimea"); None when it describes none or only says which of the
        texts ("the two texts", "the adopted resolution")."""
        if len(self.documents) < 2:
            return None
        found = (_DESCRIBED_BEFORE_RX, _DESCRIBED_AFTER_RX, _DESCRIBED_OF_RX)
        for m in (match for rx in found for match in rx.finditer(text)):
            said = m.re is _DESCRIBED_AFTER_RX and _SAID_BEFORE_RX.search(text[: m.start()])
            if said and not _ABOUT_AFTER_RX.search(text, m.start()):
                continue
            words = m.group("words")
            end = _DESCRIPTION_END_RX.search(words)
            words = " ".join((words[: end.start()] if end else words).split()[:_DESCRIPTION_WORDS])
            while _LINK_END_RX.search(words):  # "… contre Cuba à propos des": trimmed
                words = _LINK_END_RX.sub("", words).strip()
            own = [w for w in re.findall(r"[\w+'’.-]+", words) if not _is_date_word(w)]
            if (
                words
                and not _ORGAN_RX.search(words)
                and any(w.casefold() not in _NOT_A_SUBJECT for w in own)
            ):
                surface = text[m.start() : m.start("words") + len(words)]
                if m.re is _DESCRIBED_BEFORE_RX:
                    surface = m.group(0)
                return surface.strip(), words.strip()
        return None

    def find_documents(self, text: str) -> tuple[list[str], list[str], list[str]]:
        """(document ids named, names of resolutions not in the corpus, surfaces)."""
        named, unknown, surfaces = [], [], []
        for m in SYMBOL_RX.finditer(text):
            if m.group(4):  # a First Committee draft symbol
                unknown.append(m.group(0))
                continue
            ids = self.by_number(m.group(1), m.group(2))
            if ids:
                named += ids
                surfaces.append(m.group(0))
            elif _is_date(text, m):
                continue
            elif short_symbol(f"{m.group(1)}/{m.group(2)}") not in self._cited_short or (
                _is_source(text, m)
            ):
                # not in the corpus; or cited by it, but asked about as a text of its own
                # ("What does resolution 74/28 say…?"), which the corpus does not hold
                unknown.append(m.group(0))
        for rx, ids in ((_DRAFT_RX, self.drafts()), (_ADOPTED_RX, self.adopted())):
            for m in rx.finditer(text):
                if ids:
                    named += ids
                    surfaces.append(m.group(0))
        return list(dict.fromkeys(named)), unknown, surfaces


# "What does resolution X say", "selon la résolution X", "la résolution X prévoit-elle":
# X is the text the question is about, not a resolution some clause cites
_SOURCE_BEFORE_RX = _compile(
    r"\b(?:according to|per|in the words of|selon|d['’]après|aux termes de|"
    r"que (?:dit|disait|prévoit|prévoyait|décide|décidait|demande|affirme|contient|énonce)|"
    r"qu['’]est-ce que|(?:what|how) (?:does|did|do)|does|did)\s+"
    r"(?:the |la |le )?(?:(?:UN|GA|General Assembly|Assembly's) )?(?:resolution|résolution)?\s*$"
)
_SOURCE_AFTER_RX = _compile(
    r"^\s*(?:say|says|said|state|states|stated|decide|decides|decided|provide|provides|"
    r"mention|mentions|dit|disait|prévoit|prévoyait|décide|décidait|mentionne|évoque|parle|"
    r"aborde|affirme|demande|énonce|contient)\b"
)


def _is_source(text: str, m: re.Match) -> bool:
    return bool(
        _SOURCE_BEFORE_RX.search(text[: m.start()]) or _SOURCE_AFTER_RX.search(text[m.end() :])
    )


_MONTHS = (
    "january february march april may june july august september october november december "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
).split()
_FOLDED_MONTHS = [fold(m) for m in _MONTHS]
# a month just before a year: "October 2022", "d'octobre 2022", "2 March 2022"
_MONTH_BEFORE_RX = _compile(
    rf"(?:\b(?P<day>\d{{1,2}})(?:er)?\s+)?\b(?P<month>{'|'.join(_MONTHS)})\s+$"
)


def _is_date_word(word: str) -> bool:
    """A year or a month ("the March 2022 resolution"), which dates a text: no subject."""
    return word.isdigit() or word.casefold() in _MONTHS


def _is_date(text: str, m: re.Match) -> bool:
    """'12/2019' or '3/12' in a date is no resolution number."""
    return bool(re.match(r"/\d", text[m.end() : m.end() + 2]))


def short_symbol(symbol: str) -> str:
    """How a question names a General Assembly resolution, whatever the text's symbol
    says: "A/RES/73/6" -> "73/6", "A/RES/ES-11/1" -> "ES-11/1", "es-11/01" -> "ES-11/1";
    another symbol (a draft's "A/C.1/74/L.50") is kept as it is, upper-cased."""
    found = re.fullmatch(
        r"\s*(?:A/RES/)?((?:ES|S)-)?0*(\d{1,2})/0*(\d{1,4})\s*", symbol, re.IGNORECASE
    )
    if not found:
        return symbol.strip().upper()
    prefix, session, number = found.groups()
    return f"{(prefix or '').upper()}{session}/{number}"


def document_surfaces(text: str) -> list[str]:
    return [m.group(0) for m in SURFACE_RX.finditer(text)]
