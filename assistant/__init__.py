"""Cited, clause-level answers from UN resolutions on ICT and international security.

from assistant import Assistant
bot = Assistant.load()
answer = bot.ask("What does 75/32 decide about the OEWG?")
bot.add("A-RES-76-19.pdf")  # your own documents: .txt .pdf .docx .html .json
"""

from assistant.asking.answer import Answer, Citation
from assistant.core import Assistant
from assistant.documents import Clause, Document
from assistant.errors import AssistantError, DocumentError, IndexCorrupted, IndexMismatch
from assistant.settings import Settings

__all__ = [
    "Answer",
    "Assistant",
    "AssistantError",
    "Citation",
    "Clause",
    "Document",
    "DocumentError",
    "IndexCorrupted",
    "IndexMismatch",
    "Settings",
]
