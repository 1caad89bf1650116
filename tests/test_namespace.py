"""kabar installs its folders under one namespace (kabar.crawler, kabar.extract, ...)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = ("crawler", "extract", "pipelines", "schemas")


def test_every_package_folder_is_installed_under_kabar() -> None:
    """A new sub-package (a folder with __init__.py) must be listed, or the install would miss it."""
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert config["package-dir"] == {f"kabar.{f}": f for f in FOLDERS}
    folders = {
        "kabar." + ".".join(init.parent.relative_to(ROOT).parts)
        for f in FOLDERS
        for init in (ROOT / f).rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    assert set(config["packages"]) == folders
    assert all(name.startswith("kabar.") for name in config["packages"])


def test_the_modules_run_under_their_namespaced_names() -> None:
    import kabar.crawler.localserver
    import kabar.extract.sites

    assert kabar.extract.sites.site_key("https://satuarah.co/x/") == "satuarah"
    assert kabar.crawler.localserver.SITES_ROOT.is_dir()
