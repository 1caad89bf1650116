"""``pip install .`` into a fresh virtual environment outside the repository, then ``kabar crawl
--bundled`` from a folder that is not the repository: the bundled sites, the vocabularies and the
NER model must come with the installed package (package data), not from the source tree; and
the installed files are all under ``kabar/`` (no generic top-level names in site-packages).

No network: the fresh environment gets kabar's dependencies by a ``.pth`` line naming a folder of
links to this interpreter's site-packages entries, kabar's own (a development install) left out so
pip neither sees nor touches it; kabar itself is built without build isolation from a copy of the
sources.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import ROOT

from kabar.pipelines.dataset import connect

SOURCES = ("crawler", "extract", "pipelines", "schemas", "pyproject.toml", "README.md")


def run(cmd: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "KABAR_SITES_PATH")}
    return subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


def test_pip_install_then_kabar_crawl_bundled_outside_the_repository(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    junk = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in SOURCES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy2)(
            ROOT / name, src / name, **({"ignore": junk} if (ROOT / name).is_dir() else {})
        )
    venv = tmp_path / "venv"
    # Without pip: pip and setuptools come from this interpreter's packages (linked below), not the
    # venv's bundled, older setuptools (which lacks bdist_wheel now that wheel no longer supplies it).
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    purelib = run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp_path)
    deps = tmp_path / "dependencies"
    deps.mkdir()
    # This interpreter's package folders (sys.path without the standard library and the
    # repository), the first of each name winning as on sys.path.
    stdlib, own = Path(sysconfig.get_paths()["stdlib"]), sysconfig.get_paths()["purelib"]
    folders = [Path(p) for p in dict.fromkeys([own, *sys.path]) if p and Path(p).is_dir()]
    prefix = Path(sys.prefix)  # a venv may live inside the repository (make's .venv): keep it

    def wanted(f: Path) -> bool:
        in_repo = ROOT in (f, *f.parents) and prefix not in (f, *f.parents)
        return stdlib not in (f, *f.parents) and not in_repo

    for folder in filter(wanted, folders):
        for entry in folder.iterdir():
            name = entry.name
            if "kabar" in name.lower() or name.endswith(".pth") or (deps / name).exists():
                continue
            (deps / name).symlink_to(entry)
    (Path(purelib.stdout.strip()) / "kabar_test_dependencies.pth").write_text(f"{deps}\n", "utf-8")
    installed = run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            str(src),
        ],
        tmp_path,
    )
    assert installed.returncode == 0, installed.stderr[-3000:]
    # What the wheel installed (its RECORD): the kabar namespace and the dist-info, no generic
    # top-level names (extract, pipelines, schemas, crawler) in site-packages; the script aside.
    (record,) = Path(purelib.stdout.strip()).glob("kabar-*.dist-info/RECORD")
    files = [line.split(",")[0] for line in record.read_text("utf-8").splitlines() if line]
    tops = {f.split("/")[0] for f in files if not f.startswith("..")}
    assert tops == {"kabar", record.parent.name}, tops
    assert {f.split("/")[1] for f in files if f.startswith("kabar/")} == set(SOURCES[:4])

    work = tmp_path / "elsewhere"  # neither the repository nor the copy of the sources
    work.mkdir()
    out = work / "dataset"
    crawl = run([str(venv / "bin" / "kabar"), "crawl", "--bundled", "koranjakarta", "--out", str(out)], work)
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    assert "koranjakarta" in crawl.stdout
    # Every module the crawl used came from the installed package.
    where = run([str(python), "-c", "import kabar.crawler.localserver as m; print(m.SITES_ROOT)"], work)
    assert where.stdout.strip().startswith(str(venv)), where.stdout + where.stderr
    con = connect(out)
    try:
        (count,) = con.execute("SELECT count(*) FROM articles WHERE site = 'koranjakarta'").fetchone()
    finally:
        con.close()
    assert count >= 10
