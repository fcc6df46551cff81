"""Property-based tests of the parser (hypothesis): any text never crashes it, and
its clauses cover the text they were cut from."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.reading.parsing import ParseError, parse_document

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check_invariants(raw: str, doc) -> None:
    """What every parse must satisfy: spans inside the text, ids unique, no empty
    clause, sub-paragraphs right after their paragraph."""
    assert doc.clauses
    n = len(raw.replace("\r\n", "\n").replace("\r", "\n"))
    ids = [c.clause_id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    for clause in doc.clauses:
        start, end = clause.raw_span
        assert 0 <= start <= end <= n
        assert clause.text.strip() and clause.clause_id.startswith(doc.doc_id + "#")
        if clause.point:
            assert clause.lead_in and "__list_1__point_" in clause.clause_id


@FAST
@given(st.text(max_size=3000))
def test_any_text_is_parsed_or_refused_cleanly(raw):
    try:
        doc = parse_document(raw, source="random.txt")
    except ParseError as exc:  # its own error (no clause found), naming the file
        assert "random.txt" in str(exc)
        return
    check_invariants(raw, doc)


# ---------------------------------------------------------------- structured texts
LETTERS = "abcdefghijklmnopqrstuvxyzéèàçêôî"
WORD = st.text(alphabet=LETTERS, min_size=2, max_size=10)
PHRASE = st.lists(WORD, min_size=1, max_size=14).map(" ".join)
OPENERS = ["Rappelant", "Notant", "Soulignant", "Consciente", "Réaffirmant", "Se félicitant"]
VERBS = ["Décide", "Demande", "Invite", "Prie", "Encourage", "Souligne"]


@st.composite
def wrapped(draw, text: str) -> str:
    """A paragraph as PDF extraction gives it: filled into lines of a page width,
    sometimes with blank lines in between."""
    width = draw(st.integers(40, 90))
    lines, current = [], ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return "".join(line + draw(st.sampled_from(["\n", "\n", "\n\n"])) for line in lines).rstrip(
        "\n"
    )


@st.composite
def resolutions(draw):
    preambular = [
        f"{draw(st.sampled_from(OPENERS))} {draw(PHRASE)}," for _ in range(draw(st.integers(0, 4)))
    ]
    operative = []
    # some extractions put a paragraph's number or letter alone on its line
    gap = draw(st.sampled_from([" ", " ", "\n", "\n\n"]))
    for number in range(1, draw(st.integers(1, 5)) + 1):
        points = draw(st.integers(0, 3))
        if points:
            lead = f"{number}.{gap}{draw(st.sampled_from(VERBS))} {draw(PHRASE)} :"
            items = [f"{chr(97 + i)}){gap}{draw(PHRASE)} ;" for i in range(points)]
            operative.append([lead, *items])
        else:
            operative.append([f"{number}.{gap}{draw(st.sampled_from(VERBS))} {draw(PHRASE)} ;"])
    paragraphs = ["L’Assemblée générale,", *preambular, *(p for group in operative for p in group)]
    body = "\n\n".join([draw(wrapped(p)) if "\n" not in p else p for p in paragraphs])
    return body, len(preambular), operative


def letters_outside_spans(raw: str, doc, after: int = 0) -> str:
    """Letters of `raw` (from `after` on) that no clause's span covers."""
    covered = bytearray(len(raw))
    for clause in doc.clauses:
        start, end = clause.raw_span
        covered[start:end] = b"\1" * (end - start)
    return "".join(
        ch for ch, c in zip(raw[after:], covered[after:], strict=True) if not c and ch.isalpha()
    )


@FAST
@given(resolutions())
def test_clauses_cover_a_resolution_and_follow_its_structure(case):
    raw, preambular, operative = case
    doc = parse_document(raw, source="generated.txt")
    check_invariants(raw, doc)
    enacting_end = raw.index("générale,") + len("générale,")
    assert letters_outside_spans(raw, doc, after=enacting_end) == ""
    kinds = [(c.kind, c.number, c.point) for c in doc.clauses]
    expected = [("preambular", i, None) for i in range(1, preambular + 1)]
    for number, group in enumerate(operative, 1):
        expected.append(("operative", number, None))
        expected += [("operative", number, chr(97 + i)) for i in range(len(group) - 1)]
    assert kinds == expected


@FAST
@given(st.lists(PHRASE.map(lambda p: p.capitalize() + "."), min_size=1, max_size=8))
def test_a_text_without_structure_becomes_one_clause_per_paragraph(paragraphs):
    raw = "\n\n".join(paragraphs)
    doc = parse_document(raw, source="plain.txt")
    check_invariants(raw, doc)
    assert letters_outside_spans(raw, doc) == ""
    assert [c.kind for c in doc.clauses] == ["paragraph"] * len(paragraphs)
