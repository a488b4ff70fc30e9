"""The second engine: the same dbt project on Apache Spark (a local session).

    python -m scripts.spark register [--raw-dir DIR] [--spark-dir DIR]
    python -m scripts.spark build    [--raw-dir DIR] [--spark-dir DIR]
    python -m scripts.spark export   --out DIR [--schema marts] [--spark-dir DIR]
    python -m scripts.spark sql      [--raw-dir DIR] [--path-prefix URI]

`register` runs the loader's checks (the same refusals as for DuckDB: see scripts/load.py) and
registers every raw file as an external Spark table in the `raw` schema, read with the same rules
as DuckDB's: every column a string, IMDB tab separated with quoting off (a title may hold a bare
double quote) and `\\N` kept as text, bike `;` separated and double quoted, the BOM and CRLF
removed, a row with too many or too few fields an error. It records each file in `raw.raw_files`.

`build` registers, then runs `dbt build --target spark`. Tables are parquet files under
`<spark dir>/warehouse`; the Hive metastore (Derby) is `<spark dir>/metastore_db`, which one
process holds at a time, so registration runs in its own process before dbt starts.

`sql` prints the registration as Spark SQL, for a cluster (run it there, then
`dbt build --target spark_cluster`).

`export` writes every relation of a schema (the marts) as parquet files, one folder each.

Snapshots and the history marts need a table format with `merge` (Delta, Iceberg, Hudi). On
parquet (SPARK_FILE_FORMAT, default parquet) they are disabled and the build says so.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import yaml

from scripts import dbt_runner, load
from scripts.raw_files import ALL_FILES, RAW_SCHEMA, RawFile

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_SPARK_DIR = ".spark"
# Table formats whose tables support `merge`, which snapshots need.
HISTORY_FORMATS = ("delta", "iceberg", "hudi")
HISTORY_SKIPPED = (
    "snapshots and the history marts (fct_title_rating_history, fct_sales_order_line_prices) "
    "are skipped: {fmt} tables have no merge, which snapshots need; on a cluster with Delta, "
    "Iceberg or Hudi set SPARK_FILE_FORMAT"
)


class SparkUnavailable(load.LoadError):
    """pyspark or Java is missing."""


def spark_dir(value: str | Path | None = None) -> Path:
    """The Spark folder (warehouse and metastore), absolute: Spark needs absolute paths."""
    chosen = value or os.environ.get("SPARK_DIR") or DEFAULT_SPARK_DIR
    path = Path(chosen)
    return (path if path.is_absolute() else Path.cwd() / path).resolve()


def file_format(env: dict[str, str] | None = None) -> str:
    return ((env or os.environ).get("SPARK_FILE_FORMAT") or "parquet").strip().lower()


def session_conf(env: dict[str, str]) -> dict[str, str]:
    """The `spark` output's server_side_parameters from profiles.yml, rendered for `env`: the
    loader's session is configured exactly as dbt's."""
    profile = yaml.safe_load((PROJECT_DIR / "profiles.yml").read_text())
    params = profile["warehouse"]["outputs"]["spark"]["server_side_parameters"]

    def env_var(name: str, default: str | None = None) -> str:
        if name in env:
            return env[name]
        if default is None:
            raise KeyError(f"{name} is not set")
        return default

    jinja = jinja2.Environment()
    return {
        str(key): jinja.from_string(str(value)).render(env_var=env_var)
        for key, value in params.items()
    }


def check_available() -> None:
    """Stop with one line when pyspark or Java is missing."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise SparkUnavailable(
            "pyspark is not installed: run `make install-spark` (make run ENGINE=spark does)"
        ) from None
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        raise SparkUnavailable(
            "no Java runtime: Spark needs Java 17 (Debian: apt-get install openjdk-17-jre-headless)"
        )


def session(env: dict[str, str]) -> Any:
    """A local Spark session configured as dbt's `spark` output."""
    check_available()
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("warehouse-loader")
    for key, value in session_conf(env).items():
        builder = builder.config(key, value)
    spark = builder.enableHiveSupport().getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def csv_options(spec: RawFile, path: Path) -> dict[str, str]:
    """Spark's CSV options for one raw file: the same reading rules as read_csv_sql."""
    options = {
        "path": str(path),
        "header": "true",
        "encoding": "UTF-8",
        "mode": "FAILFAST",
        # An empty field is NULL, as in DuckDB; IMDB's `\N` and the bike extract's `NULL`
        # stay text for dbt to clean.
        "nullValue": "",
        "ignoreLeadingWhiteSpace": "false",
        "ignoreTrailingWhiteSpace": "false",
    }
    if spec.domain == "imdb":
        options.update({"sep": "\t", "quote": "", "escape": ""})
    else:
        options.update({"sep": ";", "quote": '"', "escape": '"', "multiLine": "true"})
    return options


def _previous_row_counts(spark: Any) -> dict[str, int]:
    if not spark.catalog.tableExists(f"{RAW_SCHEMA}.raw_files"):
        return {}
    rows = spark.sql(
        f"select table_name, data_row_count from {RAW_SCHEMA}.raw_files "
        "where data_row_count is not null"
    ).collect()
    return {str(row[0]): int(row[1]) for row in rows}


RAW_FILES_SCHEMA = ", ".join(
    f"{name} {'string' if kind.startswith('varchar') else kind}"
    for name, kind in load.RAW_FILES_COLUMNS
)


def register(
    raw_dir: Path,
    env: dict[str, str],
    specs: Sequence[RawFile] = ALL_FILES,
    max_row_drop: float | None = None,
    accept_row_drop: bool | None = None,
) -> dict[str, Path]:
    """Check the files (load.plan_registration, against the Spark warehouse's last
    registration) and (re)create one external table per file in the `raw` schema."""
    # A refused delivery never starts Spark. The text is checked in the same whole-file pass
    # (a lone CR, invalid UTF-8): DuckDB's reader stops on both, Spark's would read past them.
    checked = load.check_and_count(raw_dir, specs, check_text=True)
    spark = session(env)
    try:
        plan = load.plan_registration(
            checked, _previous_row_counts(spark), specs, max_row_drop, accept_row_drop
        )
        spark.sql(f"create database if not exists {RAW_SCHEMA}")
        columns = {spec.table: spec.columns for spec in specs}
        for spec in specs:
            path = plan.found[spec.table].resolve()
            name = f"{RAW_SCHEMA}.{spec.table}"
            spark.sql(f"drop table if exists {name}")
            schema = ", ".join(f"`{column}` string" for column in columns[spec.table])
            options = csv_options(spec, path)
            spark.catalog.createTable(name, source="csv", schema=_struct(schema), **options)
        frame = spark.createDataFrame(
            [tuple(row.values()) for row in plan.rows], schema=RAW_FILES_SCHEMA
        )
        frame.write.mode("overwrite").format("parquet").saveAsTable(f"{RAW_SCHEMA}.raw_files")
    finally:
        spark.stop()
    load.report_accepted(plan)
    return plan.found


def spark_literal(text: str) -> str:
    """A Spark SQL string literal holding exactly `text` (a backslash escapes in Spark's)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'")
    return "'" + escaped.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r") + "'"


def registration_sql(raw_dir: Path, path_prefix: str | None = None) -> list[str]:
    """The registration as Spark SQL statements, for a cluster the loader cannot reach (run them
    with the cluster's SQL client, then `dbt build --target spark_cluster`). The files are
    checked and counted here, as for a local build; `path_prefix` replaces the raw folder in
    each file's path (e.g. `s3://bucket/raw`, where the same files were copied). Unlike a local
    build, this cannot compare the row counts with the cluster's last registration."""
    checked = load.check_and_count(raw_dir, check_text=True)
    plan = load.plan_registration(checked, {})
    statements = [f"create database if not exists {RAW_SCHEMA}"]
    for spec in ALL_FILES:
        path = str(plan.found[spec.table].resolve())
        if path_prefix:
            relative = plan.found[spec.table].resolve().relative_to(raw_dir.resolve())
            path = path_prefix.rstrip("/") + "/" + relative.as_posix()
        options = csv_options(spec, Path(path))
        options["path"] = path
        columns = ", ".join(f"`{column}` string" for column in spec.columns)
        rendered = ", ".join(f"{key} {spark_literal(value)}" for key, value in options.items())
        statements.append(f"drop table if exists {RAW_SCHEMA}.{spec.table}")
        statements.append(
            f"create table {RAW_SCHEMA}.{spec.table} ({columns}) using csv options ({rendered})"
        )
    statements.append(f"drop table if exists {RAW_SCHEMA}.raw_files")
    statements.append(f"create table {RAW_SCHEMA}.raw_files ({RAW_FILES_SCHEMA}) using parquet")
    values = []
    for row in plan.rows:
        cells = []
        for value in row.values():
            if value is None:
                cells.append("null")
            elif isinstance(value, int):
                cells.append(str(value))
            elif hasattr(value, "isoformat"):
                cells.append(f"timestamp {spark_literal(value.isoformat(sep=' '))}")
            else:
                cells.append(spark_literal(str(value)))
        values.append("(" + ", ".join(cells) + ")")
    statements.append(f"insert into {RAW_SCHEMA}.raw_files values " + ", ".join(values))
    return statements


def _struct(ddl: str) -> Any:
    from pyspark.sql.types import StructType

    return StructType.fromDDL(ddl)


def spark_env(directory: Path, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment dbt and the loader run with for the Spark warehouse in `directory`."""
    result = dict(os.environ if env is None else env)
    result["SPARK_DIR"] = str(directory)
    result["DBT_TARGET"] = "spark"
    result.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
    result["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(PROJECT_DIR), result.get("PYTHONPATH", "")) if p
    )
    return result


def _say(message: str) -> None:
    print(f"[spark] {message}", flush=True)


def _log_path(env: dict[str, str]) -> Path:
    """Where the Spark engine's own messages (JVM, Spark) go: beside dbt's log."""
    path = dbt_runner.log_file(env, PROJECT_DIR).with_name("spark.log")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def _register_in_own_process(raw_dir: Path, directory: Path, env: dict[str, str]) -> None:
    """Register in a process of its own: it holds the metastore only until it exits. Spark's
    messages go to the Spark log; the loader's own lines (`error:`, `[load]`) are shown."""
    log = _log_path(env)
    result = subprocess.run(
        [sys.executable, "-m", "scripts.spark", "register", "--raw-dir", str(raw_dir)],
        env=env,
        cwd=directory,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        errors="replace",
    )
    with log.open("a") as handle:
        handle.write(result.stdout)
    errors = []
    for line in result.stdout.splitlines():
        if line.startswith("error: "):
            errors.append(line.removeprefix("error: "))
        elif line.startswith(("[load]", "registered ")):
            print(line, flush=True)
    if result.returncode != 0:
        raise load.LoadError(errors[0] if errors else f"registration failed; see {log}")


def build(
    raw_dir: Path,
    directory: Path,
    sample_scale: float | None = None,
    target_path: Path | None = None,
    dbt_args: Sequence[str] = (),
) -> int:
    """Register the raw files and run `dbt build --target spark`. Returns 0 when every node
    that applies built and passed."""
    from scripts import build as duckdb_build

    started = time.monotonic()
    check_available()
    raw_dir = raw_dir.resolve()
    duckdb_build.ensure_raw_data(raw_dir, sample_scale)
    load.check_all(raw_dir)  # a refused delivery stops here, before Spark starts
    directory.mkdir(parents=True, exist_ok=True)
    env = spark_env(directory)
    if target_path is not None:
        env["DBT_TARGET_PATH"] = str(target_path)
    _say(f"registering the raw files as Spark tables in {directory}")
    _register_in_own_process(raw_dir, directory, env)
    if dbt_runner.run_plain(["deps", "--quiet"], env, PROJECT_DIR) != 0:
        raise load.LoadError("dbt deps failed")
    fmt = file_format(env)
    if fmt not in HISTORY_FORMATS:
        _say(HISTORY_SKIPPED.format(fmt=fmt))
    _say("dbt build --target spark (models, seeds, every test; tables written in place)")
    log = _log_path(env)
    with log.open("a") as spark_log:
        code, progress = dbt_runner.run(["build", *dbt_args], env, PROJECT_DIR, stderr=spark_log)
    _say(f"dbt: {progress.stats_line()} (full log: {dbt_runner.log_file(env, PROJECT_DIR)})")
    target = duckdb_build._target_dir(env)
    found = dbt_runner.problems(target / "run_results.json", target / "manifest.json")
    for problem in found:
        for line in problem.lines([]):
            print(line, flush=True)
    bad = [p for p in found if p.status != "warn"]
    if code != 0:
        raise load.LoadError(
            f"dbt build on Spark failed: {len(bad) or 'an'} error(s) or failing test(s), "
            f"listed above; Spark's own messages: {log}"
        )
    _say(f"built the Spark warehouse in {time.monotonic() - started:.0f} s: {directory}")
    return 0


def export(directory: Path, out: Path, schema: str = "marts") -> list[str]:
    """Write every table and view of `schema` in the Spark warehouse as parquet under `out`
    (one folder per relation), for DuckDB or any other reader. Returns the relation names."""
    env = spark_env(directory)
    spark = session(env)
    try:
        names = sorted(row.tableName for row in spark.sql(f"show tables in {schema}").collect())
        for name in names:
            spark.table(f"{schema}.{name}").write.mode("overwrite").parquet(str(out / name))
    finally:
        spark.stop()
    return names


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.spark", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("register", "build", "export", "sql"):
        p = sub.add_parser(name)
        p.add_argument("--raw-dir", type=Path, default=load.default_raw_dir())
        p.add_argument("--spark-dir", type=Path, default=None)
        if name == "build":
            p.add_argument("--target-path", type=Path, default=None)
            p.add_argument("--sample-scale", type=float, default=None)
        if name == "sql":
            p.add_argument(
                "--path-prefix", default=None, help="the raw folder's URI on the cluster"
            )
        if name == "export":
            p.add_argument("--out", type=Path, required=True, help="folder for the parquet files")
            p.add_argument("--schema", default="marts")
    args = parser.parse_args(argv)
    directory = spark_dir(args.spark_dir)
    raw_dir = args.raw_dir if args.raw_dir.is_absolute() else Path.cwd() / args.raw_dir

    def command() -> int:
        if args.command == "register":
            found = register(raw_dir, spark_env(directory))
            print(f"registered {len(found)} raw files as Spark tables (schema {RAW_SCHEMA})")
            return 0
        if args.command == "sql":
            for statement in registration_sql(raw_dir, args.path_prefix):
                print(statement + ";")
            return 0
        if args.command == "export":
            names = export(directory, args.out.resolve(), args.schema)
            print(f"exported {len(names)} relations of {args.schema} to {args.out}")
            return 0
        return build(raw_dir, directory, args.sample_scale, args.target_path)

    return load.run_command(command)


if __name__ == "__main__":
    sys.exit(main())
