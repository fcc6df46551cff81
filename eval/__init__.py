"""Evaluation: how far to trust the assistant, measured on documents it was not tuned on.

- `documents.json` + `corpus.py`: the eval corpus (the seeds, five English resolutions,
  the 92 IBE recommendations of ../shared) and which documents are sealed (test);
- `gold.json`, `gold_documents_dev.json`, `gold_documents_test.json` + `gold.py`: the
  gold sets (questions, the paragraphs that answer them, a split by document);
- `metrics.py`: hit@k, MRR@10, abstention precision / recall, bootstrap intervals;
- `systems.py`: ours and the fair baselines (dense, BM25, naive chunks, naive hybrid);
- `runner.py`: every system through every conversation, the baselines' thresholds
  calibrated on dev, slices, the cross-lingual check; `report.py`: markdown, JSON, PNG;
- `seal.py`: the checks that keep the test split sealed (tests/test_seal.py);
- `calibrate.py`: fusion and abstention settings from the dev split only;
- `core_questions.json`, `core_report.py`: the core issue's smoke questions and timings.

Run `python -m eval` (`make eval`), or `python -m eval --quick` for the dev slice
`make test` runs.
"""
