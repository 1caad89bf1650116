"""Score another checkout's extractor with this checkout's harness (``--tree DIR``).

kabar installs its folders under one namespace (``kabar.extract`` is the repository's
``extract/``), so putting a checkout on ``PYTHONPATH`` no longer selects its code.  :func:`use_tree`
makes ``kabar.extract`` (and ``kabar.crawler`` …) resolve to ``DIR``'s folders for this process:
a temporary folder of ``kabar/<folder>`` links goes first on ``sys.path``, ahead of the installed
package.  ``DIR`` itself goes there too, so a tree from before the namespace (whose modules import
``extract.…``) still runs.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

FOLDERS = ("crawler", "extract", "pipelines", "schemas")


def use_tree(tree: Path) -> None:
    """Make ``kabar.<folder>`` import from ``tree``; call before anything of kabar is imported."""
    tree = tree.resolve()
    if not (tree / "extract").is_dir():
        raise SystemExit(f"error: {tree} is not a kabar checkout (no extract/ folder)")
    if any(name == "kabar" or name.startswith("kabar.") for name in sys.modules):
        raise SystemExit("error: kabar is already imported; --tree must be applied first")
    links = Path(tempfile.mkdtemp(prefix="kabar-tree-")) / "kabar"
    links.mkdir()
    for folder in FOLDERS:
        if (tree / folder).is_dir():
            (links / folder).symlink_to(tree / folder, target_is_directory=True)
    sys.path[:0] = [str(links.parent), str(tree)]
