"""The descriptions are inside the published DuckDB file: every table, view and column of the
marts has its YAML description as its comment (dbt's persist_docs), so analysts see them in any
client, not only on the docs site."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb

from conftest import SampleWarehouse


def _marts_docs(sample_warehouse: SampleWarehouse) -> dict[str, dict]:
    manifest = json.loads((sample_warehouse.target / "manifest.json").read_text())
    return {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    }


def comment_problems(db: Path, docs: dict[str, dict]) -> tuple[set[str], list[str], int]:
    """The marts relations in `db`, those and the columns whose comment is missing or is not
    their description, and the number of columns looked at."""
    with duckdb.connect(str(db), read_only=True) as con:
        relations = con.execute(
            "select table_name, comment from duckdb_tables() where schema_name = 'marts' "
            "union all "
            "select view_name, comment from duckdb_views() where schema_name = 'marts'"
        ).fetchall()
        columns = con.execute(
            "select table_name, column_name, comment from duckdb_columns() "
            "where schema_name = 'marts' order by table_name, column_index"
        ).fetchall()
    wrong = [
        name
        for name, comment in relations
        if not comment or comment != docs.get(name, {}).get("description")
    ]
    wrong += [
        f"{table}.{column}"
        for table, column, comment in columns
        if not comment
        or comment != docs.get(table, {}).get("columns", {}).get(column, {}).get("description")
    ]
    return {name for name, _ in relations}, wrong, len(columns)


def test_every_marts_relation_and_column_has_its_description(
    sample_warehouse: SampleWarehouse,
) -> None:
    docs = _marts_docs(sample_warehouse)
    relations, wrong, checked = comment_problems(sample_warehouse.db, docs)
    assert relations == set(docs)
    assert wrong == []
    # every marts column was looked at, and each is documented in the YAML
    assert checked == sum(len(node["columns"]) for node in docs.values())


def test_a_missing_or_stale_comment_is_found(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    copy = tmp_path / "warehouse.duckdb"
    shutil.copyfile(sample_warehouse.db, copy)
    with duckdb.connect(str(copy)) as con:
        con.execute("comment on column marts.dim_titles.title_id is null")
        con.execute("comment on view marts.vw_general is 'an old description'")
    _, wrong, _ = comment_problems(copy, _marts_docs(sample_warehouse))
    assert sorted(wrong) == ["dim_titles.title_id", "vw_general"]
