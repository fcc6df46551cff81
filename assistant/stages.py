"""The reading stages and their versions, in the order a file goes through them.

read (reading/readers) -> sanitize (reading/sanitize) -> detect the language
(reading/text_language) -> clean (reading/cleaning) -> parse (reading/parsing;
reading/paragraph_collection for JSON collections) -> chunk (indexing/chunking) ->
analyse for BM25 (analysis). Each declares a `VERSION` that changes when its output
would; the index records them all (manifest `pipeline`), and an index built by other
versions is rebuilt on load, its added documents read again (`readers.read_again`)."""

from __future__ import annotations

from assistant import analysis
from assistant.indexing import chunking
from assistant.reading import (
    cleaning,
    paragraph_collection,
    parsing,
    readers,
    sanitize,
    text_language,
)

STAGES = {
    "read": readers,
    "sanitize": sanitize,
    "detect": text_language,
    "clean": cleaning,
    "parse": parsing,
    "collection": paragraph_collection,
    "chunk": chunking,
    "analyse": analysis,
}


def pipeline_version() -> dict[str, int]:
    """{stage: version} of the code running now."""
    return {name: module.VERSION for name, module in STAGES.items()}


def changed_stages(recorded: object) -> list[str]:
    """The stages whose version differs from `recorded` (an index manifest's
    `pipeline`), as "parse 1 -> 2"; every stage when nothing was recorded."""
    recorded = recorded if isinstance(recorded, dict) else {}
    return [
        f"{name} {recorded.get(name, '?')} -> {version}"
        for name, version in pipeline_version().items()
        if recorded.get(name) != version
    ]
