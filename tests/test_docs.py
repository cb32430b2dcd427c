"""The README states what the code does: its exit-code table is errors.EXIT_MEANINGS."""

from __future__ import annotations

import re

from claimtrace.errors import EXIT_MEANINGS, exit_codes_text
from tests.factories import ROOT

TABLE_ROW = re.compile(r"^\| (\d+) \| (.+) \|$", re.MULTILINE)


def test_the_readme_exit_code_table_is_the_one_render_help_prints() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = {int(code): meaning.replace("`", "") for code, meaning in TABLE_ROW.findall(readme)}
    assert table == {int(code): meaning for code, meaning in EXIT_MEANINGS.items()}
    assert all(meaning in exit_codes_text() for meaning in table.values())
