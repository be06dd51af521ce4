"""Documentation stays complete: every Beatbook command is in the README, every setting in .env.example."""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management import get_commands

REPO = Path(__file__).resolve().parent.parent


def test_every_beatbook_command_is_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text()
    ours = [name for name, app in get_commands().items() if app.startswith("beatbook")]
    assert ours, "no Beatbook commands found"
    missing = [name for name in ours if f"beatbook {name}" not in readme]
    assert not missing, f"commands missing from README.md: {missing}"


def test_every_environment_setting_is_in_env_example() -> None:
    settings_source = (REPO / "beatbook" / "settings.py").read_text()
    used = set(re.findall(r'env_(?:str|bool|int|list|secret)\("([A-Z_]+)"', settings_source))
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (REPO / ".env.example").read_text(), re.MULTILINE))
    assert used - documented == set(), f"settings missing from .env.example: {sorted(used - documented)}"
