"""The two engines agree: the sample built on Spark gives every mart DuckDB gives, row for row.

The DuckDB side is the shared sample warehouse (`python -m scripts.build`, as `make run`). The
Spark side builds the same raw files with `python -m scripts.spark build` (as
`make run ENGINE=spark`), which runs every model, seed, unit test and data test that applies on
parquet; its marts are then exported as parquet (`python -m scripts.spark export`) and read with
DuckDB, so both sides come back as the same Python types. Values are compared after
normalising what the engines store differently: decimals by value, timestamps in UTC, UUIDs
(Spark has no UUID type) as text.

Skips without pyspark or Java (`make install-spark`; CI has both).
"""

from __future__ import annotations

import collections
import os
import shutil
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from conftest import REPO, SampleWarehouse

# Marts that need snapshots, which parquet tables cannot hold (see dbt_project.yml).
HISTORY_MARTS = {"fct_title_rating_history", "fct_sales_order_line_prices"}


def _spark_available() -> None:
    try:
        import dbt.adapters.spark  # noqa: F401
        import pyspark  # noqa: F401
    except ImportError:
        pytest.skip("dbt-spark / pyspark not installed (make install-spark); runs in CI")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.skip("no Java runtime (Debian: openjdk-17-jre-headless); runs in CI")


def _run(args: list[str], env: dict[str, str], cwd: Path = REPO) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=3000
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        pytest.fail(f"{' '.join(args[:3])} failed (exit {result.returncode}):\n{tail}")
    return result


class SparkWarehouse:
    def __init__(self, work: Path, build_output: str) -> None:
        self.dir = work / "spark"
        self.marts = work / "marts"
        self.build_output = build_output


@pytest.fixture(scope="module")
def spark_warehouse(
    sample_warehouse: SampleWarehouse, tmp_path_factory: pytest.TempPathFactory
) -> SparkWarehouse:
    """The same raw files built on a local Spark session, its marts exported as parquet."""
    _spark_available()
    work = tmp_path_factory.mktemp("spark-warehouse")
    env = {**sample_warehouse.env, "DBT_LOG_PATH": str(work / "logs")}
    env.pop("SPARK_FILE_FORMAT", None)
    spark_dir = work / "spark"
    build = _run(
        [
            "-m", "scripts.spark", "build",
            "--raw-dir", str(sample_warehouse.raw),
            "--spark-dir", str(spark_dir),
            "--target-path", str(work / "target"),
        ],
        env,
    )  # fmt: skip
    _run(
        [
            "-m",
            "scripts.spark",
            "export",
            "--spark-dir",
            str(spark_dir),
            "--out",
            str(work / "marts"),
        ],
        env,
    )
    return SparkWarehouse(work, build.stdout)


def test_spark_build_passes_every_test_that_applies(spark_warehouse: SparkWarehouse) -> None:
    out = spark_warehouse.build_output
    summary = next(line for line in out.splitlines() if line.startswith("[spark] dbt: "))
    assert "ERROR=0" in summary and "PASS=" in summary
    # Snapshots cannot run on parquet: the build says so in one line instead of failing.
    skipped = [line for line in out.splitlines() if "snapshots and the history marts" in line]
    assert len(skipped) == 1 and "parquet" in skipped[0]


def _normalise(value: Any) -> Any:
    if isinstance(value, Decimal):
        return ("decimal", value.normalize())
    if isinstance(value, float):
        return ("decimal", Decimal(repr(value)).normalize())
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(_normalise(v) for v in value)
    if isinstance(value, dict):
        return tuple((k, _normalise(v)) for k, v in value.items())
    return value


def _rows(con: duckdb.DuckDBPyConnection, relation: str) -> tuple[list[str], collections.Counter]:
    result = con.execute(f"select * from {relation}")
    columns = [d[0].lower() for d in result.description]
    rows = collections.Counter(tuple(_normalise(v) for v in row) for row in result.fetchall())
    return columns, rows


def _duckdb_marts(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = 'marts' "
                "order by table_name"
            ).fetchall()
        ]


def test_spark_has_every_mart_but_the_history_ones(
    sample_warehouse: SampleWarehouse, spark_warehouse: SparkWarehouse
) -> None:
    duck = set(_duckdb_marts(sample_warehouse.db))
    spark = {p.name for p in spark_warehouse.marts.iterdir() if p.is_dir()}
    assert duck >= HISTORY_MARTS
    assert spark == duck - HISTORY_MARTS


def _mart_names() -> list[str]:
    """Every mart model of the project (the parametrisation; what was built is checked above)."""
    names = []
    for path in sorted((REPO / "models/marts").rglob("*.sql")):
        if path.stem not in HISTORY_MARTS:
            names.append(path.stem)
    return names


@pytest.mark.parametrize("mart", _mart_names())
def test_mart_agrees_row_for_row(
    sample_warehouse: SampleWarehouse, spark_warehouse: SparkWarehouse, mart: str
) -> None:
    with duckdb.connect(str(sample_warehouse.db), read_only=True) as con:
        duck_columns, duck_rows = _rows(con, f"marts.{mart}")
    with duckdb.connect() as con:
        files = (spark_warehouse.marts / mart).as_posix() + "/*.parquet"
        spark_columns, spark_rows = _rows(con, f"read_parquet('{files}')")
    assert spark_columns == duck_columns
    assert sum(duck_rows.values()) > 0, f"{mart} is empty in the sample: nothing is compared"
    assert differences(duck_rows, spark_rows) == ([], []), mart


def differences(
    duckdb_rows: collections.Counter, spark_rows: collections.Counter, limit: int = 3
) -> tuple[list[tuple], list[tuple]]:
    """Up to `limit` rows found only on DuckDB, and only on Spark (duplicates counted)."""
    return (
        list((duckdb_rows - spark_rows).elements())[:limit],
        list((spark_rows - duckdb_rows).elements())[:limit],
    )


def test_the_comparison_finds_a_changed_row_and_ignores_storage_differences() -> None:
    """Runs anywhere: the comparison can fail, and what differs only in storage does not."""
    with duckdb.connect() as con:
        same = (
            "select * from (values (1, 1.50::decimal(19,4), ['a'],"
            " '2024-01-02 03:04:05'::timestamp,"
            " 'e3b0c442-98fc-1c14-9afb-f4c8996fb924'::uuid)) as t(id, amount, tags, ts, guid)"
        )
        stored_otherwise = (
            "select * from (values (1, 1.5::decimal(8,2), ['a'],"
            " '2024-01-02 03:04:05+00'::timestamptz, 'e3b0c442-98fc-1c14-9afb-f4c8996fb924'))"
            " as t(id, amount, tags, ts, guid)"
        )
        changed = same.replace("['a']", "['b']")
        _, base = _rows(con, f"({same})")
        _, other = _rows(con, f"({stored_otherwise})")
        _, wrong = _rows(con, f"({changed})")
        duplicated = base + base
    assert differences(base, other) == ([], [])
    only_duckdb, only_spark = differences(base, wrong)
    assert len(only_duckdb) == 1 and len(only_spark) == 1
    assert differences(duplicated, base) == (list(base), [])


def test_spark_parse_errors_are_one_line_each(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    """Rows with too many or too few fields stop the Spark build as they stop DuckDB's: each
    file's problem once, as file, line number and what is wrong."""
    _spark_available()
    from test_bad_deliveries import _edit_line

    raw = tmp_path / "raw"
    shutil.copytree(sample_warehouse.raw, raw, ignore=shutil.ignore_patterns(".verified.json"))
    _edit_line("title.ratings", 11, lambda line: line + b"\textra")(raw)
    _edit_line("title.crew", 5, lambda line: line.rsplit(b"\t", 1)[0])(raw)
    _edit_line("Sales.SpecialOfferProduct", 4, lambda line: line[:-1] + b";9\r")(raw)
    env = {**sample_warehouse.env, "DBT_LOG_PATH": str(tmp_path / "logs")}
    result = subprocess.run(
        [
            sys.executable, "-m", "scripts.spark", "build", "--raw-dir", str(raw),
            "--spark-dir", str(tmp_path / "spark"), "--target-path", str(tmp_path / "target"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=3000,
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "error: dbt build on Spark failed" in result.stderr
    for text in (
        "title.ratings.tsv.gz: line 11: too many fields (4, expected 3)",
        "title.crew.tsv.gz: line 5: too few fields (2, expected 3)",
        "Sales.SpecialOfferProduct.csv: line 4: too many fields (5, expected 4)",
    ):
        assert output.count(text) == 1, (text, output[-6000:])
    assert "at org.apache.spark" not in output  # Spark's stack traces stay in its log


def test_a_spark_read_error_names_file_line_and_fields(tmp_path: Path) -> None:
    """Runs anywhere: Spark's message (as dbt records it) becomes the loader's one line."""
    from scripts.read_errors import describe_parse_error

    path = tmp_path / "title.ratings.tsv"
    path.write_text("tconst\taverageRating\tnumVotes\ntt1\t5.0\t3\ntt2\t4.9\t208\textra\n")
    message = (
        "Runtime Error in model base_imdb__title_ratings (models/staging/...)\n"
        "  : org.apache.spark.SparkException: [FAILED_READ_FILE.NO_HINT] Encountered error while "
        f"reading file file://{path}.  SQLSTATE: KD001\n"
        "  \tat org.apache.spark.sql.errors.QueryExecutionErrors$.cannotReadFilesError(...)\n"
        "  Caused by: org.apache.spark.SparkRuntimeException: [MALFORMED_CSV_RECORD] Malformed CSV"
        " record: tt2\t4.9\t208\textra SQLSTATE: KD000\n"
    )
    assert describe_parse_error(message) == f"{path}: line 3: too many fields (4, expected 3)"
    # any other read error keeps dbt's own first line (see dbt_runner._short_message)
    assert describe_parse_error(message.replace("MALFORMED_CSV_RECORD", "OTHER")) is None
    assert describe_parse_error("Runtime Error: division by zero") is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"a;b\r\n1;2\r\n3;4\r\n", None),
        (b"a;b\r\n1;2\r\n3\r;4\r\n", "line 3: stray carriage return (CR) inside the line"),
        (b"a\tb\n1\t2\n3\t\xe9x\n", "line 3: invalid UTF-8 (the file must be UTF-8 encoded)"),
        ("a\tb\nx\t\u00e9\u00e9\u00e9\n".encode(), None),
        (b"a;b\r\n1;2\r", None),
        # a character's first bytes at a chunk's end, the invalid byte and a newline after
        (b"a\n\xe2\x82\xac\xff\nb\n", "line 2: invalid UTF-8 (the file must be UTF-8 encoded)"),
    ],
)
def test_what_spark_would_read_on_is_found_with_its_line(data: bytes, expected: str | None) -> None:
    """Runs anywhere. Spark reads on past a lone CR and invalid UTF-8 where DuckDB stops, so
    the Spark loader looks for them itself (chunk boundaries inside a CRLF or a character)."""
    from scripts.read_errors import TextChecker

    for size in (1, 4, 7, len(data)):
        checker = TextChecker()
        for start in range(0, len(data), size):
            checker.feed(data[start : start + size])
        assert checker.finish() == expected, size


def test_the_spark_loader_refuses_invalid_utf8_in_one_line(
    sample_warehouse: SampleWarehouse, tmp_path: Path
) -> None:
    """Before Spark starts: the file and line, as DuckDB's build says it."""
    from test_bad_deliveries import _edit_line

    raw = tmp_path / "raw"
    shutil.copytree(sample_warehouse.raw, raw, ignore=shutil.ignore_patterns(".verified.json"))
    _edit_line("title.episode", 7, lambda line: line + b"\xe9")(raw)
    from scripts.load import LoadError, check_and_count

    check_and_count(raw)  # DuckDB's path: its own reader stops on the line, inside dbt
    with pytest.raises(LoadError, match=r"title\.episode\.tsv\.gz: line 7: invalid UTF-8"):
        check_and_count(raw, check_text=True)
