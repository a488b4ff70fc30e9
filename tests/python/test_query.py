"""scripts/query.py: SQL, the list of marts and one relation's columns, read-only, with DuckDB's
whole message on an error."""

from __future__ import annotations

import json

import pytest

from conftest import SampleWarehouse
from scripts import query


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = query.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_every_mart_with_its_description(
    sample_warehouse: SampleWarehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "\\d", "--db", str(sample_warehouse.db))
    assert code == 0
    manifest = json.loads((sample_warehouse.target / "manifest.json").read_text())
    marts = {
        n["name"]: n["description"]
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["schema"] == "marts"
    }
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert set(lines) == {f"marts.{name}" for name in marts}
    for name, description in marts.items():
        assert " ".join(description.split()) in lines[f"marts.{name}"]


def test_describe_shows_columns_types_and_descriptions(
    sample_warehouse: SampleWarehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "\\d marts.dim_genres", "--db", str(sample_warehouse.db))
    assert code == 0
    rows = out.splitlines()
    assert rows[0].startswith("marts.dim_genres: One row per genre")
    columns = {line.split()[0]: line.split(None, 2) for line in rows[2:]}
    assert set(columns) == {"genre_name", "is_unknown_member"}
    assert columns["is_unknown_member"][1] == "BOOLEAN"
    assert "unknown-member row" in columns["is_unknown_member"][2]
    code, _, err = _run(capsys, "\\d marts.no_such", "--db", str(sample_warehouse.db))
    assert code == 1 and "no table or view marts.no_such" in err


def test_errors_keep_duckdbs_suggestions(
    sample_warehouse: SampleWarehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(sample_warehouse.db)
    code, _, err = _run(capsys, "select * from marts.vw_generl", "--db", db)
    assert code == 1 and 'Did you mean "vw_general"?' in err
    code, _, err = _run(capsys, "select titel from marts.dim_titles", "--db", db)
    assert code == 1 and "Candidate bindings" in err and "title_id" in err


def test_a_query_prints_its_rows(
    sample_warehouse: SampleWarehouse, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(
        capsys, "select count(*) as n from marts.dim_genres", "--db", str(sample_warehouse.db)
    )
    assert code == 0 and "n" in out and "int64" in out


def test_the_commands_printed_after_a_build_work(sample_warehouse: SampleWarehouse) -> None:
    """The hint `make run` ends with: the DuckDB CLI that `make install` puts in .venv (the 1.5
    line: the warehouse is created readable by it) and scripts.query, run as printed."""
    import subprocess

    from conftest import REPO
    from scripts.build import query_hint

    commands = query_hint(sample_warehouse.db)
    assert commands[0].startswith(".venv/bin/duckdb -readonly ")
    for command in commands:
        result = subprocess.run(
            command, shell=True, cwd=REPO, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, (command, result.stderr)
        assert result.stdout.strip(), command
    version = subprocess.run(
        [str(REPO / ".venv/bin/duckdb"), "-version"], capture_output=True, text=True
    )
    assert version.stdout.startswith("v1.5"), version.stdout
