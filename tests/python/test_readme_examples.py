"""The README's example queries give the outputs the README shows, on the default sample
(`make run`): a change to the models, the generator or DuckDB's printing that alters one makes
this fail, so the README cannot drift."""

from __future__ import annotations

import re

import duckdb
import pytest

from conftest import REPO, SampleWarehouse

# A ```sql block and the ``` block right after it (only blank lines between).
EXAMPLE = re.compile(r"```sql\n(.*?)```\n\s*```\n(.*?)```", re.DOTALL)


def readme_examples() -> list[tuple[str, str]]:
    text = (REPO / "README.md").read_text()
    section = text[text.index("### Example queries") :]
    section = section[: section.index("\n## ")]
    return [(sql.strip().rstrip(";"), output) for sql, output in EXAMPLE.findall(section)]


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip().splitlines()]


def test_the_readme_has_its_examples() -> None:
    assert len(readme_examples()) >= 5


@pytest.mark.parametrize("number", range(len(readme_examples())))
def test_readme_example_gives_the_output_shown(
    sample_warehouse: SampleWarehouse, number: int
) -> None:
    sql, shown = readme_examples()[number]
    with duckdb.connect(str(sample_warehouse.db), read_only=True) as con:
        printed = str(con.sql(sql))
    assert _lines(printed) == _lines(shown), f"README example {number + 1}:\n{printed}"
