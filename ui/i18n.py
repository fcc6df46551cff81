"""The page's own words in English and French, and which of the two a browser asks for.

The answers carry their own language (the question's); these are the words around
them: labels, buttons, hints, examples and the page's messages.
"""

from __future__ import annotations

import re

LANGUAGES = ("en", "fr")

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "UN resolutions on ICT and international security",
        "intro": "Ask in English or French; every answer quotes the paragraphs verbatim, "
        "with their citation.",
        "language": "Language",
        "question": "Your question",
        "placeholder": "e.g. What does 75/32 decide about the OEWG?",
        "ask": "Ask",
        "new": "New conversation",
        "filter": "Search only in (empty: all documents)",
        "conversation": "Conversation",
        "examples": "Try an example (it is asked at once):",
        "you": "You asked:",
        "thinking": "Searching the texts…",
        "open": "read it in its document",
        "copy": "Copy citation",
        "copied": "Copied: {cite}",
        "answer_status": "Answer with {n} citation(s), best first.",
        "abstained_status": "The texts do not answer this question.",
        "panel": "Document",
        "panel_hint": "Click a citation (or press Enter on it) to read it in its document.",
        "close": "Close the document",
        "opened": "Opened {label} at {paragraph}.",
        "sr_quote": "Quote:",
        "written_in": "Written in {name}",
        "lang_en": "English",
        "lang_fr": "French",
    },
    "fr": {
        "title": "Résolutions de l’ONU sur le numérique et la sécurité internationale",
        "intro": "Posez votre question en français ou en anglais ; chaque réponse cite "
        "les paragraphes mot pour mot, avec leur référence.",
        "language": "Langue",
        "question": "Votre question",
        "placeholder": "p. ex. Que décide la résolution 75/32 ?",
        "ask": "Demander",
        "new": "Nouvelle conversation",
        "filter": "Chercher seulement dans (vide : tous les documents)",
        "conversation": "Conversation",
        "examples": "Essayez un exemple (posé aussitôt) :",
        "you": "Votre question :",
        "thinking": "Recherche dans les textes…",
        "open": "la lire dans son document",
        "copy": "Copier la citation",
        "copied": "Copié : {cite}",
        "answer_status": "Réponse avec {n} citation(s), la meilleure d’abord.",
        "abstained_status": "Les textes ne répondent pas à cette question.",
        "panel": "Document",
        "panel_hint": "Cliquez sur une citation (ou appuyez sur Entrée) pour la lire "
        "dans son document.",
        "close": "Fermer le document",
        "opened": "{label} ouvert au {paragraph}.",
        "sr_quote": "Citation :",
        "written_in": "Rédigé en {name}",
        "lang_en": "anglais",
        "lang_fr": "français",
    },
}

EXAMPLES: dict[str, list[str]] = {
    "en": [
        "What does 75/32 decide about the OEWG?",
        "Who are the sponsors of the draft resolution?",
        "What does the draft resolution stress about human rights?",
        "What is operative paragraph 3 of the draft?",
    ],
    "fr": [
        "Que dit la résolution 75/32 sur les mesures de confiance ?",
        "Qui sont les auteurs du projet de résolution ?",
        "Que dit le projet sur les droits de l’homme ?",
        "Que dit le paragraphe 3 du projet ?",
    ],
}

# What the assistant says when it refuses a question (English), as the French page says it.
_REFUSALS_FR = {
    "The question is empty": "La question est vide : posez une question sur les résolutions, "
    "p. ex. « Que décide la résolution 75/32 ? ».",
    "The question is only markup": "La question n’est que du balisage (des balises HTML), "
    "sans mot à chercher : posez-la en mots simples.",
}
_LENGTH_RX = re.compile(r"The question is (\d+) characters long; the limit is (\d+)\.")

# The filter excluded a document the question names.
FILTER_NOTE = {
    "en": "_The question names {named}, which the document filter leaves out: "
    "this answer searched only {kept}._",
    "fr": "_La question cite {named}, que le filtre de documents exclut : "
    "cette réponse ne cherche que dans {kept}._",
}


def text(language: str, key: str, **values) -> str:
    words = TEXT[language if language in TEXT else "en"][key]
    return words.format(**values) if values else words


def language_name(ui: str, code: str) -> str:
    """ "English" / "anglais" for "en"; a code we have no name for, as the code."""
    key = f"lang_{code}"
    return text(ui, key) if key in TEXT["en"] else code


def language_of(accept_language: str | None) -> str:
    """English or French, whichever the browser's Accept-Language prefers (English if neither)."""
    ranked = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        match = re.search(r"q=([0-9.]+)", params)
        if match:
            try:
                weight = float(match.group(1))
            except ValueError:
                weight = 0.0
        primary = tag.strip().lower().split("-")[0]
        if primary in LANGUAGES and weight > 0:
            ranked.append((-weight, position, primary))
    return min(ranked)[2] if ranked else "en"


def refusal(message: str, language: str) -> str:
    """The assistant's one-line refusal, in the page's language."""
    if language != "fr":
        return message
    for start, french in _REFUSALS_FR.items():
        if message.startswith(start):
            return french
    match = _LENGTH_RX.match(message)
    if match:
        return (
            f"La question compte {match.group(1)} caractères ; la limite est de "
            f"{match.group(2)}. Raccourcissez-la à ce que vous voulez savoir."
        )
    return message
