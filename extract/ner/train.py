"""Train kabar's Indonesian NER model from the CoNLL corpora and evaluate it on each test set.

The steps: convert the corpora to DocBin (:mod:`extract.ner.corpus`), train with spaCy's own
training loop (``spacy.cli.train.train``) on ``config.cfg`` in a scratch directory, keep the best
checkpoint on the combined dev set, score it on each corpus's test set separately, and save it
(weights, tokenizer, vocab, config; no optimizer state) with ``scores.json`` to the output folder.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from .augment import official_sentences
from .corpus import CORPORA, LABELS, find_corpora, write_docbins

CONFIG_PATH = Path(__file__).with_name("config.cfg")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "models" / "ner-id"
MODEL_NAME = "kabar_ner_id"
# Synthetic "<jabatan> <region> <name>" sentences added to the training split (extract/ner/augment.py).
SYNTHETIC_SENTENCES = 600
MODEL_LICENSE = "Derived from NERGrit (Apache-2.0 via IndoNLU) and idner-news-2k (MIT)"
MODEL_SOURCES = [
    {
        "name": "NERGrit (IndoNLU nergrit_ner-grit)",
        "url": "https://github.com/IndoNLP/indonlu",
        "license": "Apache-2.0 (IndoNLU repository); upstream NERGrit corpus by PT Gria Inovasi Teknologi",
    },
    {
        "name": "idner-news-2k (Khairunnisa, Imankulova & Komachi 2020)",
        "url": "https://github.com/khairunnisaor/idner-news-2k",
        "license": "MIT",
    },
]


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def evaluate(nlp, docbin_path: Path) -> dict:
    """Precision/recall/F1 overall and per label on one gold DocBin, and the speed on its raw text.

    Speed is measured on the plain sentence texts through the whole pipeline (tokenizer
    included), the way kabar runs the model on article text: per wall-clock second and per
    CPU second of this process (the model runs on one thread), the latter being the figure that
    holds on a busy shared machine.
    """
    from spacy.tokens import DocBin
    from spacy.training import Example

    gold = list(DocBin().from_disk(docbin_path).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(doc.text), doc) for doc in gold]
    scores = nlp.evaluate(examples)
    texts = [doc.text for doc in gold]
    start, cpu_start = time.perf_counter(), time.process_time()
    n_words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=256))
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    per_type = scores.get("ents_per_type") or {}
    return {
        "precision": _round(scores["ents_p"]),
        "recall": _round(scores["ents_r"]),
        "f1": _round(scores["ents_f"]),
        "per_label": {
            label: {k: _round(v) for k, v in per_type.get(label, {"p": 0.0, "r": 0.0, "f": 0.0}).items()}
            for label in LABELS
        },
        "sentences": len(gold),
        "words": n_words,
        "words_per_second": round(n_words / seconds) if seconds > 0 else None,
        "words_per_cpu_second": round(n_words / cpu_seconds) if cpu_seconds > 0 else None,
    }


def _replace_model_dir(src_nlp, out_dir: Path) -> None:
    """Write the pipeline to ``out_dir``, replacing an earlier model there but nothing else."""
    out_dir = Path(out_dir)
    if out_dir.exists():
        if any(out_dir.iterdir()) and not (out_dir / "meta.json").is_file():
            raise FileExistsError(
                f"{out_dir} exists and is not a spaCy model folder; refusing to overwrite it"
            )
        shutil.rmtree(out_dir)
    src_nlp.to_disk(out_dir)


def train_model(
    data_dir: Path,
    out_dir: Path = DEFAULT_OUT,
    *,
    max_steps: int | None = None,
    work_dir: Path | None = None,
    log: Callable[[str], None] = print,
) -> dict:
    """Train, evaluate and save the model; return the scores written to ``out_dir/scores.json``.

    Raises :class:`extract.ner.corpus.CorpusError` for a missing or malformed data directory
    (checked before any training starts).
    """
    from spacy.cli.train import train as spacy_train

    data_dir = Path(data_dir)
    find_corpora(data_dir)  # fail fast, before creating anything
    scratch = tempfile.TemporaryDirectory(prefix="kabar-ner-") if work_dir is None else None
    work = Path(scratch.name) if scratch else Path(work_dir or ".")
    try:
        counts = write_docbins(
            data_dir, work / "corpus", synthesise=lambda train: official_sentences(train, SYNTHETIC_SENTENCES)
        )
        for name, splits in counts.items():
            log(
                f"{name}: "
                + ", ".join(
                    f"{split} {c['sentences']} sentences / {c['tokens']} tokens / {c['entities']} entities"
                    for split, c in splits.items()
                )
            )
        overrides: dict[str, object] = {
            "paths.train": str(work / "corpus" / "train.spacy"),
            "paths.dev": str(work / "corpus" / "dev.spacy"),
        }
        if max_steps is not None:
            overrides["training.max_steps"] = max_steps
            # Evaluate at least once so a short run still has a best checkpoint.
            overrides["training.eval_frequency"] = max(1, min(250, max_steps))
        start, cpu_start = time.perf_counter(), time.process_time()
        spacy_train(CONFIG_PATH, work / "training", use_gpu=-1, overrides=overrides)
        train_seconds = time.perf_counter() - start
        train_cpu_seconds = time.process_time() - cpu_start

        best = work / "training" / "model-best"
        return score_and_save(
            best if best.is_dir() else work / "training" / "model-last",
            work / "corpus",
            Path(out_dir),
            counts=counts,
            train_seconds=train_seconds,
            train_cpu_seconds=train_cpu_seconds,
            log=log,
        )
    finally:
        if scratch is not None:
            scratch.cleanup()


def score_and_save(
    trained_dir: Path,
    corpus_dir: Path,
    out_dir: Path,
    *,
    counts: dict,
    train_seconds: float,
    train_cpu_seconds: float | None = None,
    log: Callable[[str], None] = print,
) -> dict:
    """Score a trained pipeline on each ``test-<corpus>.spacy`` and save it with ``scores.json``."""
    import spacy
    from thinc.api import Config

    nlp = spacy.load(trained_dir)
    nlp.meta.update(
        {
            "name": MODEL_NAME,
            "version": "1.0.0",
            "description": "kabar Indonesian NER (PER, ORG, LOC): CNN tok2vec + transition-based NER",
            "license": MODEL_LICENSE,
            "sources": MODEL_SOURCES,
            "author": "kabar",
        }
    )
    test_scores = {}
    for corpus in CORPORA:
        path = Path(corpus_dir) / f"test-{corpus.name}.spacy"
        if path.is_file():
            test_scores[corpus.name] = s = evaluate(nlp, path)
            log(
                f"test {corpus.name}: P {s['precision']:.3f} R {s['recall']:.3f} F1 {s['f1']:.3f} "
                f"({s['words_per_second']} words/s, {s['words_per_cpu_second']} per CPU second)"
            )
    report = {
        "model": MODEL_NAME,
        "spacy_version": spacy.__version__,
        "labels": list(nlp.get_pipe("ner").labels),  # type: ignore[attr-defined]  # an EntityRecognizer
        "training": {
            "max_steps": nlp.config["training"]["max_steps"],
            "seconds": round(train_seconds, 1),
            "cpu_seconds": None if train_cpu_seconds is None else round(train_cpu_seconds, 1),
            "corpora": counts,
        },
        "test": test_scores,
    }
    nlp.meta["performance"] = {name: {"ents_f": s["f1"]} for name, s in test_scores.items()}
    _replace_model_dir(nlp, out_dir)
    # The saved config names the scratch DocBins; they are gone, so say so instead of leaving stale paths.
    config = Config().from_disk(out_dir / "config.cfg", interpolate=False)
    config["paths"]["train"] = config["paths"]["dev"] = None
    config.to_disk(out_dir / "config.cfg")
    (out_dir / "scores.json").write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    return report
