"""Synthetic training sentences for the pattern kabar needs most: "<jabatan> <region> <name>".

Indonesian news names officials as title + region + person ("Wakil Wali Kota Jakarta Utara
Juaini", "Bupati Bogor Iwan Setiawan"). The two corpora hold only a handful of such phrases, and a
model trained on them alone reads the person's name as part of the place. These sentences recombine
the training split's own PER and LOC entities with generic official titles and predicates, so the
model sees the pattern with many names and places; they are added to the training data only,
never to dev or test, so the reported scores stay those of the real corpora.
"""

from __future__ import annotations

import random

from .corpus import Sentence

TITLES: tuple[str, ...] = (
    "Wali Kota",
    "Wakil Wali Kota",
    "Bupati",
    "Wakil Bupati",
    "Gubernur",
    "Wakil Gubernur",
    "Penjabat Gubernur",
    "Penjabat Bupati",
    "Penjabat Wali Kota",
    "Sekretaris Daerah",
    "Sekda",
    "Camat",
    "Lurah",
    "Kapolres",
    "Kepala Dinas Pendidikan",
    "Ketua DPRD",
)
PREDICATES: tuple[str, ...] = (
    "meminta seluruh pegawai menjaga netralitas",
    "membuka rapat koordinasi",
    "menyampaikan arahan kepada jajarannya",
    "memimpin apel pagi",
    "mengatakan hal itu kepada wartawan",
    "menandatangani pakta integritas",
    "meninjau lokasi banjir",
    "menghadiri acara tersebut",
    "mengingatkan warga agar tidak termakan hoaks",
    "melantik pejabat baru",
)
# (template, where the words go): T = title, L = place, P = person, V = predicate.
TEMPLATES: tuple[str, ...] = (
    "T L P V .",
    "T L , P , V .",
    "P selaku T L V .",
    "Hal itu disampaikan T L P saat acara di L .",
    "Menurut T L P , pihaknya V .",
)


def _entities(sentences: list[Sentence], label: str) -> list[list[str]]:
    """Every entity of ``label`` in ``sentences`` as its list of words."""
    found: list[list[str]] = []
    for sent in sentences:
        current: list[str] | None = None
        for word, tag in zip(sent.words, sent.tags, strict=True):
            if tag == f"B-{label}":
                current = [word]
                found.append(current)
            elif tag == f"I-{label}" and current is not None:
                current.append(word)
            else:
                current = None
    return found


def official_sentences(train: list[Sentence], n: int, seed: int = 0) -> list[Sentence]:
    """``n`` sentences naming an official as title + place + person, from the training entities."""
    people = _entities(train, "PER")
    places = _entities(train, "LOC")
    if n <= 0 or not people or not places:
        return []
    rng = random.Random(seed)
    out: list[Sentence] = []
    for _ in range(n):
        words: list[str] = []
        tags: list[str] = []
        for slot in rng.choice(TEMPLATES).split():
            if slot in ("L", "P"):
                entity = rng.choice(places if slot == "L" else people)
                label = "LOC" if slot == "L" else "PER"
                words += entity
                tags += [f"B-{label}"] + [f"I-{label}"] * (len(entity) - 1)
            else:
                filler = {"T": rng.choice(TITLES), "V": rng.choice(PREDICATES)}.get(slot, slot).split()
                words += filler
                tags += ["O"] * len(filler)
        out.append(Sentence(words, tags))
    return out
