"""The chat page (Gradio Blocks) over one `Assistant`: presentation only.

Reading order is the answer's order: each answer is its citations, best first, as
cards inside the conversation (a card's title is the button that opens the document at
the clause). The document panel beside it is its own scroll container, sticky, and never
moves the page; on a phone it opens as a full-screen sheet. The page speaks English or
French, as the browser asks (Accept-Language), and switches on the page.
A named API endpoint `/ask` returns `Answer.to_dict()` for `gradio_client`.
"""

from __future__ import annotations

import html
import os

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr

from assistant import Assistant
from assistant.asking.answer import document_name
from assistant.asking.query import understand
from assistant.errors import InvalidQuestion
from assistant.reading.sanitize import clean_text
from ui import i18n
from ui.render import Turn, conversation, document_panel, panel_hint

# The conversation: opens a card's document, copies a citation, asks an example, and
# after a fresh answer scrolls the conversation (never the page) to its first citation.
CHAT_JS = """
const say = (message) => {
  const status = document.getElementById('ui-status');
  if (!status || !message) return;
  status.textContent = '';
  setTimeout(() => { status.textContent = message; }, 50);
};
element.addEventListener('click', (event) => {
  const open = event.target.closest('button.open');
  if (open) {
    window.unChatOpener = open.id;
    trigger('click', {clause: open.dataset.clause, turn: Number(open.dataset.turn)});
    return;
  }
  const copy = event.target.closest('button.copy');
  if (copy) {
    if (navigator.clipboard) navigator.clipboard.writeText(copy.dataset.cite).catch(() => {});
    copy.textContent = '✓ ' + copy.dataset.copied;
    say(copy.dataset.copied);
    return;
  }
  const example = event.target.closest('button.example');
  if (example) trigger('submit', {question: example.dataset.question});
});
watch('value', () => {
  const latest = element.querySelector('.turn[data-fresh]');
  if (!latest) return;
  const box = document.getElementById('chat');
  box.scrollTop += latest.getBoundingClientRect().top - box.getBoundingClientRect().top - 4;
  const top = box.getBoundingClientRect().top;
  if (top < 0 || top > window.innerHeight / 2) window.scrollBy(0, top - 8);
  if (latest.dataset.status) say(latest.dataset.status);
});
"""
# The document panel: on open, its cited clause is scrolled into view inside the panel
# and focus moves to its heading; Close or Escape hands focus back to the card.
PANEL_JS = """
const phone = () => window.matchMedia('(max-width: 760px)').matches;
const wrapper = () => document.getElementById('document-panel');
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const say = (message) => {
  const status = document.getElementById('ui-status');
  if (!status || !message) return;
  status.textContent = '';
  setTimeout(() => { status.textContent = message; }, 50);
};
const setOpen = (open) => {
  const panel = wrapper();
  panel.classList.toggle('open', open);
  if (open && phone()) {
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-modal', 'true');
    panel.setAttribute('aria-labelledby', 'document-heading');
  } else {
    panel.removeAttribute('role');
    panel.removeAttribute('aria-modal');
    panel.removeAttribute('aria-labelledby');
  }
};
const close = () => {
  const section = element.querySelector('.document');
  if (!section) return;
  props.value = '<p class="panel-hint">' + escape(section.dataset.hint) + '</p>';
  setOpen(false);
  trigger('click');
  const opener = window.unChatOpener && document.getElementById(window.unChatOpener);
  (opener || document.querySelector('#question textarea')).focus();
};
element.addEventListener('click', (event) => {
  if (event.target.closest('button.close')) close();
});
element.addEventListener('keydown', (event) => {
  if (!element.querySelector('.document')) return;
  if (event.key === 'Escape') {
    event.preventDefault();
    close();
  } else if (event.key === 'Tab' && phone()) {  // the sheet keeps focus until it closes
    const stops = [...element.querySelectorAll('#document-heading, button, a[href]')];
    const first = stops[0], last = stops[stops.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault(); last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault(); first.focus();
    }
  }
});
watch('value', () => {
  const section = element.querySelector('.document');
  setOpen(Boolean(section));
  if (!section || !('focus' in section.dataset)) return;
  const panel = wrapper();
  const cited = section.querySelector('.cited');
  if (cited) {
    const offset = cited.getBoundingClientRect().top - panel.getBoundingClientRect().top;
    const bar = section.querySelector('.panel-bar').offsetHeight;
    panel.scrollTop += offset - bar - 16;
  }
  document.getElementById('document-heading').focus({preventScroll: true});
  say(section.dataset.opened);
});
"""
HEADER_JS = """
element.addEventListener('click', (event) => {
  const choice = event.target.closest('button[data-choose]');
  if (choice && choice.getAttribute('aria-pressed') !== 'true') {
    trigger('click', {language: choice.dataset.choose});
  }
});
watch('value', () => {
  const tagged = element.querySelector('[data-lang]');
  if (tagged) document.documentElement.lang = tagged.dataset.lang;
});
"""
CSS = """
:root { --page-link: #1a4fb8; --page-refused: #9a1c1c; --page-placeholder: #52525b; }
.dark { --page-link: #93c5fd; --page-refused: #fca5a5; --page-placeholder: #a1a1aa; }
.sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
           overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
#header h1 { font-size: 1.45rem; margin: 0 0 2px; line-height: 1.25; }
#header p { margin: 0; }
#header .heading { display: flex; gap: 16px; justify-content: space-between;
                   align-items: center; flex-wrap: wrap; }
.languages { display: flex; gap: 6px; }
.languages button { border: 1px solid #5b6b7f; border-radius: 6px; padding: 4px 12px;
                    background: var(--background-fill-primary); color: var(--body-text-color);
                    cursor: pointer; }
.languages button[aria-pressed="true"] { background: #1d4ed8; border-color: #1d4ed8;
                                         color: #fff; font-weight: 600; }
#chat { height: max(300px, calc(100vh - 330px)); overflow-y: auto !important;
        border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 4px 12px; }
#chat .turn { margin: 8px 0 16px; }
#chat .asked { font-weight: 600; background: var(--background-fill-secondary);
               border-radius: 8px; padding: 6px 10px; margin: 0 0 6px; }
#chat .answer p { margin: 6px 0; }
#chat .refused { color: var(--page-refused); }
.cards { list-style: none; padding: 0; margin: 0; }
.card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 12px;
        margin: 8px 0; }
.card h3 { margin: 0; font-size: 1rem; }
.card .lead { margin: 2px 0 !important; }
.card blockquote { margin: 6px 0; padding-left: 10px; border-left: 3px solid #94a3b8; }
.card .notes { font-size: 0.9em; }
button.open { background: none; border: 0; padding: 0; margin: 0; font: inherit;
              font-weight: 400; font-size: 1.05rem; color: var(--page-link); cursor: pointer;
              text-decoration: underline;
              text-align: left; }
button.copy, button.example, button.close {
  border: 1px solid #5b6b7f; border-radius: 6px; background: var(--background-fill-primary);
  color: var(--body-text-color); cursor: pointer; padding: 3px 10px; font-size: 0.9em; }
.welcome .examples { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.welcome button.example { text-align: left; padding: 6px 10px; }
button.open:focus-visible, button.copy:focus-visible, button.example:focus-visible,
button.close:focus-visible, .languages button:focus-visible, #document-heading:focus,
#chat a:focus-visible,
#document-panel a:focus-visible, #ask:focus-visible, #new:focus-visible,
#question textarea:focus-visible {
  outline: 3px solid #1d4ed8 !important; outline-offset: 2px; }
#ask { background: #1d4ed8 !important; border-color: #1d4ed8 !important; color: #fff !important; }
#ask:hover { background: #1e3a8a !important; }
#question textarea::placeholder, #filter input::placeholder {
  color: var(--page-placeholder); opacity: 1; }
#filter input { color: var(--body-text-color) !important; }
footer a, footer button, .show-api { color: var(--body-text-color) !important; }
#panel-col { position: sticky; top: 8px; align-self: flex-start; }
#document-panel { height: calc(100vh - 130px); overflow-y: auto !important;
                  overscroll-behavior: contain;
                  border: 1px solid var(--border-color-primary); border-radius: 8px;
                  padding: 0 12px 12px; background: var(--background-fill-primary); }
#document-panel .panel-hint { padding-top: 12px; }
.panel-bar { position: sticky; top: 0; z-index: 1; display: flex; gap: 8px;
             justify-content: space-between; align-items: center; padding: 8px 0;
             background: var(--background-fill-primary);
             border-bottom: 1px solid var(--border-color-primary); }
.panel-bar h2 { font-size: 1.1rem; margin: 0; }
button.close { font-size: 1.1rem; padding: 2px 10px; }
.clause { padding: 4px 6px; margin: 2px 0; border-radius: 4px; }
.clause.cited { background: #fff3b0; color: #1f2937; outline: 2px solid #a16207; }
.clause .para { font-weight: 600; margin-right: 4px; }
mark { background: #ffe58a; color: #1f2937; }
.card a, #document-panel a { color: var(--page-link); text-decoration: underline; }
#document-panel .clause.cited a { color: #1e3a8a; }
@media (max-width: 760px) {
  #header h1 { font-size: 1.2rem; }
  #header p { font-size: 0.9rem; }
  #chat { height: max(240px, calc(100svh - 430px)); }
  #panel-col { position: static; }
  #document-panel { height: 0; border: 0; padding: 0; overflow: hidden !important; }
  #document-panel.open { position: fixed; inset: 0; z-index: 1000; height: 100%; border: 0;
                         border-radius: 0; padding: 0 16px 16px; overflow-y: auto !important; }
  #document-panel.open .panel-bar { padding: 10px 0; }
}
"""


def _suggestion(bot: Assistant, language: str) -> str:
    titles = "; ".join(f"{d.label} — {d.title}" for d in bot.documents[:5])
    if language == "fr":
        example = i18n.EXAMPLES["fr"][0]
        return f"Les textes couvrent : {titles}. Essayez par exemple : « {example} »"
    return f"The texts cover: {titles}. Try, for example: “{i18n.EXAMPLES['en'][0]}”"


def header_html(ui: str) -> str:
    """The title, the language switch (two toggle buttons) and the live status line."""
    choices = "".join(
        f'<button type="button" data-choose="{code}" lang="{code}" '
        f'aria-pressed="{"true" if code == ui else "false"}">{name}</button>'
        for code, name in (("en", "English"), ("fr", "Français"))
    )
    return (
        f'<div class="heading" data-lang="{ui}">'
        f"<div><h1>{html.escape(i18n.text(ui, 'title'))}</h1>"
        f"<p>{html.escape(i18n.text(ui, 'intro'))}</p></div>"
        f'<div class="languages" role="group" aria-label="Language · Langue">{choices}</div>'
        '</div><p id="ui-status" class="sr-only" role="status" aria-live="polite"></p>'
    )


def history_of(turns: list[Turn]) -> list[dict]:
    """The messages the assistant reads follow-ups from: each question, and its answer's
    text with the answer as data in `metadata` (`Answer.to_turn_metadata()`), which the
    follow-up builds on. The page's conversation is this gr.State of turns, kept on the
    server: no gr.Chatbot carries it (a Chatbot message's `metadata` is its "thought"
    accordion, whose model keeps only its own keys: `title`, `log`, `status`, …)."""
    messages = []
    for turn in turns:
        if turn.answer is not None:
            messages.append({"role": "user", "content": turn.question})
            reply = {"role": "assistant", "content": turn.answer["text"]}
            if turn.answer.get("metadata"):
                reply["metadata"] = turn.answer["metadata"]
            messages.append(reply)
    return messages


def build_app(bot: Assistant) -> gr.Blocks:
    def ask_api(
        question: str, history: list[dict] | None = None, documents: list[str] | None = None
    ) -> dict:
        """Answer.to_dict() for a question, with the earlier messages (an answer's own
        `metadata` carried along in its message) and a document filter."""
        question = clean_text(question) if isinstance(question, str) else question
        try:
            return bot.ask(question, history=history or [], documents=documents or None).to_dict()
        except InvalidQuestion as exc:
            shown = question if isinstance(question, str) else ""
            return {"question": shown, "error": str(exc), "abstained": True, "citations": []}

    def excluded_by_filter(question: str, history: list[dict], documents, language: str):
        """A note when the filter leaves out a document the question names."""
        if not documents:
            return ()
        named = understand(question, bot.catalog, history).doc_ids or []
        left_out = [d for d in named if d not in documents]
        if not left_out:
            return ()

        def names(doc_ids):
            return ", ".join(document_name(bot.document(d), language) for d in doc_ids)

        return (i18n.FILTER_NOTE[language].format(named=names(left_out), kept=names(documents)),)

    def respond(question, turns, documents, ui):
        question = clean_text(question or "")
        turns = list(turns or [])
        yield "", turns, conversation([*turns, Turn(question)], ui, fresh=True)
        history = history_of(turns)
        try:
            answer = bot.ask(question, history=history, documents=documents or None)
        except InvalidQuestion as exc:
            turns = [*turns, Turn(question, refused=i18n.refusal(str(exc), ui))]
            yield "", turns, conversation(turns, ui, fresh=True)
            return
        data = answer.to_dict()
        notes = excluded_by_filter(question, history, documents, answer.language)
        after = (_suggestion(bot, answer.language),) if answer.abstained else ()
        turn = Turn(question, data, notes=notes, after=after)
        for shown in range(1, len(answer.citations)):  # streamed citation by citation
            streaming = [*turns, Turn(question, data, notes=notes, shown=shown)]
            yield "", turns, conversation(streaming, ui, fresh=True)
        turns = [*turns, turn]
        yield "", turns, conversation(turns, ui, fresh=True)

    def ask_example(turns, documents, ui, event: gr.EventData):
        yield from respond(getattr(event, "question", ""), turns, documents, ui)

    def panel_for(turns, opened, ui, focus: bool) -> str:
        if not opened:
            return panel_hint(ui)
        number, clause_id = opened
        answer = turns[number].answer if 0 <= number < len(turns) else None
        doc = bot.document(clause_id.split("#")[0])
        if doc is None or answer is None:
            return panel_hint(ui)
        question = answer.get("resolved_question") or answer["question"]
        return document_panel(doc, clause_id, question, answer["language"], ui, focus=focus)

    def open_clause(turns, ui, event: gr.EventData):
        clause_id = getattr(event, "clause", None)
        number = getattr(event, "turn", None)
        if not clause_id or not isinstance(number, int):
            return gr.update(), gr.update()
        opened = (number, clause_id)
        return panel_for(turns, opened, ui, focus=True), opened

    def relabel(ui, turns, opened):
        ui = ui if ui in i18n.LANGUAGES else "en"
        choices = [(document_name(d, ui), d.doc_id) for d in bot.documents]
        return (
            ui,
            header_html(ui),
            gr.update(label=i18n.text(ui, "question"), placeholder=i18n.text(ui, "placeholder")),
            gr.update(value=i18n.text(ui, "ask")),
            gr.update(value=i18n.text(ui, "new")),
            gr.update(label=i18n.text(ui, "filter"), choices=choices),
            conversation(turns or [], ui),
            panel_for(turns or [], opened, ui, focus=False),
        )

    def choose_language(turns, opened, event: gr.EventData):
        return relabel(getattr(event, "language", "en"), turns, opened)

    def on_load(turns, opened, request: gr.Request):
        accept = request.headers.get("accept-language", "") if request else ""
        return relabel(i18n.language_of(accept), turns, opened)

    def new_conversation(ui):
        return [], conversation([], ui), panel_hint(ui), None, ""

    with gr.Blocks(title="UN ICT resolutions assistant", analytics_enabled=False) as demo:
        turns = gr.State([])
        opened = gr.State(None)  # (turn, clause id) of the document in the panel
        language = gr.State("en")
        header = gr.HTML(header_html("en"), elem_id="header", js_on_load=HEADER_JS)
        with gr.Row(elem_id="main", equal_height=False):
            with gr.Column(scale=3, elem_id="chat-col"):
                chat = gr.HTML(
                    conversation([], "en"),
                    elem_id="chat",
                    js_on_load=CHAT_JS,
                    apply_default_css=False,
                )
                question = gr.Textbox(
                    label=i18n.text("en", "question"),
                    placeholder=i18n.text("en", "placeholder"),
                    elem_id="question",
                    lines=1,
                    max_lines=4,
                )
                with gr.Row():
                    send = gr.Button(i18n.text("en", "ask"), variant="primary", elem_id="ask")
                    new = gr.Button(i18n.text("en", "new"), elem_id="new")
                documents = gr.Dropdown(
                    choices=[(d.label, d.doc_id) for d in bot.documents],
                    multiselect=True,
                    label=i18n.text("en", "filter"),
                    elem_id="filter",
                )
            with gr.Column(scale=2, elem_id="panel-col", min_width=320):
                panel = gr.HTML(
                    panel_hint("en"),
                    elem_id="document-panel",
                    js_on_load=PANEL_JS,
                    apply_default_css=False,
                )
        labelled = [language, header, question, send, new, documents, chat, panel]
        demo.load(on_load, [turns, opened], labelled, api_visibility="private")
        header.click(
            choose_language, [turns, opened], labelled,
            api_visibility="private", show_progress="hidden",
        )  # fmt: skip
        asked = [question, turns, chat]
        asking = [question, turns, documents, language]
        for trigger in (question.submit, send.click):
            trigger(respond, asking, asked, api_visibility="private", show_progress="hidden")
        chat.submit(
            ask_example, [turns, documents, language], asked,
            api_visibility="private", show_progress="hidden",
        )  # fmt: skip
        chat.click(
            open_clause, [turns, language], [panel, opened],
            api_visibility="private", show_progress="hidden",
        )  # fmt: skip
        panel.click(lambda: None, None, opened, api_visibility="private")  # closed
        new.click(
            new_conversation, [language], [turns, chat, panel, opened, question],
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
