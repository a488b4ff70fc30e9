"""Bad deliveries against a published warehouse: nothing is published and no history is
rewritten from a file that is missing, malformed, empty, truncated, ambiguous or far smaller
than the last one, unless a person says so; every refusal is one line naming the file.

Each delivery is the sample data (generated once per session) with one thing broken, built with
`python -m scripts.build` (what `make run` runs) on a copy of the published sample warehouse.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, SampleWarehouse
from scripts.raw_files import ALL_FILES

pytestmark = pytest.mark.slow

SPECS = {spec.stem: spec for spec in ALL_FILES}


def _path(raw: Path, stem: str) -> Path:
    spec = SPECS[stem]
    return raw / spec.domain / spec.candidates[0]


def _read_lines(path: Path) -> list[bytes]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return data.split(b"\n")


def _write_lines(path: Path, lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)


def _edit_line(stem: str, number: int, edit: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """A change of line `number` (1 = the header) of one raw file."""

    def apply(raw: Path) -> None:
        path = _path(raw, stem)
        lines = _read_lines(path)
        lines[number - 1] = edit(lines[number - 1])
        _write_lines(path, lines)

    return apply


def _keep_rows(stem: str, share: float) -> Callable[[Path], None]:
    """Keep the header and the first `share` of the data rows of one raw file."""

    def apply(raw: Path) -> None:
        path = _path(raw, stem)
        lines = [line for line in _read_lines(path) if line]
        keep = max(1, int((len(lines) - 1) * share))
        _write_lines(path, [*lines[: keep + 1], b""])

    return apply


class Delivery:
    """The sample's raw files and a copy of its published warehouse, in a temp folder."""

    def __init__(self, sample: SampleWarehouse, work: Path) -> None:
        self.work = work
        self.raw = work / "raw"
        shutil.copytree(sample.raw, self.raw, ignore=shutil.ignore_patterns(".verified.json"))
        self.db = work / "warehouse.duckdb"
        shutil.copy2(sample.db, self.db)
        self.before = self.sha256()

    def sha256(self) -> str:
        return hashlib.sha256(self.db.read_bytes()).hexdigest()

    def build(self, *extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        environment = {
            **os.environ,
            "DBT_PROFILES_DIR": str(REPO),
            "DBT_LOG_PATH": str(self.work / "logs"),
            "DUCKDB_TEMP_DIR": str(self.work / "tmp"),
            **(env or {}),
        }
        for name in ("DBT_TARGET_PATH", "DUCKDB_PATH", "DBT_TARGET", "ACCEPT_ROW_DROP"):
            if name not in (env or {}):
                environment.pop(name, None)
        return subprocess.run(
            [sys.executable, "-m", "scripts.build", "--raw-dir", str(self.raw),
             "--db", str(self.db), "--target-path", str(self.work / "target"), *extra],
            cwd=REPO, env=environment, capture_output=True, text=True, timeout=1200,
        )  # fmt: skip

    def assert_refused(self, result: subprocess.CompletedProcess, *fragments: str) -> str:
        """Not published, the published file byte for byte as before, and exactly one error
        line naming the problem; returns that line."""
        output = result.stdout + result.stderr
        assert result.returncode == 1, output[-4000:]
        errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
        assert len(errors) == 1, result.stderr
        for fragment in fragments:
            assert fragment in errors[0], errors[0]
        assert "Traceback" not in output
        assert "not published" in result.stderr
        assert self.sha256() == self.before
        assert not (self.work / ".build" / "candidate" / self.db.name).exists()
        return errors[0]


@pytest.fixture
def delivery(sample_warehouse: SampleWarehouse, tmp_path: Path) -> Delivery:
    return Delivery(sample_warehouse, tmp_path)


def _utf16(stem: str) -> Callable[[Path], None]:
    def apply(raw: Path) -> None:
        path = _path(raw, stem)
        path.write_bytes(path.read_bytes().decode("utf-8-sig").encode("utf-16"))

    return apply


def _replace(stem: str, content: bytes, gzipped: bool = True) -> Callable[[Path], None]:
    def apply(raw: Path) -> None:
        path = _path(raw, stem)
        compress = gzipped and path.name.endswith(".gz")
        path.write_bytes(gzip.compress(content) if compress else content)

    return apply


def _truncate(stem: str) -> Callable[[Path], None]:
    def apply(raw: Path) -> None:
        path = _path(raw, stem)
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])

    return apply


def _directory(stem: str) -> Callable[[Path], None]:
    def apply(raw: Path) -> None:
        path = _path(raw, stem)
        path.unlink()
        path.mkdir()

    return apply


def _second_file(stem: str) -> Callable[[Path], None]:
    """A plain `.tsv` with other content beside the `.tsv.gz`."""

    def apply(raw: Path) -> None:
        path = _path(raw, stem)
        lines = _read_lines(path)
        (path.parent / path.name.removesuffix(".gz")).write_bytes(b"\n".join(lines[:-5]) + b"\n")

    return apply


def _header_only(stem: str) -> Callable[[Path], None]:
    def apply(raw: Path) -> None:
        path = _path(raw, stem)
        _write_lines(path, [_read_lines(path)[0], b""])

    return apply


def _remove(stem: str) -> Callable[[Path], None]:
    return lambda raw: _path(raw, stem).unlink()


def _header(stem: str, header: bytes) -> Callable[[Path], None]:
    return _edit_line(stem, 1, lambda line: header)


# Each case: how the delivery is broken, and what its one error line must say. The loader stops
# all of them before dbt runs, so neither models nor snapshots see the delivery.
REFUSED_BY_THE_LOADER = {
    "missing imdb file": (_remove("title.crew"), ["title.crew.tsv.gz", "missing"]),
    "missing bike file": (_remove("Sales.Customer"), ["Sales.Customer.csv", "missing"]),
    "empty file": (_replace("title.episode", b"", gzipped=False), ["title.episode", "empty"]),
    "empty bike file": (_replace("Person.Person", b""), ["Person.Person.csv", "empty"]),
    "not gzip": (_replace("name.basics", b"nconst\tprimaryName\n", False), ["not gzip"]),
    "truncated gzip": (_truncate("title.principals"), ["title.principals", "truncated gzip"]),
    "gzip of nothing": (_replace("title.akas", b""), ["title.akas", "empty file"]),
    "header only, imdb": (_header_only("title.ratings"), ["title.ratings", "no data rows"]),
    "header only, bike": (_header_only("Production.Product"), ["Production.Product", "no data"]),
    "two files for one source": (
        _second_file("title.ratings"),
        ["title.ratings.tsv.gz and title.ratings.tsv;", "two files"],
    ),
    "directory in place of a file": (_directory("title.basics"), ["not a regular file"]),
    "wrong header": (
        _header("title.episode", b"tconst\tparentTconst\tseason\tepisodeNumber"),
        ["title.episode", "wrong header", "seasonNumber"],
    ),
    "columns out of order": (
        _header("title.ratings", b"tconst\tnumVotes\taverageRating"),
        ["title.ratings", "out of order"],
    ),
    "comma delimiter": (
        _header("Sales.SpecialOfferProduct", b"SpecialOfferID,ProductID,rowguid,ModifiedDate\r"),
        ["Sales.SpecialOfferProduct.csv", "delimiter"],
    ),
    "UTF-16": (_utf16("Sales.Customer"), ["Sales.Customer.csv", "header"]),
    "latin-1 header": (
        _header("title.crew", b"tconst\tdirectors\twriters\xe9"),
        ["title.crew", "not UTF-8"],
    ),
    "far fewer rows (imdb)": (
        _keep_rows("title.ratings", 0.3),
        ["title.ratings.tsv.gz", "down 70%", "ACCEPT_ROW_DROP=1"],
    ),
    "far fewer rows (bike)": (
        _keep_rows("Production.Product", 0.2),
        ["Production.Product.csv", "down 80%", "ACCEPT_ROW_DROP=1"],
    ),
}


@pytest.mark.parametrize("case", list(REFUSED_BY_THE_LOADER))
def test_the_loader_refuses_the_delivery_in_one_line(delivery: Delivery, case: str) -> None:
    breaks, fragments = REFUSED_BY_THE_LOADER[case]
    breaks(delivery.raw)
    result = delivery.build()
    delivery.assert_refused(result, *fragments)
    assert "dbt build" not in result.stdout


def test_parse_errors_inside_dbt_are_one_line_each(delivery: Delivery) -> None:
    """Rows DuckDB's strict reader refuses stop the build; each file's problem is printed once,
    as file, line number and what is wrong, with dbt's long messages kept in its log."""
    _edit_line("title.ratings", 11, lambda line: line + b"\textra")(delivery.raw)
    _edit_line("title.crew", 5, lambda line: line.rsplit(b"\t", 1)[0])(delivery.raw)
    _edit_line("title.episode", 7, lambda line: line + b"\xe9")(delivery.raw)
    _edit_line("title.basics", 9, lambda line: line.replace(b"\t", b"\r\t", 1))(delivery.raw)
    _edit_line("Sales.SpecialOfferProduct", 4, lambda line: line[:-1] + b";9\r")(delivery.raw)
    result = delivery.build()
    output = result.stdout + result.stderr
    delivery.assert_refused(result, "dbt build failed")
    expected = {
        "title.ratings.tsv.gz: line 11: too many fields (4, expected 3)",
        "title.crew.tsv.gz: line 5: too few fields (2, expected 3)",
        "title.episode.tsv.gz: line 7: invalid UTF-8",
        "title.basics.tsv.gz: line 9: stray carriage return",
        "Sales.SpecialOfferProduct.csv: line 4: too many fields (5, expected 4)",
    }
    for text in expected:
        assert output.count(text) == 1, (text, output[-6000:])
    assert "strict_mode" not in output and "Possible fixes" not in output
    log = delivery.work / "logs" / "dbt.log"
    assert "Possible fixes" in log.read_text()  # the full messages are in the log


def test_blank_lines_are_skipped_and_reconciled(delivery: Delivery) -> None:
    """A blank line in a file is no row and no error: the landing reconciles with the loader's
    count, and the build publishes."""
    _edit_line("title.basics", 20, lambda line: line + b"\n")(delivery.raw)
    _edit_line("Sales.Customer", 30, lambda line: line + b"\n\r")(delivery.raw)
    result = delivery.build()
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    with duckdb.connect(str(delivery.db), read_only=True) as con:
        blank = dict(
            con.execute(
                "select table_name, blank_line_count from raw.raw_files where blank_line_count > 0"
            ).fetchall()
        )
        landed, file_rows = con.execute(
            "select (select count(*) from staging.base_imdb__titles), data_row_count "
            "from raw.raw_files where table_name = 'imdb_title_basics'"
        ).fetchone()
    assert blank == {"imdb_title_basics": 1, "bike_customer": 1}
    assert landed == file_rows


def test_a_failing_reconciliation_names_the_file_and_the_difference(delivery: Delivery) -> None:
    """When the landed rows and the file's lines disagree, the build prints the file and both
    counts (here the loader's count is made wrong by one line, as a reader skipping a line
    the loader counts would)."""
    _edit_line("title.basics", 20, lambda line: line + b"\n")(delivery.raw)
    patch = delivery.work / "patched"
    patch.mkdir()
    (patch / "sitecustomize.py").write_text(
        "import scripts.load as load\n"
        "_scan = load._scan\n"
        "def _undercount(path):\n"
        "    facts = _scan(path)\n"
        "    if 'title.basics' in path.name:\n"
        "        return load.FileFacts(facts.lines, 0, facts.sha256)\n"
        "    return facts\n"
        "load._scan = _undercount\n"
    )
    result = delivery.build(env={"PYTHONPATH": f"{patch}{os.pathsep}{REPO}"})
    delivery.assert_refused(result, "dbt build failed")
    assert "row_count_matches_file_base_imdb__titles" in result.stdout
    assert "table_name=imdb_title_basics" in result.stdout
    assert "rows_landed_minus_file_rows=-1" in result.stdout


def test_odd_but_valid_bytes_are_kept(delivery: Delivery) -> None:
    """CRLF line ends in an IMDB file, a NUL byte and a 1 MB value are read, not refused, and
    every raw row is staged or rejected (the build's reconciliation tests pass)."""
    path = _path(delivery.raw, "title.crew")
    _write_lines(path, [line + b"\r" for line in _read_lines(path)[:-1]] + [b""])
    _edit_line("title.principals", 3, lambda line: line.replace(b"\t", b"\t\x00", 1))(delivery.raw)
    long_title = b"A" * 1_000_000
    _edit_line("title.akas", 2, lambda line: b"\t".join([*line.split(b"\t")[:2], long_title,
               *line.split(b"\t")[3:]]))(delivery.raw)  # fmt: skip
    result = delivery.build()
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    with duckdb.connect(str(delivery.db), read_only=True) as con:
        longest = con.execute("select max(length(aka_title)) from marts.fct_title_akas")
        assert longest.fetchone() == (1_000_000,)


def test_an_accepted_drop_publishes_and_is_recorded(delivery: Delivery) -> None:
    """The same 70% drop that is refused by default publishes with ACCEPT_ROW_DROP=1, and the
    build record says who accepted it; history then closes the withdrawn ratings on purpose."""
    _keep_rows("title.ratings", 0.3)(delivery.raw)
    result = delivery.build(env={"ACCEPT_ROW_DROP": "1"})
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    assert "accepted:" in result.stdout and "title.ratings.tsv.gz" in result.stdout
    with duckdb.connect(str(delivery.db), read_only=True) as con:
        builds = con.execute(
            "select build_id, row_drop_accepted from meta.builds order by build_id"
        ).fetchall()
        accepted = con.execute(
            "select table_name, data_row_count, previous_data_row_count, row_drop_accepted_by "
            "from meta.build_inputs where build_id = ? and row_drop_accepted_by is not null",
            [builds[-1][0]],
        ).fetchall()
        landed = con.execute("select count(*) from staging.base_imdb__title_ratings").fetchone()
    assert [flag for _, flag in builds] == [False, True]
    assert len(accepted) == 1 and accepted[0][0] == "imdb_title_ratings"
    _, after, before, who = accepted[0]
    delivered = [line for line in _read_lines(_path(delivery.raw, "title.ratings"))[1:] if line]
    assert (after,) == landed and after == len(delivered)
    assert after < 0.5 * before and "ACCEPT_ROW_DROP" in who


def test_every_published_build_is_recorded(sample_warehouse: SampleWarehouse) -> None:
    """The build record holds the inputs' sizes and checksums, the sources' and marts' rows,
    the test summary and who built it, checked against the files and tables themselves."""
    with duckdb.connect(str(sample_warehouse.db), read_only=True) as con:
        builds = con.execute(
            "select build_id, built_by, dbt_stats, tests_run, nodes_warned from meta.builds"
        ).fetchall()
        inputs = con.execute(
            "select table_name, file_path, size_bytes, sha256, data_row_count "
            "from meta.build_inputs"
        ).fetchall()
        outputs = con.execute(
            "select relation_name, relation_type, row_count from meta.build_outputs"
        ).fetchall()
        counts = {
            name: con.execute(f'select count(*) from marts."{name}"').fetchone()[0]
            for name, kind, _ in outputs
            if kind == "table"
        }
        staged = con.execute("select count(*) from staging.base_imdb__title_principals").fetchone()
    assert len(builds) == 1
    _, built_by, stats, tests_run, warned = builds[0]
    assert "@" in built_by and "PASS=" in stats and "ERROR=0" in stats
    assert tests_run > 400 and f"WARN={warned}" in stats
    assert len(inputs) == len(ALL_FILES)
    for table, file_path, size, sha256, rows in inputs:
        data = Path(file_path).read_bytes()
        assert (size, sha256) == (len(data), hashlib.sha256(data).hexdigest()), table
        if table == "imdb_title_principals":
            assert (rows,) == staged
    assert {"fct_sales_orders", "vw_general"} <= {name for name, _, _ in outputs}
    assert counts and all(
        row_count == counts[name] for name, _, row_count in outputs if name in counts
    )
    assert all(row_count is None for _, kind, row_count in outputs if kind == "view")


# ------------------------------------------------------------------ bad values in good files

WELL_FORMED_KEY = re.compile(rb"(tt|nm)[0-9]{7,8}|[1-9][0-9]*")


def _break_value(
    raw: Path, stem: str, key_width: int, column: str, value: bytes
) -> tuple[str, ...]:
    """Write `value` into `column` of the first row whose key (its first `key_width` fields) is
    well formed and occurs once in the file; returns the row's key fields."""
    spec = SPECS[stem]
    delimiter = spec.delimiter.encode()
    path = _path(raw, stem)
    lines = _read_lines(path)
    keys: dict[tuple[bytes, ...], int] = {}
    for line in lines[1:]:
        key = tuple(line.rstrip(b"\r").split(delimiter)[:key_width])
        keys[key] = keys.get(key, 0) + 1
    index = spec.columns.index(column)
    for number, line in enumerate(lines[1:], 2):
        fields = line.rstrip(b"\r").split(delimiter)
        key = tuple(fields[:key_width])
        well_formed = all(WELL_FORMED_KEY.fullmatch(part.strip(b'"')) for part in key)
        if len(fields) == len(spec.columns) and keys[key] == 1 and well_formed:
            fields[index] = value
            ending = b"\r" if line.endswith(b"\r") else b""
            lines[number - 1] = delimiter.join(fields) + ending
            _write_lines(path, lines)
            return tuple(part.decode() for part in key)
    raise AssertionError(f"no row with a unique, well-formed key in {path}")


# file, key width, column, bad value; the staging model, its key columns (as many as the key
# width), the typed column
NULLED_AND_LISTED = [
    ("title.basics", 1, "startYear", b"19x4", "stg_imdb__titles", "title_tconst", "start_year"),
    ("title.basics", 1, "runtimeMinutes", b"ninety", "stg_imdb__titles", "title_tconst",
     "runtime_minutes"),
    ("title.ratings", 1, "averageRating", b"11.5", "stg_imdb__title_ratings", "title_tconst",
     "average_rating"),
    ("title.ratings", 1, "numVotes", b"many", "stg_imdb__title_ratings", "title_tconst",
     "num_votes"),
    ("name.basics", 1, "birthYear", b"abcd", "stg_imdb__people", "person_nconst", "birth_year"),
    ("title.episode", 1, "seasonNumber", b"S1", "stg_imdb__title_episodes", "episode_tconst",
     "season_number"),
    ("Sales.SalesOrderDetail", 2, "OrderQty", b"many", "stg_bike__sales_order_details",
     "sales_order_id, sales_order_detail_id", "order_quantity"),
    ("Sales.SalesOrderDetail", 2, "UnitPrice", b"1,2,3", "stg_bike__sales_order_details",
     "sales_order_id, sales_order_detail_id", "unit_price"),
    ("Sales.SalesOrderHeader", 1, "OrderDate", b"2011-13-45 00:00:00.000",
     "stg_bike__sales_order_headers", "sales_order_id", "ordered_at"),
    ("Production.Product", 1, "ListPrice", b"abc", "stg_bike__products", "product_id",
     "list_price"),
]  # fmt: skip
# file, key width, column, unreadable key; the rejected view and its raw key column
QUARANTINED = [
    ("title.principals", 2, "ordering", b"x", "stg_imdb__title_principals_rejected", "ordering"),
    ("Sales.Customer", 1, "CustomerID", b"C-1", "stg_bike__customers_rejected", "CustomerID"),
]


def test_bad_values_are_nulled_and_listed_or_quarantined(delivery: Delivery) -> None:
    """A dozen bad values across both domains: a bad value becomes NULL and is named in its
    row's `rejected_columns`; a row whose key cannot be read goes to its `_rejected` view. The
    build publishes, and its reconciliation tests (raw = staged + rejected) pass."""
    broken = []
    for stem, width, column, value, model, key_column, typed in NULLED_AND_LISTED:
        key = _break_value(delivery.raw, stem, width, column, value)
        broken.append((key, column, model, key_column, typed))
    for stem, width, column, value, _, _ in QUARANTINED:
        _break_value(delivery.raw, stem, width, column, value)
    result = delivery.build()
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    with duckdb.connect(str(delivery.db), read_only=True) as con:
        for key, column, model, key_columns, typed in broken:
            values = [int(part) if part.isdigit() else part for part in key]
            where = " and ".join(f"{name} = ?" for name in key_columns.split(", "))
            assert len(values) == len(key_columns.split(", "))
            rows = con.execute(
                f"select {typed}, rejected_columns from staging.{model} where {where}", values
            ).fetchall()
            assert len(rows) == 1, (model, key, rows)
            assert all(value is None and column in rejected for value, rejected in rows), rows
        for _, _, _, value, view, raw_column in QUARANTINED:
            found = con.execute(
                f'select count(*) from staging.{view} where "{raw_column}" = ?', [value.decode()]
            ).fetchone()
            assert found == (1,), (view, value)
    run_results = delivery.work / "target" / "run_results.json"
    statuses = {r["unique_id"]: r["status"] for r in json.loads(run_results.read_text())["results"]}
    reconcile = [uid for uid in statuses if ".rows_reconcile_" in uid]
    assert len(reconcile) == len(ALL_FILES)
    assert all(statuses[uid] == "pass" for uid in reconcile)
