"""The document encoder for many passages: the converted checkpoint's own weights,
exported once with `torch.onnx` and run by ONNX Runtime (fp32, graph optimised, no
quantisation).

Why: building an index is nearly all encoder time. Against sentence-transformers on
torch at batch 16, ONNX Runtime starts in ~1.5 s instead of importing torch, and
batches of passages sorted by token length pad far less (a short clause batched with
a long one costs the long one's time). The vectors are the reference's to cosine
≥ 0.9999 (tests/test_model.py compares them on real clauses); sentence-transformers
stays the reference and the engine for any other model.

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
EXPORTER_VERSION = 1
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
    """Export the checkpoint in `model_dir` (BERT + mean pooling + L2 norm, as its
    sentence-transformers modules say) to `model_dir/onnx/model.onnx`, unless an
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

    class Pooled(torch.nn.Module):
        def __init__(self, bert):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2, dim=1)

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
                Pooled(bert),
                (ids, mask),
                str(staging / "model.onnx"),
                input_names=["input_ids", "attention_mask"],
                output_names=["embedding"],
                dynamic_axes={
                    "input_ids": {0: "batch", 1: "tokens"},
                    "attention_mask": {0: "batch", 1: "tokens"},
                    "embedding": {0: "batch"},
                },
                opset_version=17,
                dynamo=False,
            )
        (staging / "EXPORTED.json").write_text(json.dumps(_stamp(model_dir)))


class OnnxDocumentEncoder:
    """Passages ("passage: " + text) to L2-normalised vectors with ONNX Runtime."""

    def __init__(self, model_dir: Path, threads: int, max_tokens: int = 512):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model_dir = Path(model_dir)
        path = export_onnx(model_dir)
        options = ort.SessionOptions()
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # no busy-waiting between operators: on a machine shared with other work,
        # spinning threads steal the cores the next operator needs
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()
        self.pad_id = int(json.loads((model_dir / "config.json").read_text())["pad_token_id"])

    def encode(
        self,
        texts: list[str],
        on_batch=None,
        max_batch: int = MAX_BATCH,
        max_batch_tokens: int = MAX_BATCH_TOKENS,
    ) -> np.ndarray:
        """Vectors in the order of `texts`; `on_batch(positions, vectors)` is called
        after each batch (progress, saving to the cache as it goes)."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
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
            vectors = self.session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            if out is None:
                out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
            out[batch] = vectors
            if on_batch is not None:
                on_batch(batch, vectors)
        return out


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
