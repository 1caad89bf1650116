"""The README's "Scaling out" recipes (cron line, systemd unit, Redis node) are commands kabar accepts.

Each ``kabar crawl`` command line found in the section is parsed by kabar's own argument parser
and passed through ``kabar crawl``'s option checks (with ``--out`` moved into a temporary
directory).  That a re-run of such a command is incremental is checked by ``test_crawl_e2e.py``.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from kabar.crawler.cli import build_parser
from kabar.crawler.commands import crawl

README = Path(__file__).resolve().parent.parent / "README.md"


def scaling_section() -> str:
    text = README.read_text("utf-8")
    start = text.index("## Scaling out")
    end = text.find("\n## ", start + 1)
    return text[start : end if end > 0 else None]


def recipe_commands() -> list[list[str]]:
    """``kabar crawl …`` argument lists of every recipe line (cron, ExecStart, the node command)."""
    section = scaling_section().replace("\\\n", " ")
    commands = []
    for line in section.splitlines():
        m = re.search(r"(?:^|/|\s)kabar (crawl .*?)(?:\s*>>.*)?$", line)
        if m:
            words = shlex.split(m.group(1).replace("$(hostname)", "node-a"))
            commands.append(words)
    return commands


def test_the_section_has_a_cron_line_a_systemd_timer_and_a_redis_node_command() -> None:
    section = scaling_section()
    assert re.search(r"^\S+ \S+ \S+ \S+ \S+\s+\w+\s+.*kabar crawl", section, re.M), "cron line"
    assert "ExecStart=" in section and "OnCalendar=" in section
    assert any("--redis" in words for words in recipe_commands())
    assert len(recipe_commands()) >= 3


@pytest.mark.parametrize("words", recipe_commands(), ids=lambda w: " ".join(w)[:60])
def test_recipe_command_parses_and_passes_the_option_checks(words: list[str], tmp_path: Path) -> None:
    args = build_parser().parse_args(words)
    assert args.command == "crawl"
    args.out = tmp_path / "out"
    if args.jobdir is not None:
        args.jobdir = tmp_path / "jobs"
    sites = crawl.validate(args, ["wartakota", "idntimes", "koranjakarta", "beritajakarta", "satuarah"])
    assert sites == [w for w in words[1:] if not w.startswith("-")][: len(sites)]
    if "--redis" in words:
        from kabar.crawler.distributed import redis_settings

        settings = redis_settings(args.redis, "test")
        assert settings["SCHEDULER"] == "scrapy_redis.scheduler.Scheduler"
        assert settings["SCHEDULER_PERSIST"] is True
