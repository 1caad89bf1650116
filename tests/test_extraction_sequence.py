"""The extraction sequence is documented once (the step table of ``extract/page.py``'s docstring);
the code marks each step where it happens, in the same order, and the README lists the same steps."""

from __future__ import annotations

import inspect
import re

from conftest import ROOT

from kabar.extract import page


def _steps() -> list[tuple[int, str]]:
    """(number, name) of each row of the docstring's step table."""
    doc = page.__doc__ or ""
    return [(int(n), name) for n, name in re.findall(r"^(\d)\s+(\w+)\s{2,}", doc, re.MULTILINE)]


def test_the_step_table_names_eight_steps_in_order() -> None:
    steps = _steps()
    assert [n for n, _ in steps] == list(range(1, 9))
    assert [name for _, name in steps][:3] == ["decode", "parse", "context"]


def test_the_code_marks_every_step_in_the_documented_order() -> None:
    single = inspect.getsource(page._extract_single)
    whole = inspect.getsource(page.extract_page)
    positions = []
    for n, name in _steps():
        if n <= 6:  # one page: _extract_single, "# 1 decode" ... "# 4 body, 5 metadata"
            found = re.search(rf"#[^\n]*\b{n} {name}\b", single)
            assert found, f"step {n} ({name}) is not marked in _extract_single"
            positions.append(found.start())
        else:  # continuation pages and facts: extract_page, "# step 7"
            assert f"# step {n}" in whole, f"step {n} ({name}) is not marked in extract_page"
    assert positions == sorted(positions)
    assert "# steps 1-6" in whole and whole.index("# steps 1-6") < whole.index("# step 7") < whole.index(
        "# step 8"
    )


def test_the_readme_lists_the_same_sequence() -> None:
    readme = " ".join((ROOT / "README.md").read_text("utf-8").split())
    assert " → ".join(name for _, name in _steps()) in readme
