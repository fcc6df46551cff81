"""One cleaning step for every text that enters the assistant: a question, a history
turn, a command-line argument, a file's decoded text.

Why one function: text arrives from Python callers, the HTTP API, the terminal and
files, and each can hold what no later stage expects — a lone surrogate (which cannot
be encoded, so printing or hashing it raises), undecodable bytes, the same letter
composed two ways (an "é" that does not match "é"), or control characters (NUL,
escape sequences, bidirectional overrides that make a text read differently from
what it holds). After `clean_text` a text is valid Unicode in NFC with no control
character but tab and newline; the verbatim rule (quotes are the document's text)
holds against this cleaned text.
"""

from __future__ import annotations

import re
import unicodedata

# This stage's version (control characters, invalid code points): raise it when a change
# alters what the index stores; the next load then rebuilds the index (index/FORMAT.md).
VERSION = 1

REPLACEMENT = "\ufffd"

# lone surrogates (invalid in UTF-8) and noncharacters (U+FDD0–FDEF, U+xFFFE / U+xFFFF)
_NONCHARACTERS = "".join(chr(p << 16 | 0xFFFE) + chr(p << 16 | 0xFFFF) for p in range(17))
_INVALID_RX = re.compile(f"[\ud800-\udfff\ufdd0-\ufdef{_NONCHARACTERS}]")
# C0 and C1 controls but tab and newline; DEL; bidirectional embeddings, overrides and
# isolates; the byte-order mark / zero-width no-break space
_CONTROL_RX = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(text: str | bytes | bytearray) -> str:
    """Valid Unicode, NFC, without control characters (tab and newline kept; CR LF and
    CR become newlines, a form feed or vertical tab a newline). Bytes are read as UTF-8,
    an undecodable byte becoming U+FFFD."""
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text).decode("utf-8", errors="replace")
    elif not isinstance(text, str):
        raise TypeError(f"expected text, got {type(text).__name__}")
    text = _INVALID_RX.sub(REPLACEMENT, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = _CONTROL_RX.sub("", text)
    return unicodedata.normalize("NFC", text)
