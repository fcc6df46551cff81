"""English (and shorthand) UN terms -> the French the resolutions use.

Users ask in English about texts written in French; the dense model bridges
most of that, but BM25 and highlighting need the French words. Each entry names
a topic: follow-ups ("and the GGE?") swap one topic for another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

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


TERMS: tuple[Term, ...] = (
    Term("oewg", r"\bOEWG\b|(?-i:\bGTCNL\b)|open[- ]ended working group|working group|groupe de travail"
         r"(?: à composition non limitée)?",
         ("Groupe de travail à composition non limitée", "Groupe de travail")),
    # the French "GEG" in capitals only
    Term("gge", r"\bGGEs?\b|(?-i:\bGEGs?\b)|group(?:s)? of governmental experts|governmental experts|"
         r"expert group|groupe d[’']experts(?: gouvernementaux)?",
         ("Groupe d’experts gouvernementaux",)),
    # "TIC", the French acronym, in capitals only ("tic" is a word)
    Term("ict", r"\bICTs?\b|(?-i:\bTICs?\b)|information and communications? technolog\w*|"
         r"information technolog\w*|telecommunications?|digital technolog\w*|\bdigital\b",
         ("informatique", "télécommunications", "technologies numériques", "numérique")),
    Term("cyberspace", r"cyber ?space|cyberespace", ("cyberespace",)),
    Term("responsible_behaviour", r"responsible (?:state )?behaviou?r|comportement responsable",
         ("comportement responsable des États",)),
    Term("norms", r"\bnorms?\b|rules and principles|normes|"
         r"rules (?:of|for) (?:responsible )?(?:state |states[’'] )?(?:behaviou?r|conduct)|"
         r"règles de (?:bonne )?conduite|règles de comportement",
         ("normes, règles et principes",)),
    Term("cbm", r"\bCBMs?\b|confidence[- ]building(?: measures)?|mesures de confiance",
         ("mesures de confiance", "renforcement de la confiance")),
    Term("capacity_building", r"capacity[- ]building|build(?:ing)? capacit\w+|"
         r"renforcement des capacités", ("renforcement des capacités",)),
    Term("infrastructure", r"critical infrastructure|infrastructures?",
         ("infrastructure des États",)),
    Term("human_rights", r"human rights?|fundamental freedoms?|droits de l[’']homme|"
         r"droits humains", ("droits de l’homme", "droits humains", "libertés fondamentales")),
    Term("member_states", r"member states|états membres", ("États Membres",)),
    # "the UN Secretary-General" is one person: the Secretary-General, not the UN as well
    Term("secretary_general", r"(?:(?-i:\bUN )|United Nations )?secretary[- ]general|"
         r"secrétaire général(?: de l[’'](?:ONU|Organisation des Nations Unies))?|"
         r"(?-i:\bUN\b) (?:chief|head)\b|\bhead of the (?:(?-i:UN\b)|United Nations)|"
         r"\bchef de l[’'](?:ONU|Organisation)",
         ("Secrétaire général",)),
    # "the UN Charter" is one thing: the Charter, not the UN as well. The Charter is
    # international law, but a text that speaks of international law without naming the
    # Charter does not speak of the Charter
    Term("charter", r"(?:(?-i:\bUN )|United Nations )?\bcharter\b(?: of the United Nations)?|"
         r"\bcharte(?: des Nations Unies)?", ("Charte des Nations Unies",)),
    Term("international_law", r"international law|droit international|"
         r"legal (?:framework|regulation)|réglementation juridique|\blaws?\b|\blegal\b",
         ("droit international", "Charte des Nations Unies",
          "réglementation juridique internationale")),
    Term("terrorism", r"terroris\w+", ("terroristes",)),
    Term("crime", r"\bcrim\w+|\bcyber ?crim\w*", ("fins criminelles",)),
    Term("peaceful", r"peaceful\w*|pacifiques?", ("fins pacifiques",)),
    Term("military", r"militar\w+|militaires?|\barm(?:y|ies|ed forces)\b|\barmées?\b|"
         r"\bdefen[cs]e\b|\bdéfense\b|"
         # cyber weapons, not any weapons ("nuclear weapons" are not the texts' subject)
         r"\bcyber[- ]?weapons?\b|\b(?:digital|ICT|software) weapons?\b|\bcyber[- ]?armes?\b|"
         r"\barmes? (?:numériques|informatiques|cybernétiques)\b",
         ("fins militaires", "militaire")),
    Term("stakeholders", r"private sector|civil society|academia|academic\w*|stakeholders?|"
         r"compan(?:y|ies)|business\w*|industry|universit\w+|NGOs?\b|non-governmental|"
         r"non-state actors?|acteurs non (?:étatiques|gouvernementaux)|"
         r"outside (?:of )?(?:the )?governments?|hors (?:des )?gouvernements?|"
         r"secteur privé|société civile|entreprises?|\bONG\b|milieux universitaires",
         ("secteur privé", "milieux universitaires", "société civile")),
    Term("pandemic", r"covid(?:[- ]?19)?|pandemic|coronavirus|pandémie|health (?:crisis|emergency)|"
         r"crise sanitaire|urgence sanitaire",
         ("pandémie de maladie à coronavirus", "COVID-19")),
    Term("dual_use", r"dual[- ]use|double usage", ("double usage",)),
    Term("information_flow", r"(?:free )?(?:flow|movement) of information|"
         r"circulation de(?:s|\s+l[’'])\s*informations?", ("libre circulation de l’information",)),
    Term("information_security", r"information security|cyber ?security|"
         r"sécurité (?:informatique|numérique)", ("sécurité informatique", "sécurité numérique")),
    Term("threats", r"\bthreats?\b|\bmenaces?\b", ("menaces",)),
    Term("next_steps", r"next steps?|prochaines étapes", ("prochaines étapes",)),
    Term("processes", r"\bprocess(?:es)?\b|\bprocessus\b", ("processus",)),
    Term("agenda_item", r"\bagenda item\b|\bitem \d+|\bitem of the agenda\b|"
         r"point (?:\d+ )?de l[’']ordre du jour",
         ("Point de l’ordre du jour",)),
    # how users ask about the closing "decides to include in the provisional agenda" clause
    Term("agenda", r"\b(?:provisional )?agenda(?: item)?\b|\bitem\b|ordre du jour|"
         r"\btak(?:e|es|en|ing) (?:(?:it|this|that|the) (?:question |issue |matter |topic )?)?up\b|"
         r"\b(?:next|following|future) session\b|\bprochaine session\b|\bréexamin\w*|"
         r"\bnext year\b|\bl[’']an prochain\b|\bl[’']année prochaine\b|\bcom\w+ back to\b|"
         r"\brevien\w* sur\b|\brevenir sur\b|"
         r"\breprendr\w* (?:l[’']examen|la question)", ("ordre du jour provisoire",)),
    Term("reports", r"\breports?\b|rapports?", ("rapports",)),
    Term("conflict", r"\bconflicts?\b|conflits?|\bwars?\b|\bguerres?\b", ("conflits",)),
    Term("cooperation", r"co-?operation|coopération", ("coopération internationale",)),
    Term("security", r"international security|sécurité internationale",
         ("sécurité internationale",)),
    Term("malicious", r"malicious|malveillantes?", ("malveillantes",)),
    # the texts name the ends ICTs must not serve: criminal, terrorist, malicious ones
    Term("misuse", r"\bmisus\w+|\bmauvais(?:e)? (?:usage|utilisation)s?\b|"
         r"\butilisations? abusives?|\busages? abusifs?|\bdétournements?\b",
         ("fins criminelles", "fins terroristes", "malveillantes", "fins incompatibles")),
    Term("views", r"\bviews\b|observations|vues", ("vues et observations",)),
    Term("sponsors", r"sponsor\w*|co-?sponsor\w*|\b(?:co-?)?auteurs?\b|\b(?:co-?)?authors?\b|"
         r"submitted by|proposed by|"
         r"\bwho (?:submitted|proposed|introduced|presented|drafted)\b|"
         r"\b(?:tabled|put forward)\b|\bparrain\w*|"
         r"\b(?:déposé|soumis|présenté)e?s?\b(?= (?:le|ce) (?:projet|texte)| par\b)|"
         r"\b(?:ont|a|avez|ayant|-(?:il|elle)) (?:été )?(?:déposé|soumis|présenté)e?s?\b",
         ("projet de résolution",)),
    # "UN" in capitals only: "un" is the French article ("un équilibre géographique")
    Term("un", r"(?-i:\bUN\b)|United Nations|\bONU\b|Nations Unies",
         ("Organisation des Nations Unies", "ONU")),
    Term("negotiations", r"negotiat\w+|négociations?", ("négociations",)),
    Term("transparency", r"transparen\w+", ("transparence",)),
    Term("best_practices", r"best practices?|meilleures pratiques", ("meilleures pratiques",)),
    # "help" the noun ("need help with"), not the verb ("help implement", "help reduce");
    # the texts say it with the noun or the verb ("d'aider à renforcer les capacités")
    Term("assistance", r"developing countries|assistance|"
         r"\b(?:needs?|needing|need of|seek\w*|ask\w* for|get|gets|receiv\w+|requir\w+|"
         r"for|with|without|some|any|more|the|international|technical) help\b|"
         r"\bhelp (?:with|for)\b|\b(?:l[’']|une |d[’']|leur |cette |toute )aide\b",
         ("assistance", "aider")),
    Term("sustainable_development", r"sustainable development|développement durable",
         ("développement durable",)),
    Term("geographic", r"geographic\w*|géographiques?", ("répartition géographique équitable",)),
    Term("revision", r"\brevised\b|\brevision\b|\brévisée?s?\b|\brévision\b", ("révisé",)),
    # "What is the draft called?", not "called upon" (what a text asks of States); "Sous
    # quel nom 75/32 a-t-elle été adoptée ?"
    Term("title", r"\b(?:en)?titled?\b|\bintitul\w+|\btitre\b|\bcalled\b(?! (?:up)?on\b)|"
         r"\bunder what name\b|\bsous quel nom\b|\bheading\b|"
         # "What is the name of resolution 75/32?", "What is the draft about?"
         r"\bname of (?:the )?(?:draft|resolution|text)\b|"
         r"\bnom (?:de la résolution|du projet|du texte)\b|"
         r"\bwhat(?: is|['’]s) (?:the )?(?:draft|resolution|text)?\s*(?:resolution\s*)?"
         r"(?:A/RES/)?(?:\d{2}/\d{1,3})?\s*about\b|"
         r"\bde quoi (?:traite|parle)(?:-t-(?:il|elle))? (?:la résolution|le projet|le texte)\b",
         ("titre",)),
    # "autonomous bodies", not "autonomous weapons" / "armes autonomes"
    Term("independence", r"independen\w+|indépendan\w+|\bself-govern\w+|"
         r"(?<!armes )(?<!systèmes )\bautonom\w+\b(?! (?:weapon|arm|system|vehicle|drone|robot))",
         ("mécanismes indépendants",)),
    Term("regional", r"\bregional\w*|\brégion\w*", ("efforts régionaux",)),
    Term("humanity", r"humanity|mankind|humankind|l[’']humanité|common good|bien commun",
         ("humanité", "bien commun")),
    Term("civilization", r"civili[sz]ation", ("civilisation",)),
    Term("misperception", r"misunderstand\w*|misperception\w*|predictab\w+|malentendus?|"
         r"prévisibilité", ("malentendus", "prévisibilité")),
    Term("legitimate", r"\blegitimate\b|\blégitimes?\b", ("légitimes",)),
    Term("meetings", r"\bmeetings?\b|\bréunions?\b|calendars?|schedules?|calendrier",
         ("calendrier des réunions",)),
    Term("disruption", r"disrupt\w*|interrupt\w*|interruptions?", ("interruptions",)),
    Term("recommendations", r"recommendations?|findings|constatations|recommandations",
         ("constatations et recommandations",)),
    Term("voluntary", r"voluntary|non-?binding|\bbinding\b|\bmandatory\b|\bobligatoires?\b|"
         r"volontaires?|facultati\w+|contraignant\w*",
         ("facultative et non contraignante", "volontaires")),
    Term("national", r"national (?:efforts?|level|measures?)|au niveau national",
         ("au niveau national",)),
    Term("responsibility", r"\bresponsibilit\w+|\bresponsabilit\w+|\bincombe\w*|"
         r"\b(?:primarily|mainly|chiefly|first and foremost) responsible\b|\bmain burden\b|"
         r"\bau premier chef\b", ("incombe au premier chef",)),
    Term("harm", r"\bharm\w*|\bdamag\w*|\bundermin\w*|\bimpair\w*|\batteintes?\b|\bnuis\w+",
         ("porter atteinte", "nuisant")),
    Term("civil", r"\bcivil(?:ian)?\b", ("civil",)),
    Term("dialogue", r"\bdialogue\b", ("dialogue",)),
    Term("common_understanding", r"(?:common|shared) (?:understandings?|positions?|stances?|"
         r"views?)|interprétations? communes?|positions? commune",
         ("interprétations communes", "position commune")),
    Term("mandate", r"\bmandates?\b|\bmandats?\b", ("mandat",)),
    # "be guided by the reports": what 75/32 op. 1 (a) says with "s'inspirer des rapports"
    Term("guidance", r"\bguided by\b|\bguidance\b|\b(?:take|draw) inspiration\b|"
         r"\bdraw on\b|\binspir\w*", ("s’inspirer",)),
    # What users ask about bodies and texts that resolutions of this kind may not state:
    # named so that a text that does not speak of them does not seem to answer.
    Term("chair", r"\bchair\w*|\bpresid\w*|\bprésid\w*", ("présidence", "président"),
         attribute=True),
    Term("budget", r"\bbudget\w*|\bfunding\b|\bfunds?\b|\bfonds\b|\bfinanc\w+|"
         r"\bmontants?\b|\bhow much money\b|\bamounts? of money\b|\bpa(?:y|ys|id|ying) for\b|"
         r"\bqui (?:paie|paiera|paye|payera|finance\w*)\b",
         ("budget", "financement", "fonds"), attribute=True),
    Term("verification", r"\bverif\w+|\bvérif\w+|\bcompliance\b|\benforce\w*",
         ("vérification",), attribute=True),
    Term("attribution", r"\battribution\b|\battribut\w* (?:(?:of|for) )?(?:the )?(?:cyber ?)?"
         r"(?:attacks?|incidents?|operations?)\b", ("attribution",), attribute=True),
    Term("vote", r"\bvot\w+|\bscrutin\b", ("vote",), attribute=True),
    # facts about a country, which the texts never give: a list of sponsors naming it
    # does not answer them (not "capitale": "d'une importance capitale" is no capital city)
    Term("country_facts", r"\bpopulation\b|\binhabitants\b|\bhabitants\b|\bGDP\b|\bPIB\b|"
         r"\bhead of state\b|\bchef d[’']État\b|\bofficial languages?\b|"
         r"\blangues? officielles?\b|\bcurrency\b|\bmonnaie\b",
         ("population", "nombre d’habitants"), attribute=True),
    Term("privacy", r"\bprivacy\b|\bdata protection\b|\bpersonal data\b|\bvie privée\b|"
         r"\bdonnées personnelles\b|\bprotection des données\b",
         ("vie privée", "données personnelles")),
    Term("dispute_settlement", r"\bdisputes?\b|\barbitra\w+|\bdifférends?\b|\blitiges?\b",
         ("règlement des différends",)),
    # the texts speak of malicious and criminal use, of harm to infrastructure, never of
    # attacks: a question on cyberattacks is answered by none of their paragraphs
    Term("cyberattack", r"\bcyber[- ]?attac\w*|\bcyberattaques?\b|\battaques? informatiques?\b|"
         r"\b(?:cyber|computer|network) (?:attacks?|incidents?)\b|\bhack\w*|\bpiratage\b",
         ("cyberattaques", "attaques informatiques")),
    Term("sanctions", r"\bsanction\w*|\bpenalt\w+|\bpunish\w*", ("sanctions",),
         attribute=True),
    # Organisations and instruments users name, which a text must name to speak of them
    # ("Does the draft mention the European Union?": its "efforts régionaux" do not)
    Term("european_union", r"European Union|(?-i:\bEU\b)|Union européenne|(?-i:\bUE\b)",
         ("Union européenne",), proper=True),
    Term("african_union", r"African Union|Union africaine", ("Union africaine",), proper=True),
    Term("asean", r"\bASEAN\b|\bANASE\b", ("ASEAN",), proper=True),
    Term("osce", r"\bOSCE\b|Organi[sz]ation for Security and Co-?operation in Europe|"
         r"Organisation pour la sécurité et la coopération en Europe", ("OSCE",), proper=True),
    Term("nato", r"\bNATO\b|\bOTAN\b", ("OTAN",), proper=True),
    Term("council_of_europe", r"Council of Europe|Conseil de l[’']Europe",
         ("Conseil de l’Europe",), proper=True),
    Term("itu", r"(?-i:\bITU\b|\bUIT\b)|International Telecommunication Union|"
         r"Union internationale des télécommunications",
         ("Union internationale des télécommunications",), proper=True),
    Term("interpol", r"\binterpol\b", ("Interpol",), proper=True),
    Term("security_council", r"Security Council|Conseil de sécurité", ("Conseil de sécurité",),
         proper=True),
    Term("icrc", r"(?-i:\bICRC\b|\bCICR\b)|Red Cross|Croix-Rouge", ("Croix-Rouge",),
         proper=True),
    Term("budapest_convention", r"Budapest Convention|Convention de Budapest|"
         r"Convention on Cybercrime|Convention sur la cybercriminalité",
         ("Convention de Budapest",), proper=True),
    Term("tallinn_manual", r"\bTallinn\b", ("Manuel de Tallinn",), proper=True),
    Term("programme_of_action", r"programme of action|program of action|(?-i:\bPoA\b)|"
         r"programme d[’']action", ("programme d’action",), proper=True),
)  # fmt: skip


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
_COMPILED = [(t, question_pattern(t.pattern)) for t in TERMS]
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
