"""Which language detector reads the documents of ../shared right: lingua vs py3langid.

Clauses, each with its known language:
- the two French seeds (../shared/seeds), their clauses as parsed: fr;
- the English development resolutions (68/262, ES-11/1, 73/6 text), one clause per
  paragraph (blank-line blocks; a PDF text's lines joined up to a line ending , ; or .): en;
- the IBE collections: each paragraph's `para` (fr) and `para_en` (en).
The sealed test files are not read. Run with an environment that has both detectors:

    python eval/reading_checks/language_detectors.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from pathlib import Path

DEV_ENGLISH = ("A-RES-68-262.en.txt", "A-RES-ES-11-1.en.txt", "A-RES-73-6.en.txt")


def english_paragraphs(text: str) -> list[str]:
    out, current = [], []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            if current and current[-1].endswith((",", ";", ".", ":")):
                out.append(" ".join(current))
                current = []
            continue
        current.append(line)
        if line.endswith((",", ";", ".", ":")):
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return [p for p in out if re.search(r"[^\W\d_]{3,}", p)]


def corpora(shared: Path) -> dict[str, list[tuple[str, str]]]:
    from assistant.reading.parsing import parse_document

    seeds = []
    for path in sorted((shared / "seeds").glob("*.txt")):
        doc = parse_document(path.read_text(encoding="utf-8"), source=path.name)
        seeds += [(c.text, "fr") for c in doc.clauses if c.lead_in is None]
    english = []
    for name in DEV_ENGLISH:
        text = (shared / "corpora" / "english-resolutions" / name).read_text(encoding="utf-8")
        english += [(p, "en") for p in english_paragraphs(text)]
    ibe_fr, ibe_en = [], []
    for path in sorted((shared / "corpora" / "ibe-recommendations").glob("*.json")):
        for para in json.loads(path.read_text(encoding="utf-8"))["body"]["paragraphs"]:
            if str(para.get("para") or "").strip():
                ibe_fr.append((para["para"].strip(), "fr"))
            if str(para.get("para_en") or "").strip():
                ibe_en.append((para["para_en"].strip(), "en"))
    return {"seeds (fr)": seeds, "english dev (en)": english, "ibe para (fr)": ibe_fr,
            "ibe para_en (en)": ibe_en}  # fmt: skip


def detectors():
    import py3langid
    from lingua import Language, LanguageDetectorBuilder

    t = time.perf_counter()
    lingua_all = LanguageDetectorBuilder.from_all_languages().with_preloaded_language_models()
    lingua_all = lingua_all.build()
    lingua_load = time.perf_counter() - t

    def lingua(text: str) -> str:
        found = lingua_all.detect_language_of(text)
        return found.iso_code_639_1.name.lower() if found else "?"

    t = time.perf_counter()
    identifier = py3langid.langid.LanguageIdentifier.from_model_file(
        py3langid.langid.MODEL_FILE, norm_probs=True
    )
    langid_load = time.perf_counter() - t
    lingua_enfr = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.FRENCH).build()
    restricted = py3langid.langid.LanguageIdentifier.from_model_file(
        py3langid.langid.MODEL_FILE, norm_probs=True
    )
    restricted.set_languages(["en", "fr"])
    return {
        "lingua 2.1.1 (all languages)": (lingua, lingua_load),
        "py3langid 0.4.0 (all languages)": (lambda text: identifier.classify(text)[0], langid_load),
        "lingua 2.1.1 (en, fr only)": (
            lambda text: lingua_enfr.detect_language_of(text).iso_code_639_1.name.lower(),
            0.0,
        ),
        "py3langid 0.4.0 (en, fr only)": (lambda text: restricted.classify(text)[0], 0.0),
    }


def as_used(shared: Path) -> None:
    """The product's policy (assistant/reading/text_language.py): py3langid over all languages
    for the document, then English/French per clause, a short clause taking the
    document's language."""
    from assistant.reading.text_language import clause_language, document_language

    groups: dict[str, list[tuple[str, list[tuple[str, str]]]]] = {}
    for path in sorted((shared / "seeds").glob("*.txt")):
        from assistant.reading.parsing import parse_document

        doc = parse_document(path.read_text(encoding="utf-8"), source=path.name)
        rows = [(c.text, "fr") for c in doc.clauses if c.lead_in is None]
        groups.setdefault("seeds (fr)", []).append((doc.raw_text, rows))
    for name in DEV_ENGLISH:
        text = (shared / "corpora" / "english-resolutions" / name).read_text(encoding="utf-8")
        rows = [(p, "en") for p in english_paragraphs(text)]
        groups.setdefault("english dev (en)", []).append((text, rows))
    for path in sorted((shared / "corpora" / "ibe-recommendations").glob("*.json")):
        paragraphs = json.loads(path.read_text(encoding="utf-8"))["body"]["paragraphs"]
        for key, language, corpus in (("para", "fr", "ibe para (fr)"),
                                      ("para_en", "en", "ibe para_en (en)")):  # fmt: skip
            rows = [(str(p[key]).strip(), language) for p in paragraphs
                    if str(p.get(key) or "").strip()]  # fmt: skip
            if rows:
                groups.setdefault(corpus, []).append(("\n\n".join(t for t, _ in rows), rows))
    print("py3langid 0.4.0 as the product uses it (document, then en/fr per clause):")
    for corpus, docs in groups.items():
        t = time.perf_counter()
        right = total = documents_right = 0
        for text, rows in docs:
            language = document_language(text)
            documents_right += language == rows[0][1]
            for clause, expected in rows:
                right += clause_language(clause, language) == expected
                total += 1
        elapsed = time.perf_counter() - t
        print(
            f"  {corpus:18} documents {documents_right}/{len(docs)}, clauses {right}/{total} = "
            f"{right / total:.4f}  {1000 * elapsed / total:.2f} ms/clause"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shared", default="../shared", type=Path)
    args = parser.parse_args()
    as_used(args.shared)
    data = corpora(args.shared)
    for name, (detect, load) in detectors().items():
        print(f"{name}: load {load:.2f} s")
        for corpus, rows in data.items():
            detect(rows[0][0])  # warm
            t = time.perf_counter()
            guesses = [detect(text) for text, _ in rows]
            elapsed = time.perf_counter() - t
            right = sum(g == lang for g, (_, lang) in zip(guesses, rows, strict=True))
            wrong = [(g, text[:60]) for g, (text, lang) in zip(guesses, rows, strict=True)
                     if g != lang]  # fmt: skip
            print(
                f"  {corpus:18} {right}/{len(rows)} = {right / len(rows):.4f}  "
                f"{1000 * elapsed / len(rows):.2f} ms/clause  wrong: {wrong[:3]}"
            )


if __name__ == "__main__":
    main()
