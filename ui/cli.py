"""`assistant`: ask, chat, add, remove, list, index, setup, serve — thin wrappers over
`Assistant`."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import click

from assistant.errors import USER_ERRORS, AssistantError
from assistant.reading.sanitize import clean_text
from assistant.settings import Settings, SettingsWarning


def _settings(model: str | None, index_dir: str | None, no_cache: bool = False) -> Settings:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SettingsWarning)
        settings = Settings.from_env(
            model=model, index_dir=index_dir, embedding_cache=False if no_cache else None
        )
    for warning in caught:
        click.echo(f"Warning: {warning.message}", err=True)
    return settings


def _load(settings: Settings, rebuild: bool = False, progress: bool = False, embedder=None):
    """The assistant; a rebuild on load (an index older than this code) is said in one line."""
    from assistant.core import Assistant
    from assistant.indexing.library import IndexRebuilt

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", IndexRebuilt)
        bot = Assistant.load(settings, embedder=embedder, rebuild=rebuild, progress=progress)
    for warning in caught:
        kind = "Note" if isinstance(warning.message, IndexRebuilt) else "Warning"
        click.echo(f"{kind}: {warning.message}", err=True)
    return bot


_common = [
    click.option("--model", default=None, help="Embedding model (default: multilingual-e5-small)."),
    click.option("--index-dir", default=None, help="Index directory (default: in the cache)."),
]


def common(func):
    for option in reversed(_common):
        func = option(func)
    return func


_no_cache = click.option(
    "--no-cache",
    is_flag=True,
    help="Embed every new text again instead of taking its vector from the embedding cache "
    "(and save none there).",
)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except USER_ERRORS as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            # index writes switch atomically: an interrupted build never became live
            click.echo(
                "\nInterrupted: the index is as it was. Vectors already made are kept in the "
                "embedding cache (unless --no-cache): running the command again goes on "
                "from there.",
                err=True,
            )
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # a bug: one line, not a traceback
            click.echo(
                f"Error: unexpected {type(exc).__name__}: {exc}. Please report it with the "
                "command that caused it.",
                err=True,
            )
            sys.exit(2)


@click.group(cls=_Group)
def main() -> None:
    """Cited answers from UN resolutions on ICT and international security."""


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="Print Answer.to_dict() as JSON.")
@click.option("-k", "top_k", type=click.IntRange(1, 20), default=None, help="Clauses to quote.")
@common
def ask(question: str, as_json: bool, top_k: int | None, model, index_dir) -> None:
    """Answer one QUESTION (English or French) with cited clauses."""
    bot = _load(_settings(model, index_dir))
    answer = bot.ask(clean_text(question), k=top_k)
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(answer.text)


@main.command()
@common
def chat(model, index_dir) -> None:
    """A conversation in the terminal; follow-up questions keep their context."""
    bot = _load(_settings(model, index_dir))
    names = "; ".join(d.label for d in bot.documents)
    click.echo(f"Corpus: {names}\nAsk in English or French. Empty line or Ctrl-D to quit.\n")
    history: list[dict] = []
    while True:
        try:
            question = input("you> ")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            break
        question = clean_text(question)
        if not question.strip():
            break
        try:
            answer = bot.ask(question, history=history)
        except USER_ERRORS as exc:
            click.echo(f"Error: {exc}\n")
            continue
        click.echo(f"\n{answer.text}\n")
        reply = {"role": "assistant", "content": answer.text}
        if answer.to_turn_metadata():  # the answer as data, as the chat page sends it
            reply["metadata"] = answer.to_turn_metadata()
        history += [{"role": "user", "content": question}, reply]


@main.command()
@click.option("--rebuild", is_flag=True, help="Rebuild even if the index is up to date.")
@click.option(
    "--verify",
    is_flag=True,
    help="Only check the index: hash every file and compare it with its manifest.",
)
@_no_cache
@common
def index(rebuild: bool, verify: bool, no_cache: bool, model, index_dir) -> None:
    """Build (or check) the index of the corpus."""
    settings = _settings(model, index_dir, no_cache)
    if verify:
        from index.store import verify_index

        checked = verify_index(settings.resolved_index_dir)
        click.echo(
            f"Index in {settings.resolved_index_dir} verified: {checked} files match the "
            "sha256 recorded for them."
        )
        return
    bot = _load(settings, rebuild=rebuild, progress=True)
    counts = bot.contents.manifest["counts"]
    click.echo(
        f"Index ready in {settings.resolved_index_dir}: {counts['documents']} documents, "
        f"{counts['clauses']} clauses, {counts['passages']} passages, "
        f"{counts.get('propositions', 0)} propositions; {bot.contents.embedded} texts "
        "embedded now."
    )


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--replace", is_flag=True, help="Replace a document with the same id (a new version)."
)
@_no_cache
@common
def add(paths: tuple[Path, ...], replace: bool, no_cache: bool, model, index_dir) -> None:
    """Add files (.txt, .pdf, .docx, .html, .json paragraph collections) or every such
    file in a folder. A NAME.meta.json beside a file overrides its metadata. Files that
    cannot be added are listed with the reason; the others are added in one update."""
    from assistant.indexing.library import check_new
    from assistant.reading.readers import expand_paths, load_document
    from assistant.reading.text_language import reading_note

    settings = _settings(model, index_dir, no_cache)
    bot = _load(settings)
    documents, failed = [], 0
    for path in expand_paths(list(paths)):
        try:
            document = load_document(path, max_bytes=settings.max_document_bytes)
            present = [d for d in bot.documents if not (replace and d.doc_id == document.doc_id)]
            check_new([document], present + documents)
            documents.append(document)
        except Exception as exc:  # one bad file never stops the others
            reason = exc if isinstance(exc, USER_ERRORS) else f"{path.name}: {exc!r}"
            click.echo(f"Skipped: {reason}", err=True)
            failed += 1
    if documents:
        try:
            bot.add_documents(documents, progress=True, replace=replace)
        except USER_ERRORS as exc:
            click.echo(f"Error: {exc}\nNothing was added.", err=True)
            sys.exit(1)
        for doc in documents:
            click.echo(f"Added {doc.label} ({len(doc.clauses)} clauses) from {doc.source}")
            if note := reading_note(doc.language):
                click.echo(f"Warning: {doc.source}: {note}", err=True)
        click.echo(
            f"{bot.contents.embedded} passages and propositions embedded; "
            f"index: {len(bot.documents)} documents."
        )
    click.echo(f"{len(documents)} added, {failed} skipped.")
    if failed:
        sys.exit(1)


@main.command()
@click.argument("document")
@common
def remove(document: str, model, index_dir) -> None:
    """Remove DOCUMENT (its id, symbol, label or file name, as `assistant list` shows)."""
    bot = _load(_settings(model, index_dir))
    doc = bot.remove(document)
    click.echo(f"Removed {doc.label} ({doc.doc_id}); index: {len(bot.documents)} documents.")


@main.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document.")
@common
def list_documents(as_json: bool, model, index_dir) -> None:
    """The documents in the index: id, citation label, language, clauses, origin."""
    bot = _load(_settings(model, index_dir))
    for doc in bot.documents:
        origin = "added" if bot.is_added(doc) else "corpus"
        if as_json:
            row = {**doc.metadata(), "clauses": len(doc.clauses), "origin": origin}
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            details = ", ".join(
                part
                for part in (
                    f"language {doc.language}",
                    f"session {doc.session}" if doc.session else "",
                    doc.date or "",
                    f"{len(doc.clauses)} clauses",
                    origin,
                )
                if part
            )
            click.echo(f"{doc.doc_id}\t{doc.label}\t{details}")


@main.command()
@common
def setup(model, index_dir) -> None:
    """Materialise the model (and its ONNX export) and build the index when missing
    (idempotent)."""
    from embeddings.model import Embedder

    settings = _settings(model, index_dir)
    embedder = Embedder.load(settings)
    embedder.prepare()
    _load(settings, progress=True, embedder=embedder)
    click.echo(f"Ready: model in {settings.model_dir}, index in {settings.resolved_index_dir}.")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=7860, show_default=True, type=int, help="Port.")
@common
def serve(host: str, port: int, model, index_dir) -> None:
    """The chat web page on http://HOST:PORT (never shared publicly)."""
    from ui.app import serve as serve_app

    _check_port(host, port)
    bot = _load(_settings(model, index_dir), progress=True)
    click.echo(f"Chat page: http://{host}:{port}  (Ctrl+C to stop)")
    try:
        serve_app(bot, host=host, port=port)
    except OSError as exc:  # taken meanwhile, or an address this machine does not have
        raise AssistantError(_port_message(host, port, exc)) from exc


def _check_port(host: str, port: int) -> None:
    """Refuse a port already in use before the model is loaded, in one line."""
    import socket

    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host, port))
    except OSError as exc:
        raise AssistantError(_port_message(host, port, exc)) from exc


def _port_message(host: str, port: int, exc: OSError) -> str:
    import errno

    if exc.errno == errno.EADDRINUSE or "port" in str(exc).lower():
        return (
            f"Port {port} on {host} is already in use (another `assistant serve`?). Stop it, "
            f"or pick another port: `assistant serve --port {port + 1}` or `make run "
            f"PORT={port + 1}`."
        )
    return f"Cannot listen on {host}:{port} ({exc.strerror or exc}). Check --host / HOST=."


if __name__ == "__main__":
    main()
