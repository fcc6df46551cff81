"""Evaluation: how far to trust the assistant, measured.

- `gold.json` + `gold.py`: the gold set (questions, gold clause ids, English answers,
  a fixed dev / test split);
- `metrics.py`: hit@k, MRR@10, nDCG@10, abstention precision / recall;
- `systems.py`: ours and the baselines (dense only, BM25 only, the naive chunk pipeline);
- `runner.py`: every system through every conversation, with distractors and the
  cross-lingual check; `report.py`: markdown, JSON and PNG under `reports/`;
- `calibrate.py`: fusion and abstention settings from the dev split only;
- `core_questions.json`, `core_report.py`: the core issue's smoke questions and timings.

Run `python -m eval [--distractors DIR]` or `assistant eval`.
"""
