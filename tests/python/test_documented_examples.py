"""The example queries of docs/querying.md (linked from the README) give the outputs shown
there, on the default sample (`make run`): a change to the models, the generator or DuckDB's
printing that alters one makes this fail, so the page cannot drift."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, SampleWarehouse

# A ```sql block and the ``` block right after it (only blank lines between).
EXAMPLE = re.compile(r"```sql\n(.*?)```\n\s*```\n(.*?)```", re.DOTALL)


def documented_examples() -> list[tuple[str, str]]:
    text = (REPO / "docs" / "querying.md").read_text()
    section = text[text.index("## Example queries") :]
    return [(sql.strip().rstrip(";"), output) for sql, output in EXAMPLE.findall(section)]


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip().splitlines()]


def test_the_page_has_its_examples() -> None:
    assert len(documented_examples()) >= 5


@pytest.mark.parametrize("number", range(len(documented_examples())))
def test_example_gives_the_output_shown(sample_warehouse: SampleWarehouse, number: int) -> None:
    sql, shown = documented_examples()[number]
    with duckdb.connect(str(sample_warehouse.db), read_only=True) as con:
        printed = str(con.sql(sql))
    assert _lines(printed) == _lines(shown), f"docs/querying.md example {number + 1}:\n{printed}"


LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchor(heading: str) -> str:
    """GitHub's anchor of a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def broken_links(page: Path) -> list[str]:
    """Relative links of a Markdown page whose file, or whose #heading, does not exist."""
    problems = []
    for target in LINK.findall(page.read_text()):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists():
            problems.append(f"{page.name}: {target}")
        elif anchor and file.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", file.read_text(), flags=re.MULTILINE)
            if anchor not in {_anchor(heading) for heading in headings}:
                problems.append(f"{page.name}: {target}")
    return problems


def test_the_readme_and_docs_pages_link_to_what_exists() -> None:
    # overview.md is a dbt docs block: its links are relative to the docs site, not to the repo
    pages = [
        page
        for page in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
        if "{% docs" not in page.read_text()
    ]
    assert len(pages) >= 6
    assert [problem for page in pages for problem in broken_links(page)] == []


def test_a_broken_link_is_found(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    (tmp_path / "other.md").write_text("# Using the real data\n")
    page.write_text(
        "[a](other.md#using-the-real-data) [b](missing.md) [c](other.md#no-such-heading) "
        "[d](https://example.org/x)\n"
    )
    assert broken_links(page) == ["page.md: missing.md", "page.md: other.md#no-such-heading"]
