"""``kabar train-ner``: train the Indonesian NER model from the CoNLL corpora."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

NAME = "train-ner"
HELP = "train the Indonesian NER model (PER, ORG, LOC) from the NERGrit and idner-news-2k corpora"
DESCRIPTION = """\
Train kabar's statistical Indonesian NER model (spaCy, CPU, CNN tok2vec) and score it.

--data is a folder holding the corpora in their own sub-folders, as in ../shared/ner:
  nergrit_ner-grit/{train,valid,test}_preprocess.txt   (token<TAB>tag; PERSON, PLACE, ORGANISATION)
  idner-news-2k/{train,dev,test}.txt                    (token UPOS tag; PER, ORG, LOC)
At least one must be present. Labels are mapped to PER, ORG, LOC. The best checkpoint on the
combined dev sets is saved to --out (replacing the model there) with scores.json: precision,
recall and F1 per label and overall, and words/s, on each corpus's test set separately.
Training uses one CPU thread: about 13 CPU minutes with the default 4000 steps (20-30 minutes
wall-clock on a busy 2-core machine). 600 synthetic "<jabatan> <region> <name>" sentences built
from the training entities are added to the training split (extract/ner/augment.py).

examples:
  kabar train-ner --data ../shared/ner
  kabar train-ner --data ../shared/ner --out /tmp/ner-try --max-steps 2000
"""

# Keep numeric libraries to one thread: the machine is shared, and spaCy's CNN gains little from more.
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data", required=True, type=Path, help="folder with the corpora (e.g. ../shared/ner)"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="where to save the model (default: extract/models/ner-id, the model kabar uses)",
    )
    parser.add_argument(
        "--max-steps",
        type=int,
        default=None,
        help="training steps (default: the value in extract/ner/config.cfg)",
    )


def run(args: argparse.Namespace) -> int:
    for var in _THREAD_VARS:
        os.environ.setdefault(var, "1")
    if args.max_steps is not None and args.max_steps < 1:
        print("kabar train-ner: --max-steps must be at least 1", file=sys.stderr)
        return 2

    from kabar.extract.ner.corpus import CorpusError
    from kabar.extract.ner.train import DEFAULT_OUT, train_model

    out = args.out or DEFAULT_OUT
    try:
        report = train_model(args.data, out, max_steps=args.max_steps)
    except (CorpusError, FileExistsError) as exc:
        print(f"kabar train-ner: {exc}", file=sys.stderr)
        return 2
    print(
        f"model saved to {out} (training {report['training']['seconds']} s); scores in {out / 'scores.json'}"
    )
    return 0
