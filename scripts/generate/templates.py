"""Render the generator's SQL files (`sql/**/*.sql`) with Jinja2.

Templates receive sizes, flags, forced row keys and word lists as variables. Every `{{ }}`
expression passes through `_sql_value`: a list or tuple of strings becomes a DuckDB list
literal (`['a', 'b']`), other values print as they are, and `| length` still sees the
sequence; booleans print as `true` / `false`. Single SQL string literals are quoted in
Python with `sql_string` before they are passed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2

from scripts.raw_files import sql_string

SQL_DIR = Path(__file__).parent / "sql"


def sql_list(values: Any) -> str:
    """A DuckDB list literal of the given strings or numbers."""
    return "[" + ", ".join(_sql_item(v) for v in values) + "]"


def _sql_item(value: Any) -> str:
    return sql_string(value) if isinstance(value, str) else str(value)


def _sql_value(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return sql_list(value) if isinstance(value, list | tuple) else value


_ENV = jinja2.Environment(
    loader=jinja2.FileSystemLoader(SQL_DIR),
    undefined=jinja2.StrictUndefined,
    finalize=_sql_value,
    autoescape=False,
    keep_trailing_newline=True,
)


def sql_file(domain: str, stem: str) -> Path:
    """The SQL file that selects the rows of raw file `stem` (`title.principals` ->
    `sql/imdb/title_principals.sql`, `Sales.SalesOrderHeader` ->
    `sql/bike/sales_sales_order_header.sql`)."""
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", stem).replace(".", "_").lower()
    return SQL_DIR / domain / f"{name}.sql"


def render(name: str, **context: Any) -> str:
    """The SQL of template `name` (a path under `sql/`) rendered with `context`."""
    return _ENV.get_template(name).render(**context)


def render_raw_file(domain: str, stem: str, **context: Any) -> str:
    """The query that selects the rows of raw file `stem`, rendered with `context`."""
    return render(sql_file(domain, stem).relative_to(SQL_DIR).as_posix(), **context)
