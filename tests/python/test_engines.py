"""One project, two engines: SQL that exists on one engine only stays behind a macro.

- The files listed in PORTABLE call no DuckDB-only function or syntax (the list of those is
  ENGINE_ONLY, below); each such construct is a macro in `macros/cross_engine/` with a DuckDB
  and a Spark implementation (`adapter.dispatch`).
- Each implementation runs on its engine on the same data and gives the same result: DuckDB
  always, Spark where pyspark and Java are installed (`make install-spark`; CI installs both).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from typing import Any

import duckdb
import jinja2
import pytest

from conftest import REPO

# Files whose SQL runs on both engines (every engine-specific construct behind a macro).
PORTABLE = [
    "models/staging/imdb/stg_imdb__people.sql",
    "models/staging/imdb/stg_imdb__title_akas.sql",
    "models/staging/imdb/stg_imdb__title_crews.sql",
    "models/staging/imdb/stg_imdb__title_episodes.sql",
    "models/staging/imdb/stg_imdb__title_principals.sql",
    "models/staging/imdb/stg_imdb__title_ratings.sql",
    "models/staging/imdb/stg_imdb__titles.sql",
    "tests/intermediate/imdb/assert_int_principal_characters_reconcile_with_staging.sql",
    "tests/intermediate/imdb/assert_int_title_genres_reconcile_with_staging.sql",
]

# DuckDB constructs Spark does not have (or has under another name), with an example each.
ENGINE_ONLY = {
    r"\*\s*exclude\s*\(": ("* exclude (...): Spark says * except", "select * exclude (a) from t"),
    r"\blen\s*\(": ("len(list): Spark array_size", "select len(genres) from t"),
    r"\blist_\w+\s*\(": ("list_* functions: Spark array_*", "select list_distinct(x) from t"),
    r"\bstring_split\w*\s*\(": ("string_split: Spark split (regex)", "string_split(a, ',')"),
    r"\bregexp_full_match\s*\(": ("regexp_full_match: Spark rlike", "regexp_full_match(a, 'x')"),
    r"\blambda\b": ("lambda x: ...: Spark x -> ...", "array_transform(x, lambda v: v + 1)"),
    r"\bunnest\s*\(": ("unnest: Spark explode / posexplode", "select unnest(x) from t"),
    r"\barg_m(in|ax)\s*\(": ("arg_min/arg_max: Spark min_by/max_by", "arg_min(a, b)"),
    r"\bstrptime\s*\(": ("strptime: Spark to_timestamp", "strptime(a, '%Y')"),
    r"\bread_csv\w*\s*\(": ("read_csv: Spark tables over files", "from read_csv('f.csv')"),
}

JINJA = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
SQL_COMMENT = re.compile(r"--[^\n]*")


def engine_only_constructs(sql: str) -> list[str]:
    """The ENGINE_ONLY constructs the SQL itself uses (Jinja and comments left out: a macro
    call is how a model reaches an engine-specific construct)."""
    plain = SQL_COMMENT.sub("", JINJA.sub(" ", sql))
    return [
        why for pattern, (why, _) in ENGINE_ONLY.items() if re.search(pattern, plain, re.IGNORECASE)
    ]


@pytest.mark.parametrize("path", PORTABLE)
def test_portable_files_use_no_engine_only_sql(path: str) -> None:
    assert engine_only_constructs((REPO / path).read_text()) == []


@pytest.mark.parametrize("pattern", list(ENGINE_ONLY))
def test_the_list_catches_what_it_names(pattern: str) -> None:
    """Each entry finds its own example in plain SQL, and not inside a macro call."""
    why, example = ENGINE_ONLY[pattern]
    assert engine_only_constructs(example) == [why]
    assert engine_only_constructs('{{ some_macro("' + example + '") }}') == []


def test_a_model_with_duckdb_only_sql_is_found() -> None:
    model = (REPO / PORTABLE[-1]).read_text()
    broken = model.replace(
        "{{ array_size(array_distinct('genres')) }}", "len(list_distinct(genres))"
    )
    assert broken != model
    assert len(engine_only_constructs(broken)) == 2


# ------------------------------------------------------------------ both engines, same result


def _macros() -> Any:
    """The cross-engine macros as plain Jinja: each engine's implementation is callable."""
    text = "\n".join(p.read_text() for p in sorted((REPO / "macros/cross_engine").glob("*.sql")))
    return jinja2.Environment().from_string(text).module


def _arrays_sql(engine: str, select: str) -> str:
    """`select` over four arrays: duplicates and a NULL element, empty, NULL, one element."""
    if engine == "duckdb":
        rows = (
            "(values (1, ['a', 'a', null, 'b']), (2, []::varchar[]), (3, null::varchar[]),"
            " (4, ['x'])) as t(id, arr)"
        )
    else:
        rows = (
            "values (1, array('a', 'a', null, 'b')), (2, cast(array() as array<string>)),"
            " (3, cast(null as array<string>)), (4, array('x')) as t(id, arr)"
        )
    return f"select id, {select} from {rows} order by id"


def _cases(engine: str) -> dict[str, tuple[str, list[tuple]]]:
    """Each macro rendered for `engine`, its query and the result it must give."""
    m = _macros()
    impl = {name: getattr(m, f"{engine}__{name}") for name in ("star_except", "array_size",
                                                               "array_distinct")}  # fmt: skip
    return {
        "star_except": (
            f"select {impl['star_except'](['b', 'd'])} from "
            "(select 1 as a, 2 as b, 3 as c, 4 as d) as t",
            [(1, 3)],
        ),
        "array_size": (
            _arrays_sql(engine, f"{impl['array_size']('arr')} as n"),
            [(1, 4), (2, 0), (3, None), (4, 1)],
        ),
        "array_distinct": (
            _arrays_sql(engine, f"{impl['array_size'](impl['array_distinct']('arr'))} as n"),
            [(1, 2), (2, 0), (3, None), (4, 1)],
        ),
    }


CASES = ["star_except", "array_size", "array_distinct"]


@pytest.mark.parametrize("case", CASES)
def test_duckdb_implementation(case: str) -> None:
    sql, expected = _cases("duckdb")[case]
    assert duckdb.execute(sql).fetchall() == expected


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        pytest.skip("pyspark is not installed (make install-spark); the Spark side runs in CI")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime (Debian: openjdk-17-jre-headless); the Spark side runs in CI")
    session = (
        SparkSession.builder.master("local[1]")
        .appName("cross-engine-macros")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.mark.parametrize("case", CASES)
def test_spark_implementation_agrees_with_duckdb(spark: Any, case: str) -> None:
    sql, expected = _cases("spark")[case]
    rows = [tuple(row) for row in spark.sql(sql).collect()]
    assert rows == expected
    duckdb_sql, _ = _cases("duckdb")[case]
    assert rows == duckdb.execute(duckdb_sql).fetchall()


def test_every_cross_engine_macro_has_both_implementations_and_a_case() -> None:
    text = "\n".join(p.read_text() for p in (REPO / "macros/cross_engine").glob("*.sql"))
    names = set(re.findall(r"\{%-?\s*macro\s+(\w+)\(", text))
    public = {n for n in names if "__" not in n}
    assert public == set(CASES)
    for name in public:
        assert {f"duckdb__{name}", f"spark__{name}", f"default__{name}"} <= names
