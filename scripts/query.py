"""Query the published warehouse, read-only, for analysts without a SQL client.

    python -m scripts.query "select * from marts.rpt_daily_sales limit 5" [--db PATH]
    python -m scripts.query '\\d'                 # the marts, each with its description
    python -m scripts.query '\\d marts.dim_titles'  # one relation's columns and descriptions

The connection is read-only, so it never blocks a build (`make run` publishes a new file;
reconnect to see it). DuckDB's whole message is printed on an error, with its suggestions
(`Did you mean "marts.vw_general"?`, the candidate columns).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from scripts.load import default_db_path

LIST_RELATIONS = """
select schema_name || '.' || table_name as relation, 'table' as kind, comment as description
from duckdb_tables() where schema_name = ?
union all
select schema_name || '.' || view_name, 'view', comment
from duckdb_views() where schema_name = ? and not internal
order by relation
"""

DESCRIBE = """
select column_name as "column", data_type as type, comment as description
from duckdb_columns()
where schema_name = ? and table_name = ?
order by column_index
"""


def _print_rows(rows: Sequence[tuple[str, ...]]) -> None:
    """Aligned columns, the last one as it is (a description, spaces collapsed)."""
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        cells = [f"{value!s:<{width}}" for value, width in zip(row, widths, strict=False)]
        print("  ".join([*cells, " ".join(str(row[-1] or "(no description)").split())]))


def _describe(con: duckdb.DuckDBPyConnection, name: str) -> int:
    schema, _, relation = name.rpartition(".")
    schema = schema or "marts"
    found = con.execute(
        "select comment from duckdb_tables() where schema_name = ? and table_name = ? "
        "union all "
        "select comment from duckdb_views() where schema_name = ? and view_name = ?",
        [schema, relation, schema, relation],
    ).fetchall()
    if not found:
        print(
            f"error: no table or view {schema}.{relation} (list them with '\\d')", file=sys.stderr
        )
        return 1
    print(f"{schema}.{relation}: {' '.join((found[0][0] or '(no description)').split())}\n")
    _print_rows(con.execute(DESCRIBE, [schema, relation]).fetchall())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.query", description=__doc__)
    parser.add_argument("sql", help="the query to run, or \\d [relation] to list or describe")
    parser.add_argument("--db", type=Path, default=default_db_path(), help="warehouse file")
    parser.add_argument("--max-rows", type=int, default=40, help="rows to print at most")
    parser.add_argument("--schema", default="marts", help="the schema \\d lists (default marts)")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"error: {args.db}: no warehouse here (build it with `make run`)", file=sys.stderr)
        return 1
    try:
        con = duckdb.connect(str(args.db), read_only=True)
        command = args.sql.strip()
        if command == "\\d":
            rows = con.execute(LIST_RELATIONS, [args.schema, args.schema]).fetchall()
            if not rows:
                print(f"error: no tables or views in schema {args.schema}", file=sys.stderr)
                return 1
            _print_rows(rows)
            return 0
        if command.startswith("\\d "):
            return _describe(con, command[3:].strip())
        con.sql(args.sql).show(max_rows=args.max_rows, max_width=200)
    except duckdb.Error as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
