"""Load test: many users on one chat page, some of them sending the largest histories the
assistant accepts. Do the ordinary users still get their answers in time?

Starts a real `assistant serve` on loopback (a free port), then runs two rounds through
the page's `/ask` API (gradio_client), each bounded in requests and in time:

1. `--clients` (16) ordinary clients, each asking `--questions` questions of a short
   conversation;
2. the same, with `--heavy` (2) of them sending maximum-size histories instead (the
   Settings limits: `max_history_turns` turns, user turns of `max_history_question_chars`,
   assistant turns filling `max_history_chars`; a different history each request, so
   no cache can help).

Prints p50 / p95 latency of the ordinary clients in both rounds and their ratio (target:
within 1.5x), and the heavy clients' own latencies. Loopback only: the server listens on
127.0.0.1 and the clients call nothing else.

    python -m eval.load [--clients 16] [--heavy 2] [--questions 10] [--think 0.5]
"""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

import click

HOST = "127.0.0.1"
QUESTIONS = [  # the page's own examples and their kind; none is an eval question
    ("What does 75/32 decide about the OEWG?", "and the GGE?"),
    ("Who are the sponsors of the draft resolution?", "and of 75/32?"),
    ("What does the draft say about human rights?", "and 75/32?"),
    ("Que dit la résolution 75/32 sur les mesures de confiance ?", "Et le projet ?"),
    ("Que dit le paragraphe 3 du projet ?", "Et le paragraphe 4 ?"),
]
FILLER = (
    "The working group on information and communication technologies and the group of "
    "governmental experts discuss confidence-building measures, capacity-building, "
    "international law and the Charter of the United Nations; les États Membres, le "
    "Secrétaire général et le Groupe de travail à composition non limitée examinent les "
    "normes de comportement responsable des États dans le cyberespace. "
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise click.ClickException(f"`assistant serve` exited ({server.returncode}).")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise click.ClickException(f"The page did not answer within {limit_s:.0f} s.")


def _largest_history(settings, rng: random.Random) -> list[dict]:
    """As many turns as are kept, each as long as is kept, all different."""
    turns = settings.max_history_turns
    users = turns // 2
    left = settings.max_history_chars - users * settings.max_history_question_chars
    assistant_chars = max(left // max(turns - users, 1), 0)
    history = []
    words = FILLER.split()
    for i in range(turns):
        user = i % 2 == 0
        size = settings.max_history_question_chars if user else assistant_chars
        size = min(size, settings.max_turn_chars)
        rng.shuffle(words)
        text = " ".join(words)
        content = (text * (size // len(text) + 1))[:size]
        history.append({"role": "user" if user else "assistant", "content": content})
    return history


def _client(url, number, heavy, questions, think, settings, stop_at, out, errors):
    from gradio_client import Client

    rng = random.Random(number)
    client = Client(url, verbose=False)
    history: list[dict] = []
    for n in range(questions):
        if time.monotonic() > stop_at:
            return
        first, follow = QUESTIONS[(number + n // 2) % len(QUESTIONS)]
        question = first if n % 2 == 0 else follow
        if n % 2 == 0:
            history = []
        sent = _largest_history(settings, rng) if heavy else history
        start = time.perf_counter()
        try:
            answer = client.predict(question, sent, [], api_name="/ask")
        except Exception as exc:  # counted and reported, the run goes on
            errors.append(f"{type(exc).__name__}: {exc}")
            continue
        out.append((heavy, time.perf_counter() - start))
        history += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": answer.get("text", "")},
        ]
        time.sleep(think * rng.uniform(0.5, 1.5))


def _round(url, clients, heavy, questions, think, settings, limit_s):
    out: list[tuple[bool, float]] = []
    errors: list[str] = []
    stop_at = time.monotonic() + limit_s
    threads = [
        threading.Thread(
            target=_client,
            args=(url, i, i < heavy, questions, think, settings, stop_at, out, errors),
            daemon=True,
        )
        for i in range(clients)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(max(stop_at - time.monotonic(), 0) + 60)
    return out, errors


def _p(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


@click.command()
@click.option("--clients", default=16, show_default=True, help="Concurrent clients.")
@click.option("--heavy", default=2, show_default=True, help="Of them, sending maximum histories.")
@click.option("--questions", default=10, show_default=True, help="Questions per client.")
@click.option("--think", default=0.5, show_default=True, help="Mean pause between questions (s).")
@click.option("--limit", "limit_s", default=300.0, show_default=True, help="Time per round (s).")
@click.option("--port", default=None, type=int, help="Port (default: a free one).")
def main(clients, heavy, questions, think, limit_s, port) -> None:
    """Ordinary clients' p50 / p95 with and without clients sending maximum histories."""
    from assistant.settings import Settings

    settings = Settings.from_env()
    port = port or _free_port()
    url = f"http://{HOST}:{port}/"
    server = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "serve", "--host", HOST, "--port", str(port)],
        env={**os.environ, "GRADIO_ANALYTICS_ENABLED": "False"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _wait_until_up(url, server, 180)
        _round(url, 2, 0, 2, 0, settings, 60)  # warm-up
        rows = []
        for name, n_heavy in (("without heavy clients", 0), (f"with {heavy} heavy clients", heavy)):
            out, errors = _round(url, clients, n_heavy, questions, think, settings, limit_s)
            normal = [s for h, s in out if not h]
            heavy_s = [s for h, s in out if h]
            rows.append((name, normal, heavy_s, errors))
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    base50, base95 = _p(rows[0][1], 50), _p(rows[0][1], 95)
    click.echo(
        f"{clients} clients x {questions} questions, think {think} s, on {HOST}; "
        f"history limits: {settings.max_history_turns} turns, {settings.max_history_chars} "
        f"chars ({os.cpu_count()} CPUs)\n"
    )
    click.echo(
        "| round | ordinary requests | p50 | p95 | p50 / p95 vs without | heavy p50 | errors |"
    )
    click.echo("|---|---|---|---|---|---|---|")
    for name, normal, heavy_s, errors in rows:
        p50, p95 = _p(normal, 50), _p(normal, 95)
        heavy_p50 = f"{_p(heavy_s, 50) * 1000:.0f} ms" if heavy_s else "–"
        click.echo(
            f"| {name} | {len(normal)} | {p50 * 1000:.0f} ms | {p95 * 1000:.0f} ms | "
            f"{p50 / base50:.2f}x / {p95 / base95:.2f}x | {heavy_p50} | {len(errors)} |"
        )
    for _, _, _, errors in rows:
        for error in errors[:3]:
            click.echo(f"error: {error}", err=True)


if __name__ == "__main__":
    main()
