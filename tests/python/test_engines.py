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
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import jinja2
import pytest

from conftest import REPO, write_raw_file

# Where the project's SQL lives. Every file must run on both engines: each engine-specific
# construct is a macro with a DuckDB and a Spark implementation (macros/cross_engine/ and the
# `duckdb__` / `spark__` macros of the local packages), and those implementations are the only
# SQL left out of the check.
SQL_FOLDERS = ("models", "tests", "snapshots", "macros", "packages/dbt_utils",
               "packages/dbt_expectations")  # fmt: skip
ENGINE_IMPLEMENTATIONS = ("macros/cross_engine",)


def project_sql_files() -> list[str]:
    files = []
    for folder in SQL_FOLDERS:
        for path in sorted((REPO / folder).rglob("*.sql")):
            relative = path.relative_to(REPO).as_posix()
            if not relative.startswith(ENGINE_IMPLEMENTATIONS):
                files.append(relative)
    return files


PORTABLE = project_sql_files()

# DuckDB constructs Spark does not have, has under another name, or reads differently (with an
# example each). Keep this list next to the test: a construct found to differ joins it.
ENGINE_ONLY = {
    r"\*\s*exclude\s*\(": ("* exclude (...): Spark says * except", "select * exclude (a) from t"),
    r"\blen\s*\(": ("len(list): Spark array_size", "select len(genres) from t"),
    r"\blist_\w+\s*\(": ("list_* functions: Spark array_*", "select list_distinct(x) from t"),
    r"\bstring_split\w*\s*\(": ("string_split: Spark split (regex)", "string_split(a, ',')"),
    r"\bregexp_full_match\s*\(": ("regexp_full_match: Spark rlike", "regexp_full_match(a, 'x')"),
    r"\blambda\b": ("lambda x: ...: Spark x -> ...", "array_transform(x, lambda v: v + 1)"),
    r"->": ("-> (a lambda on Spark, JSON on DuckDB)", "transform(x, v -> v + 1)"),
    r"\bunnest\s*\(": ("unnest: Spark explode / posexplode", "select unnest(x) from t"),
    r"\bgenerate_subscripts\s*\(": (
        "generate_subscripts: Spark posexplode",
        "generate_subscripts(x, 1)",
    ),
    r"\barg_m(in|ax)\s*\(": ("arg_min/arg_max: Spark min_by/max_by", "arg_min(a, b)"),
    r"\bstrptime\s*\(": ("strptime: Spark to_timestamp", "strptime(a, '%Y')"),
    r"\b(strftime|monthname|dayname|isodow)\s*\(": (
        "strftime/monthname/dayname/isodow: Spark date_format, weekday",
        "select monthname(d) from t",
    ),
    r"\b(struct_pack|json_valid|json_type|regexp_matches)\s*\(": (
        "struct_pack/json_valid/json_type/regexp_matches: DuckDB only",
        "struct_pack(a := 1)",
    ),
    r"\bread_csv\w*\s*\(": ("read_csv: Spark tables over files", "from read_csv('f.csv')"),
    r"\b[lr]trim\s*\([^()]*,": (
        "two-argument ltrim/rtrim: Spark swaps the arguments; trim(trailing 'x' from a)",
        "rtrim(a, 'Z')",
    ),
    r"\bvarchar\b": ("varchar: Spark needs a length; dbt.type_string()", "cast(a as varchar)"),
    r"(?<![\w\]'\"])\[": ("[...] list literal or type: array_of / array_type", "cast([] as int[])"),
    r'"[A-Za-z_][\w ]*"': (
        '"identifier": a string literal on Spark; leave names unquoted',
        'select "Name" from t',
    ),
    r"'[^'\n]*\\[^'\n]*'": (
        "a backslash in a literal: an escape on Spark; quoted_text",
        "nullif(a, '\\N')",
    ),
}

# An engine's own implementation of a dispatched macro is left out of the check.
ENGINE_MACRO = re.compile(
    r"\{%-?\s*macro\s+(duckdb|spark|postgres)__.*?\{%-?\s*endmacro\s*-?%\}", re.DOTALL
)
LITERAL_PATTERNS = {r"'[^'\n]*\\[^'\n]*'"}
STRING_LITERAL = re.compile(r"'[^'\n]*'")
JINJA = re.compile(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
SQL_COMMENT = re.compile(r"--[^\n]*")


def engine_only_constructs(sql: str) -> list[str]:
    """The ENGINE_ONLY constructs the SQL itself uses (Jinja, comments and each engine's own
    macro implementations left out: a macro call is how a model reaches an engine-specific
    construct). Only the backslash check looks inside string literals."""
    plain = SQL_COMMENT.sub("", JINJA.sub(" ", ENGINE_MACRO.sub(" ", sql)))
    without_literals = STRING_LITERAL.sub("''", plain)
    found = []
    for pattern, (why, _) in ENGINE_ONLY.items():
        text = plain if pattern in LITERAL_PATTERNS else without_literals
        if re.search(pattern, text, re.IGNORECASE):
            found.append(why)
    return found


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
    model = (
        REPO / "tests/intermediate/imdb/assert_int_title_genres_reconcile_with_staging.sql"
    ).read_text()
    broken = model.replace(
        "{{ array_size(array_distinct('genres')) }}", "len(list_distinct(genres))"
    )
    assert broken != model
    assert len(engine_only_constructs(broken)) == 2


# ------------------------------------------------------------------ both engines, same result


class _Adapter:
    """Enough of dbt's `adapter` for the macros: dispatch picks the engine's implementation."""

    def __init__(self, engine: str) -> None:
        self.engine = engine
        self.module: Any = None

    def dispatch(self, name: str, namespace: str | None = None) -> Any:
        return getattr(self.module, f"{self.engine}__{name}")

    def type(self) -> str:
        return self.engine


def _macros(engine: str) -> Any:
    """The cross-engine macros as plain Jinja, dispatching to `engine`'s implementations."""
    text = "\n".join(p.read_text() for p in sorted((REPO / "macros/cross_engine").glob("*.sql")))
    adapter = _Adapter(engine)
    context = {
        "adapter": adapter,
        "return": lambda value: value,
        "dbt": SimpleNamespace(type_string=lambda: "VARCHAR" if engine == "duckdb" else "string"),
    }
    env = jinja2.Environment(extensions=["jinja2.ext.do"])
    adapter.module = env.from_string(text, globals=context).module
    return adapter.module


def _arrays_sql(engine: str, select: str, order: str = "id") -> str:
    """`select` over four arrays: duplicates and a NULL element, empty, NULL, one element. The
    arrays are built with the project's own `array_of` / `array_type`, so one fixture serves
    both engines."""
    m = _macros(engine)
    text = "VARCHAR" if engine == "duckdb" else "string"
    arrays = [
        m.array_of(["'a'", "'a'", "null", "'b'"], text),
        m.array_of([], text),
        f"cast(null as {m.array_type(text)})",
        m.array_of(["'x'"], text),
    ]
    rows = " union all ".join(
        f"select {i} as id, {array} as arr" for i, array in enumerate(arrays, 1)
    )
    return f"select id, {select} from ({rows}) as t order by {order}"


def _texts_sql(engine: str, select: str, values: list[str | None]) -> str:
    """`select` over one text column `v`, a row per value, in order (`id` from 1)."""
    literal = _macros(engine).quoted_text
    rows = ", ".join(
        f"({i}, {'cast(null as string)' if v is None else literal(v)})"
        for i, v in enumerate(values, 1)
    )
    source = f"(values {rows}) as t(id, v)" if engine == "duckdb" else f"values {rows} as t(id, v)"
    return f"select {select} from {source} order by id"


def _cases(engine: str) -> dict[str, tuple[str, list[tuple]]]:
    """Each macro rendered for `engine`: its query and the result it must give on both."""
    m = _macros(engine)
    text = "VARCHAR" if engine == "duckdb" else "string"
    d = date(2024, 3, 3)  # a Sunday
    return {
        "star_except": (
            f"select {m.star_except(['b', 'd'])} from (select 1 as a, 2 as b, 3 as c, 4 as d) as t",
            [(1, 3)],
        ),
        "array_size": (
            _arrays_sql(engine, f"{m.array_size('arr')} as n"),
            [(1, 4), (2, 0), (3, None), (4, 1)],
        ),
        "array_distinct": (
            _arrays_sql(engine, f"{m.array_size(m.array_distinct('arr'))} as n"),
            [(1, 2), (2, 0), (3, None), (4, 1)],
        ),
        "array_compact": (
            _arrays_sql(engine, f"{m.array_compact('arr')} as a"),
            [(1, ["a", "a", "b"]), (2, []), (3, None), (4, ["x"])],
        ),
        "array_of": (
            f"select {m.array_of(['1', '2'], 'bigint')}, {m.array_of([], text)}",
            [([1, 2], [])],
        ),
        "array_type": (
            f"select {m.array_size(f'cast(null as {m.array_type(text)})')}",
            [(None,)],
        ),
        # NULL elements are not checked, on both engines.
        "array_within": (
            _arrays_sql(engine, m.array_within("arr", ["'a'", "'b'"], text) + " as ok"),
            [(1, True), (2, True), (3, None), (4, False)],
        ),
        "try_cast_elements": (
            "select " + m.try_cast_elements(m.array_of(["'12'", "'x'", "null"], text), "bigint"),
            [([12, None, None],)],
        ),
        "unnest_with_position": (
            _arrays_sql(engine, m.unnest_with_position("arr", "val", "pos"), order="id, pos"),
            [(1, "a", 1), (1, "a", 2), (1, None, 3), (1, "b", 4), (4, "x", 1)],
        ),
        "quoted_text": (
            f"select {m.quoted_text('it' + chr(39) + 's ' + chr(92) + 'N')}",
            [("it's \\N",)],
        ),
        "regexp_full_match": (
            _texts_sql(
                engine,
                f"{m.regexp_full_match('v', 'tt[0-9]+')}, "
                f"{m.regexp_full_match('v', '[0-9]{1,2}(' + chr(92) + '.[0-9]+)?')}",
                ["tt12", "xtt12", "5.8", "5x8", None],
            ),
            [(True, False), (False, False), (False, True), (False, False), (None, None)],
        ),
        "split_text": (
            _texts_sql(
                engine,
                m.split_text("v", quoted(engine, ","))
                + ", "
                + m.split_text("v", quoted(engine, ".")),
                ["a,b,", "a.b", None],
            ),
            [(["a", "b", ""], ["a,b,"]), (["a.b"], ["a", "b"]), (None, None)],
        ),
        "json_string_array": (
            _texts_sql(
                engine,
                m.json_string_array("v"),
                ['["Himself", "Jack \\"The Ripper\\""]', "[]", "{}", '"x"', "nope", None],
            ),
            [(["Himself", 'Jack "The Ripper"'],), ([],), (None,), (None,), (None,), (None,)],
        ),
        "struct_of": (
            f"select s.a, s.b from (select {m.struct_of(['a', 'b'], 't')} as s "
            "from (select 1 as a, 'x' as b) as t) as u",
            [(1, "x")],
        ),
        "row_struct": (
            f"select r.a, r.b from (select {m.row_struct('t')} as r "
            "from (select 1 as a, 'x' as b) as t) as u",
            [(1, "x")],
        ),
        "iso_day_of_week": (f"select {m.iso_day_of_week(f'date {d.isoformat()!r}')}", [(7,)]),
        "month_name": (f"select {m.month_name(f'date {d.isoformat()!r}')}", [("March",)]),
        "day_name": (f"select {m.day_name(f'date {d.isoformat()!r}')}", [("Sunday",)]),
    }


def quoted(engine: str, text: str) -> str:
    return _macros(engine).quoted_text(text)


CASES = list(_cases("duckdb"))


@pytest.mark.parametrize("case", CASES)
def test_duckdb_implementation(case: str) -> None:
    sql, expected = _cases("duckdb")[case]
    assert _plain(duckdb.execute(sql).fetchall()) == expected


@pytest.fixture(scope="module")
def spark(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
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
        .config("spark.sql.warehouse.dir", str(tmp_path_factory.mktemp("spark-warehouse")))
        .config("spark.sql.session.timeZone", "UTC")
        # as dbt-spark sets it, whatever the profile says
        .config("spark.sql.ansi.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.mark.parametrize("case", CASES)
def test_spark_implementation_agrees_with_duckdb(spark: Any, case: str) -> None:
    sql, expected = _cases("spark")[case]
    rows = _plain([tuple(row) for row in spark.sql(sql).collect()])
    assert rows == expected
    duckdb_sql, _ = _cases("duckdb")[case]
    assert rows == _plain(duckdb.execute(duckdb_sql).fetchall())


def _plain(rows: list[tuple]) -> list[tuple]:
    """Rows as plain Python values: Spark's Row structs as tuples, arrays as lists."""

    def value(v: Any) -> Any:
        if isinstance(v, tuple):
            return tuple(value(x) for x in v)
        if isinstance(v, list):
            return [value(x) for x in v]
        return v

    return [tuple(value(v) for v in row) for row in rows]


def test_every_cross_engine_macro_has_both_implementations_and_a_case() -> None:
    text = "\n".join(p.read_text() for p in (REPO / "macros/cross_engine").glob("*.sql"))
    names = set(re.findall(r"\{%-?\s*macro\s+(\w+)\(", text))
    public = {n for n in names if "__" not in n}
    assert public == set(CASES)
    for name in public:
        assert {f"duckdb__{name}", f"spark__{name}", f"default__{name}"} <= names


def test_the_registration_sql_for_a_cluster_runs_on_spark(spark: Any, minimal_raw: Path) -> None:
    """`python -m scripts.spark sql` prints what a cluster runs to register the raw files: on a
    Spark session it creates every raw table (read with the loader's rules) and raw_files."""
    from scripts.raw_files import ALL_FILES
    from scripts.spark import registration_sql

    # a value with a quote, a backslash and a tab survives the literals
    (minimal_raw / "imdb" / "title.basics.tsv.gz").unlink()
    basics = next(s for s in ALL_FILES if s.stem == "title.basics")
    write_raw_file(
        minimal_raw, basics, [["tt1", "movie", "It's \\N", "x", "0", "2000", "\\N", "90", "Drama"]]
    )
    # the session is this module's own (an in-memory catalog): the schema `raw` is free there
    for statement in registration_sql(minimal_raw):
        spark.sql(statement)
    counts = {
        spec.table: spark.sql(f"select count(*) from raw.{spec.table}").collect()[0][0]
        for spec in ALL_FILES
    }
    assert counts == {spec.table: 1 for spec in ALL_FILES}
    row = spark.sql("select primaryTitle, endYear from raw.imdb_title_basics").collect()
    assert tuple(row[0]) == ("It's \\N", "\\N")
    files = spark.sql("select table_name, data_row_count from raw.raw_files").collect()
    assert sorted((r[0], r[1]) for r in files) == sorted((s.table, 1) for s in ALL_FILES)
