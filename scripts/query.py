"""Run SQL against the published warehouse, read-only, and print the result as a table.

    python -m scripts.query "select * from marts.rpt_daily_sales limit 5" [--db PATH]

For analysts without the DuckDB command-line client. The connection is read-only, so it never
blocks a build (`make run` publishes a new file; reconnect to see it).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from scripts.load import default_db_path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.query", description=__doc__)
    parser.add_argument("sql", help="the query to run")
    parser.add_argument("--db", type=Path, default=default_db_path(), help="warehouse file")
    parser.add_argument("--max-rows", type=int, default=40, help="rows to print at most")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        print(f"error: {args.db}: no warehouse here (build it with `make run`)", file=sys.stderr)
        return 1
    try:
        con = duckdb.connect(str(args.db), read_only=True)
        con.sql(args.sql).show(max_rows=args.max_rows, max_width=200)
    except duckdb.Error as exc:
        print(f"error: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
