"""The record of each published build, kept inside the warehouse in the `meta` schema.

    meta.builds         one row per published build: when, who, the project's checksum, dbt's
                        result counts, and whether a large row drop was accepted;
    meta.build_inputs   one row per raw file of each build: path, size, modification time,
                        sha256, lines, blank lines, data rows, and the rows at the build before;
    meta.build_outputs  one row per table and view in `marts` of each build, with the row count
                        of every table (views are not evaluated: NULL).

The build writes the record into the candidate after every test passed and before it is
published, so the published file always holds the record of its own build and of every build
before it (the candidate starts from a copy of the published file).
"""

from __future__ import annotations

import getpass
import json
import socket
from datetime import UTC, datetime
from pathlib import Path

RECORD_SCHEMA = "meta"
MARTS_SCHEMA = "marts"

CREATE = (
    f"""create table if not exists {RECORD_SCHEMA}.builds (
        build_id varchar primary key,
        started_at timestamp,
        recorded_at timestamp,
        built_by varchar,
        project_sha256 varchar,
        dbt_stats varchar,
        nodes_passed integer,
        nodes_warned integer,
        nodes_skipped integer,
        tests_run integer,
        row_drop_accepted boolean
    )""",
    f"""create table if not exists {RECORD_SCHEMA}.build_inputs (
        build_id varchar,
        table_name varchar,
        file_path varchar,
        size_bytes bigint,
        modified_at timestamp,
        sha256 varchar,
        line_count bigint,
        blank_line_count bigint,
        data_row_count bigint,
        previous_data_row_count bigint,
        row_drop_accepted_by varchar,
        primary key (build_id, table_name)
    )""",
    f"""create table if not exists {RECORD_SCHEMA}.build_outputs (
        build_id varchar,
        schema_name varchar,
        relation_name varchar,
        relation_type varchar,
        row_count bigint,
        primary key (build_id, schema_name, relation_name)
    )""",
)


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def built_by() -> str:
    """Who ran the build: the user and the machine's name."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "unknown"
    return f"{user}@{socket.gethostname()}"


def _statuses(*run_results: Path) -> dict[str, str]:
    """The final status of every node over dbt's run_results files, later files winning (a
    retry's results after the build's)."""
    final: dict[str, str] = {}
    for path in run_results:
        try:
            results = json.loads(path.read_text())["results"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        for result in results:
            final[str(result.get("unique_id"))] = str(result.get("status"))
    return final


def record(
    database: Path,
    *,
    started_at: datetime,
    project_sha256: str,
    dbt_stats: str,
    run_results: Path,
    build_run_results: Path | None = None,
) -> str:
    """Append this build's record to `database`; returns its build id (the start time, UTC)."""
    import duckdb

    build_id = started_at.strftime("%Y%m%dT%H%M%S.%fZ")
    record_files = [p for p in (build_run_results, run_results) if p is not None and p.exists()]
    statuses = _statuses(*record_files)
    tests = [uid for uid in statuses if uid.startswith(("test.", "unit_test."))]
    with duckdb.connect(str(database)) as con:
        con.execute(f"create schema if not exists {RECORD_SCHEMA}")
        for statement in CREATE:
            con.execute(statement)
        inputs = con.execute(
            "select table_name, file_path, size_bytes, modified_at, sha256, line_count, "
            "blank_line_count, data_row_count, previous_data_row_count, row_drop_accepted_by "
            "from raw.raw_files order by table_name"
        ).fetchall()
        con.execute(
            f"insert into {RECORD_SCHEMA}.builds values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                build_id,
                started_at,
                utc_now(),
                built_by(),
                project_sha256,
                dbt_stats,
                sum(status in ("success", "pass") for status in statuses.values()),
                sum(status == "warn" for status in statuses.values()),
                sum(status == "skipped" for status in statuses.values()),
                len(tests),
                any(row[9] is not None for row in inputs),
            ],
        )
        con.executemany(
            f"insert into {RECORD_SCHEMA}.build_inputs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[build_id, *row] for row in inputs],
        )
        relations = con.execute(
            "select table_name, table_type from information_schema.tables "
            "where table_schema = ? order by table_name",
            [MARTS_SCHEMA],
        ).fetchall()
        for name, kind in relations:
            count = None
            if kind == "BASE TABLE":
                quoted = '"' + name.replace('"', '""') + '"'
                count = con.execute(f"select count(*) from {MARTS_SCHEMA}.{quoted}").fetchone()[0]
            con.execute(
                f"insert into {RECORD_SCHEMA}.build_outputs values (?, ?, ?, ?, ?)",
                [build_id, MARTS_SCHEMA, name, "view" if kind == "VIEW" else "table", count],
            )
    return build_id
