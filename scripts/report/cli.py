"""The command line: open the warehouse read-only, collect the figures, write the page.

    python -m scripts.report [--db warehouse.duckdb] [--out target/report/index.html]

Errors a user can cause (no warehouse, a mart missing, a locked or corrupt file, an unwritable
output) end in one line `error: ...` and exit code 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from scripts.report.errors import ReportError
from scripts.report.queries import check_marts, collect, query_headline
from scripts.report.render import render_html

DEFAULT_OUT = Path("target") / "report" / "index.html"


def _default_db() -> Path:
    return Path(os.environ.get("DUCKDB_PATH", "warehouse.duckdb"))


def build_report(db_path: Path, out_path: Path) -> Path:
    """Query the warehouse read-only and write the page (through a .tmp file, then renamed)."""
    import duckdb

    if not db_path.is_file():
        raise ReportError(f"{db_path}: warehouse not found; build it first with `make run`")
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReportError(f"{db_path}: cannot open the warehouse read-only ({first})") from None
    try:
        check_marts(con, db_path)
        data = collect(con)
        data["headline"] = query_headline(db_path)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ReportError(f"{db_path}: query failed ({first})") from None
    finally:
        con.close()
    page = render_html(data, db_path, datetime.now(UTC))
    try:
        out_path.parent.mkdir(parents=True, exist_ok=True)
        partial = out_path.with_name(out_path.name + ".tmp")
        partial.write_text(page, encoding="utf-8")
        partial.replace(out_path)
    except OSError as exc:
        raise ReportError(f"{out_path}: cannot write the report ({exc.strerror or exc})") from None
    return out_path


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.report",
        description="Write the static HTML report from the warehouse's marts.",
    )
    parser.add_argument(
        "--db", type=Path, default=_default_db(), help="published warehouse (opened read-only)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="HTML file to write")
    args = parser.parse_args(argv)
    try:
        out = build_report(args.db, args.out)
    except ReportError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 1
    print(out)
    return 0
