"""Every public mart has an enforced contract on DuckDB: each column is declared with its type,
and the build fails when the SQL gives another type. Small tables' keys are primary keys in
DuckDB; the two big tables' keys are constrained not null."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SampleWarehouse
from scripts import upstream_check

DBT = Path(sys.executable).with_name("dbt")


def _marts(sample_warehouse: SampleWarehouse) -> list[dict]:
    manifest = json.loads((sample_warehouse.target / "manifest.json").read_text())
    return [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["config"].get("access") == "public"
    ]


def test_every_public_mart_has_an_enforced_contract(sample_warehouse: SampleWarehouse) -> None:
    marts = _marts(sample_warehouse)
    assert len(marts) > 30
    assert [node["name"] for node in marts if not node["config"]["contract"]["enforced"]] == []
    untyped = [
        f"{node['name']}.{column['name']}"
        for node in marts
        for column in node["columns"].values()
        if not column.get("data_type")
    ]
    assert untyped == []


def test_the_keys_are_constrained_in_the_warehouse(sample_warehouse: SampleWarehouse) -> None:
    import duckdb

    with duckdb.connect(str(sample_warehouse.db), read_only=True) as con:
        keys = dict(
            con.execute(
                "select table_name, constraint_text from duckdb_constraints() "
                "where schema_name = 'marts' and constraint_type = 'PRIMARY KEY'"
            ).fetchall()
        )
        not_null = {
            (table, column)
            for table, column in con.execute(
                "select table_name, unnest(constraint_column_names) from duckdb_constraints() "
                "where schema_name = 'marts' and constraint_type = 'NOT NULL'"
            ).fetchall()
        }
    assert keys["dim_products"] == "PRIMARY KEY(product_id)"
    assert keys["fct_sales_orders"] == "PRIMARY KEY(sales_order_id)"
    assert len(keys) >= 14
    assert {("dim_titles", "title_id"), ("fct_episodes", "episode_title_id")} <= not_null


def test_a_column_of_another_type_fails_the_build(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    upstream_check.copy_project(project)
    shutil.copytree(REPO / "dbt_packages", project / "dbt_packages")
    models = project / "models" / "marts" / "imdb" / "_imdb__models.yml"
    text = models.read_text()
    declared = re.compile(r"(- name: title_type_name\n\s+data_type: )varchar")
    assert declared.search(text), "dim_title_types.title_type_name is not declared as varchar"
    models.write_text(declared.sub(r"\1integer", text, count=1))
    db = tmp_path / "warehouse.duckdb"
    shutil.copyfile(sample_warehouse.db, db)
    env = {
        **sample_warehouse.env,
        "DBT_TARGET": "prod",
        "DUCKDB_PATH": str(db),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
        "DBT_PROFILES_DIR": str(project),
    }
    result = subprocess.run(
        [str(DBT), "run", "--select", "dim_title_types", "--project-dir", str(project)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 1, result.stdout[-3000:]
    assert "contract" in result.stdout.lower()
    assert "title_type_name" in result.stdout
