"""The chat page (Gradio Blocks) over one `Assistant`: presentation only.

Left: the conversation (streamed answers), the question box, a document filter,
examples, and the cited clauses as cards. Right: the document panel, opened by
clicking a card, with the cited clause highlighted and scrolled into view.
A named API endpoint `/ask` returns `Answer.to_dict()` for `gradio_client`.
"""

from __future__ import annotations

import html
import os
import re

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant import Assistant
from assistant.answer import inert
from assistant.errors import InvalidQuestion
from assistant.sanitize import clean_text
from ui.render import cards, document_panel

EXAMPLES = [
    "What does 75/32 decide about the OEWG?",
    "Who are the sponsors of the draft resolution?",
    "What does the draft say about human rights?",
    "Que dit la résolution 75/32 sur les mesures de confiance ?",
    "Que dit le paragraphe 3 du projet ?",
]
CARD_CLICK_JS = """
element.addEventListener('click', (event) => {
  if (event.target.closest('a')) return;  // a symbol link opens undocs.org only
  const copy = event.target.closest('.copy');
  if (copy) {
    navigator.clipboard && navigator.clipboard.writeText(copy.dataset.cite);
    copy.textContent = '✓ ' + copy.dataset.cite;
    return;
  }
  const card = event.target.closest('.card');
  if (card) trigger('click', {clause: card.dataset.clause});
});
"""
SCROLL_JS = """() => {
  const cited = document.querySelector('#document-panel .cited');
  if (cited) cited.scrollIntoView({block: 'center'});
}"""
CSS = """
#document-panel { max-height: 80vh; overflow-y: auto; }
.card { border: 1px solid #c8d1dc; border-radius: 8px; padding: 8px 12px; margin: 8px 0;
        cursor: pointer; }
.card:hover { border-color: #1f6feb; }
.card blockquote { margin: 6px 0; }
.card .copy { font-size: 0.8em; }
.clause { padding: 4px 6px; margin: 2px 0; border-radius: 4px; }
.clause.cited { background: #fff3b0; outline: 2px solid #e0b400; }
.clause .para { font-weight: 600; color: #555; margin-right: 4px; }
mark { background: #ffe58a; }
.card a, #document-panel a { color: #1f6feb; text-decoration: underline; padding: 0; margin: 0; }
"""


def as_text(text: str) -> str:
    """User text shown as typed: no HTML, no markdown."""
    escaped = inert(html.escape(text))  # no link, image or autolink either
    return escaped.replace("*", "&#42;").replace("_", "&#95;").replace("`", "&#96;")


def markdown_safe(text: str) -> str:
    """Our markdown (bold, > quotes) kept; any HTML in it shown as text. A "<" the
    answer escaped (`assistant.answer.inert`) becomes the entity itself: "\\&lt;"
    would show the entity's name."""
    return re.sub(r"\\?<", "&lt;", text.replace("&", "&amp;"))


def _suggestion(bot: Assistant, language: str) -> str:
    titles = "; ".join(f"{d.label} — {d.title}" for d in bot.documents[:5])
    if language == "fr":
        return f"\n\nLes textes couvrent : {titles}. Essayez par exemple : « {EXAMPLES[3]} »"
    return f"\n\nThe texts cover: {titles}. Try, for example: “{EXAMPLES[0]}”"


def build_app(bot: Assistant) -> gr.Blocks:
    labels = {d.doc_id: d.label for d in bot.documents}

    def ask_api(
        question: str, history: list[dict] | None = None, documents: list[str] | None = None
    ) -> dict:
        """Answer.to_dict() for a question, with the earlier messages and a document filter."""
        question = clean_text(question) if isinstance(question, str) else question
        try:
            return bot.ask(question, history=history or [], documents=documents or None).to_dict()
        except InvalidQuestion as exc:
            shown = question if isinstance(question, str) else ""
            return {"question": shown, "error": str(exc), "abstained": True, "citations": []}

    def respond(question, history, shown, documents):
        question = clean_text(question or "")
        shown = [*shown, {"role": "user", "content": as_text(question)}]
        yield "", history, shown, gr.update(), None
        try:
            answer = bot.ask(question, history=history, documents=documents or None)
        except InvalidQuestion as exc:
            shown = [*shown, {"role": "assistant", "content": f"⚠️ {as_text(str(exc))}"}]
            yield "", history, shown, "", None
            return
        data = answer.to_dict()
        text = markdown_safe(answer.text)
        if answer.abstained:
            text += markdown_safe(_suggestion(bot, answer.language))
        blocks = text.split("\n\n")
        streamed = ""
        for block in blocks:  # streamed clause by clause
            streamed = f"{streamed}\n\n{block}" if streamed else block
            yield (
                "",
                history,
                [*shown, {"role": "assistant", "content": streamed}],
                gr.update(),
                None,
            )
        history = [
            *history,
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.text},
        ]
        yield "", history, [*shown, {"role": "assistant", "content": streamed}], cards(data), data

    def open_clause(last: dict | None, event: gr.EventData):
        clause_id = getattr(event, "clause", None)
        if not clause_id:
            return gr.update()
        doc = bot.document(clause_id.split("#")[0])
        if doc is None:
            return gr.update()
        question = (last or {}).get("resolved_question") or (last or {}).get("question", "")
        return document_panel(doc, clause_id, question, (last or {}).get("language", "en"))

    def new_conversation():
        return [], [], "", None, "", ""

    with gr.Blocks(title="UN ICT resolutions assistant", analytics_enabled=False) as demo:
        history = gr.State([])
        last = gr.State(None)
        gr.Markdown(
            "## UN resolutions on ICT and international security\n"
            "Ask in English or French; every answer quotes the paragraphs verbatim, "
            "with their citation."
        )
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(label="Conversation", height=420, elem_id="chat")
                question = gr.Textbox(
                    show_label=False,
                    placeholder="e.g. What does 75/32 decide about the OEWG?",
                    elem_id="question",
                    lines=1,
                )
                with gr.Row():
                    send = gr.Button("Ask", variant="primary", elem_id="ask")
                    new = gr.Button("New conversation", elem_id="new")
                documents = gr.Dropdown(
                    choices=[(label, doc_id) for doc_id, label in labels.items()],
                    multiselect=True,
                    label="Search only in (empty: all documents)",
                    elem_id="filter",
                )
                gr.Examples(EXAMPLES, inputs=question, label="Examples")
                citation_cards = gr.HTML(
                    "", elem_id="cards", js_on_load=CARD_CLICK_JS, apply_default_css=False
                )
            with gr.Column(scale=2):
                panel = gr.HTML(
                    "<p>Click a citation to read it in its document.</p>",
                    elem_id="document-panel",
                    js_on_load=None,
                )
        inputs = [question, history, chatbot, documents]
        outputs = [question, history, chatbot, citation_cards, last]
        for trigger in (question.submit, send.click):
            trigger(respond, inputs, outputs, api_visibility="private")
        citation_cards.click(open_clause, [last], panel, api_visibility="private").then(
            None, js=SCROLL_JS
        )
        new.click(
            new_conversation, None, [history, chatbot, citation_cards, last, panel, question],
            api_visibility="private",
        )  # fmt: skip
        gr.api(ask_api, api_name="ask")
    return demo


def serve(bot: Assistant, host: str = "127.0.0.1", port: int = 7860, **launch) -> gr.Blocks:
    demo = build_app(bot)
    demo.queue(default_concurrency_limit=2)
    # the page offers no upload: Gradio's anonymous upload route refuses any file (413)
    launch.setdefault("max_file_size", 0)
    demo.launch(
        server_name=host,
        server_port=port,
        share=False,
        show_error=True,
        css=CSS,
        footer_links=["api"],
        **launch,
    )
    return demo
