"""The document encoders for the built-in model: its converted checkpoint's own
weights, run by ONNX Runtime (exported once with `torch.onnx`; fp32, graph optimised,
no quantisation) or by torch with bfloat16 matrix products where the CPU has them.

Why: building an index is nearly all encoder time. Against sentence-transformers on
torch at batch 16, ONNX Runtime starts in ~1.5 s instead of importing torch, and
batches of passages sorted by token length pad far less (a short clause batched with
a long one costs the long one's time). On a CPU with AMX or AVX-512 BF16, torch in
bfloat16 is about twice as fast again (`python -m eval.bench --build`). Both give the
token states, pooled here: a passage's vector is their mean (the reference's pooling),
and, when asked, a span's is the mean over its own tokens in the passage's pass ("late
chunking": a proposition's vector without a second pass over its words). The vectors
are the reference's to cosine ≥ 0.9999 (tests/test_model.py compares them on real
clauses); sentence-transformers stays the reference and the engine for any other model.

The export (`export_onnx`) needs torch and runs at set-up (`assistant setup`), or on
first use; it is written beside the checkpoint, atomically, stamped with the
checkpoint it came from.
"""

from __future__ import annotations

import fcntl
import json
from pathlib import Path

import numpy as np

from embeddings.convert import staged_folder

ONNX_FOLDER = "onnx"
EXPORTER_VERSION = 2  # 2: the graph gives the token states (pooling in numpy, spans too)
PREFIX = "passage: "
# Batches: passages sorted by token count, at most MAX_BATCH of them and at most
# MAX_BATCH_TOKENS padded tokens (long passages go a few at a time). Chosen by
# measurement on the IBE paragraphs (python -m eval.bench --build --batch-sweep).
MAX_BATCH = 32
MAX_BATCH_TOKENS = 4096


def _stamp(model_dir: Path) -> dict:
    converted = json.loads((model_dir / "CONVERTED.json").read_text())
    return {"exporter_version": EXPORTER_VERSION, "checkpoint": converted}


def onnx_path(model_dir: Path) -> Path:
    return Path(model_dir) / ONNX_FOLDER / "model.onnx"


def is_exported(model_dir: Path) -> bool:
    stamp_file = Path(model_dir) / ONNX_FOLDER / "EXPORTED.json"
    return stamp_file.is_file() and json.loads(stamp_file.read_text()) == _stamp(model_dir)


def export_onnx(model_dir: Path) -> Path:
    """Export the checkpoint in `model_dir` (BERT, giving its last layer's token states:
    mean pooling and L2 norm, as its sentence-transformers modules say, are done in
    numpy) to `model_dir/onnx/model.onnx`, unless an
    export of this very checkpoint is there. Written beside and renamed into place."""
    model_dir = Path(model_dir)
    if is_exported(model_dir):
        return onnx_path(model_dir)
    with open(model_dir / ".onnx.lock", "a") as lock:  # one exporter at a time
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_exported(model_dir):
            _export(model_dir)
    return onnx_path(model_dir)


def _export(model_dir: Path) -> None:
    import torch
    from transformers import BertModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()  # its load report is not for users

    class States(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]

    # eager attention: the SDPA path drops an all-ones mask at trace time, which would
    # bake "no padding" into the graph
    bert = BertModel.from_pretrained(
        model_dir, add_pooling_layer=False, attn_implementation="eager", local_files_only=True
    ).eval()
    ids = torch.ones(2, 8, dtype=torch.long)
    mask = torch.ones(2, 8, dtype=torch.long)
    mask[1, 5:] = 0  # a padded row, so the traced graph applies the mask
    target = model_dir / ONNX_FOLDER
    with staged_folder(target, prefix=".onnx-") as staging:
        import warnings

        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                States(bert),
                (ids, mask),
                str(staging / "model.onnx"),
                input_names=["input_ids", "attention_mask"],
                output_names=["token_states"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "token_states": {0: "batch", 1: "tokens"},
                },
                opset_version=17,
                dynamo=False,
            )
        (staging / "EXPORTED.json").write_text(json.dumps(_stamp(model_dir)))


class TokenEncoder:
    """Passages ("passage: " + text) to L2-normalised vectors: the mean of the model's
    token states over each passage (its sentence-transformers pooling), and, when asked,
    over spans of it ("late chunking": a proposition's vector pooled from its clause's
    own pass, not from a second pass over its words). Subclasses run the model:
    `_states(ids, mask)` gives the last layer's token states, float32."""

    def __init__(self, model_dir: Path, max_tokens: int = 512):
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()
        config = json.loads((Path(model_dir) / "config.json").read_text())
        self.pad_id = int(config["pad_token_id"])

    def _states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        raise NotImplementedError

    def encode(
        self,
        texts: list[str],
        on_batch=None,
        max_batch: int = MAX_BATCH,
        max_batch_tokens: int = MAX_BATCH_TOKENS,
        spans: list[list[tuple[int, int]]] | None = None,
    ) -> np.ndarray:
        """Vectors in the order of `texts`; `on_batch(positions, vectors)` is called
        after each batch (progress, saving to the cache as it goes). With `spans` (per
        text, character ranges of it), see `encode_spans`."""
        return self.encode_spans(
            texts, spans or [[] for _ in texts], on_batch, max_batch, max_batch_tokens
        )[0]

    def encode_spans(
        self,
        texts: list[str],
        spans: list[list[tuple[int, int]]],
        on_batch=None,
        max_batch: int = MAX_BATCH,
        max_batch_tokens: int = MAX_BATCH_TOKENS,
        on_spans=None,
    ) -> tuple[np.ndarray, list[list[np.ndarray | None]]]:
        """(vectors of `texts`, for each text the vector of each of its spans): a span's
        vector is the normalised mean of the token states of the tokens it covers, in the
        pass over its whole text; None for a span the model's window cut off.
        `on_spans(positions, their span vectors)` after each batch that had spans."""
        span_vectors: list[list[np.ndarray | None]] = [[None] * len(s) for s in spans]
        if not texts:
            return np.zeros((0, 0), dtype=np.float32), span_vectors
        encodings = self.tokenizer.encode_batch([PREFIX + t for t in texts])
        lengths = np.array([len(e.ids) for e in encodings])
        order = np.argsort(lengths, kind="stable")
        out: np.ndarray | None = None
        for batch in _batches(order, lengths, max_batch, max_batch_tokens):
            width = int(lengths[batch].max())
            ids = np.full((len(batch), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, i in enumerate(batch):
                n = lengths[i]
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1
            states = self._states(ids, mask)
            vectors = _normalised((states * mask[..., None]).sum(1) / mask.sum(1, keepdims=True))
            for row, i in enumerate(batch):
                for j, span in enumerate(spans[i]):
                    covered = _covered(encodings[i].offsets, span)
                    if covered.any():
                        pooled = states[row, : len(covered)][covered].mean(0)
                        span_vectors[i][j] = _normalised(pooled[None])[0]
            if out is None:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[batch] = vectors
            if on_batch is not None:
                on_batch(batch, vectors)
            if on_spans is not None and any(spans[i] for i in batch):
                on_spans(batch, [span_vectors[i] for i in batch])
        return out, span_vectors


def _covered(offsets: list[tuple[int, int]], span: tuple[int, int]) -> np.ndarray:
    """Which tokens (by their character offsets in "passage: " + text) lie in the span
    of the text: those overlapping it; special tokens ((0, 0)) never."""
    start, end = span[0] + len(PREFIX), span[1] + len(PREFIX)
    return np.array([a < end and b > start and b > a for a, b in offsets], dtype=bool)


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class OnnxDocumentEncoder(TokenEncoder):
    """The exported checkpoint in ONNX Runtime, fp32: no torch import (~2 s to start)."""

    def __init__(self, model_dir: Path, threads: int, max_tokens: int = 512):
        import onnxruntime as ort

        super().__init__(model_dir, max_tokens)
        path = export_onnx(Path(model_dir))
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # no busy-waiting between operators: on a machine shared with other work,
        # spinning threads steal the cores the next operator needs
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def _states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        return self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]


class Bfloat16DocumentEncoder(TokenEncoder):
    """The checkpoint on torch, its weights and activations in bfloat16: on a CPU with
    AMX or AVX-512 BF16 about 2.5 times ONNX Runtime's fp32 speed, vectors the fp32
    reference's to cosine ≥ 0.9999 (tests/test_model.py; `python -m eval.bench
    --engines` over every shared text). The whole model in bfloat16 rather than
    autocast: autocast converts each linear layer's input to bfloat16 and its output
    back for the float32 layer norms, and those conversions cost about 13 % of its
    time (the IBE texts, fresh processes: 69.8 and 73.2 s against 60.1 and 64.2 s).
    Imports torch (~7 s): for large builds only."""

    def __init__(self, model_dir: Path, threads: int, max_tokens: int = 512):
        import torch
        from transformers import BertModel
        from transformers.utils import logging as transformers_logging

        super().__init__(model_dir, max_tokens)
        transformers_logging.set_verbosity_error()
        torch.set_num_threads(threads)
        self._torch = torch
        self.model = BertModel.from_pretrained(
            model_dir, add_pooling_layer=False, local_files_only=True, dtype=torch.bfloat16
        ).eval()

    def _states(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        torch = self._torch
        with torch.inference_mode():
            states = self.model(
                input_ids=torch.from_numpy(ids), attention_mask=torch.from_numpy(mask)
            )[0]
        return states.float().numpy()


def has_bfloat16_units() -> bool:
    """Whether this CPU multiplies bfloat16 matrices in hardware (AMX or AVX-512 BF16),
    which is when the bfloat16 encoder is the faster one (Linux: /proc/cpuinfo)."""
    try:
        flags = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return False
    return "amx_bf16" in flags or "avx512_bf16" in flags


def _batches(order: np.ndarray, lengths: np.ndarray, max_batch: int, max_tokens: int):
    """Consecutive runs of `order` (sorted by length): at most `max_batch` items and
    `max_tokens` padded tokens each (one item per batch at least)."""
    batch: list[int] = []
    for i in order:
        width = int(lengths[i])  # the longest so far: `order` is sorted by length
        if batch and (len(batch) >= max_batch or width * (len(batch) + 1) > max_tokens):
            yield np.array(batch)
            batch = []
        batch.append(int(i))
    if batch:
        yield np.array(batch)
