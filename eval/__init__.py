"""Evaluation. `core_questions.json` holds the hand-written questions (English and
French, follow-ups, unanswerable ones) with their gold clause ids; the test suite
asks every one of them through the real pipeline (tests/test_assistant.py)."""
