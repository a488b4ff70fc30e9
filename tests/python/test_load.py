"""The loader: every bad-input case ends in one line naming the file and the problem."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, write_raw_file
from scripts import load, read_errors
from scripts.raw_files import ALL_FILES, BIKE_FILES, IMDB_FILES, read_csv_sql

BASICS = IMDB_FILES[0]
PRODUCT = next(s for s in BIKE_FILES if s.stem == "Production.Product")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scripts.load", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


def test_register_creates_one_view_per_file(minimal_raw: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    result = run_cli("register", "--raw-dir", str(minimal_raw), "--db", str(db))
    assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(db), read_only=True)
    views = {
        row[0]
        for row in con.execute(
            "select view_name from duckdb_views() where schema_name = 'raw'"
        ).fetchall()
    }
    assert views == {spec.table for spec in ALL_FILES}
    # Every column is VARCHAR and the values are the raw text, untouched.
    for spec in ALL_FILES:
        types = con.execute(
            "select distinct data_type from information_schema.columns "
            "where table_schema = 'raw' and table_name = ?",
            [spec.table],
        ).fetchall()
        assert types == [("VARCHAR",)], spec.table
        assert con.execute(f"select count(*) from raw.{spec.table}").fetchone() == (1,)
    registered = con.execute("select count(*) from raw.raw_files").fetchone()
    assert registered == (13,)


def test_raw_values_are_kept_as_text(tmp_path: Path, minimal_raw: Path) -> None:
    """`\\N`, `NULL`, bare quotes, BOM and CRLF: the view shows the file's text as it is."""
    row = ["tt0000001", "short", '"Rolling in the Deep Dish', "x", "0", "1894", "\\N", "1", "A,B"]
    write_raw_file(minimal_raw, BASICS, [row])
    product_row = ["1", "Adjustable Race", "AR-5381", "0", "0", "NULL", *["1"] * 19]
    product_row[16] = '"L "'
    product_row[8] = "1059,31"
    write_raw_file(minimal_raw, PRODUCT, [product_row])
    db = tmp_path / "w.duckdb"
    load.register(minimal_raw, db)
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select * from raw.imdb_title_basics").fetchone() == tuple(row)
    got = con.execute(
        'select "ProductID", "Color", "StandardCost", "Class", "ModifiedDate" from raw.bike_product'
    ).fetchone()
    assert got == ("1", "NULL", "1059,31", "L ", "1")


def test_plain_tsv_is_accepted(minimal_raw: Path, tmp_path: Path) -> None:
    gz = minimal_raw / "imdb" / "title.ratings.tsv.gz"
    (minimal_raw / "imdb" / "title.ratings.tsv").write_bytes(gzip.decompress(gz.read_bytes()))
    gz.unlink()
    found = load.register(minimal_raw, tmp_path / "w.duckdb")
    assert found["imdb_title_ratings"].name == "title.ratings.tsv"


def test_missing_file(minimal_raw: Path) -> None:
    (minimal_raw / "imdb" / "title.crew.tsv.gz").unlink()
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "title.crew.tsv.gz", "missing")


def test_empty_file(minimal_raw: Path) -> None:
    (minimal_raw / "bike" / "Sales.Customer.csv").write_bytes(b"")
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "Sales.Customer.csv", "empty")


def test_wrong_header_names_the_difference(minimal_raw: Path) -> None:
    path = minimal_raw / "imdb" / "title.episode.tsv.gz"
    path.write_bytes(gzip.compress(b"tconst\tparentTconst\tseason\tepisodeNumber\nx\ty\t1\t2\n"))
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "title.episode.tsv.gz", "wrong header", "seasonNumber", "season")


def test_wrong_delimiter(minimal_raw: Path) -> None:
    spec = next(s for s in BIKE_FILES if s.stem == "Sales.SpecialOfferProduct")
    path = minimal_raw / "bike" / "Sales.SpecialOfferProduct.csv"
    path.write_text(",".join(spec.columns) + "\r\n1,2,3,4\r\n")
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "Sales.SpecialOfferProduct.csv", "wrong header", "delimiter")


def test_not_gzip(minimal_raw: Path) -> None:
    path = minimal_raw / "imdb" / "name.basics.tsv.gz"
    path.write_text("nconst\tprimaryName\n")
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "name.basics.tsv.gz", "not gzip")


def test_truncated_gzip(minimal_raw: Path) -> None:
    path = minimal_raw / "imdb" / "title.principals.tsv.gz"
    body = "\n".join(f"tt{i:07d}\t1\tnm{i:07d}\tactor\t\\N\t\\N" for i in range(20000))
    header = "\t".join(IMDB_FILES[4].columns)
    data = gzip.compress(f"{header}\n{body}\n".encode())
    path.write_bytes(data[: len(data) // 2])
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "title.principals.tsv.gz", "truncated gzip")


def test_corrupt_gzip(minimal_raw: Path) -> None:
    path = minimal_raw / "imdb" / "title.akas.tsv.gz"
    data = bytearray(gzip.compress(("\t".join(IMDB_FILES[1].columns) + "\n" * 5000).encode()))
    data[30:60] = b"\xff" * 30
    path.write_bytes(bytes(data))
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "title.akas.tsv.gz")


def test_unreadable_path_is_a_directory(minimal_raw: Path) -> None:
    path = minimal_raw / "bike" / "Person.Person.csv"
    path.unlink()
    path.mkdir()
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "Person.Person.csv", "not a regular file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_permissions(minimal_raw: Path) -> None:
    path = minimal_raw / "bike" / "Person.Person.csv"
    path.chmod(0)
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "Person.Person.csv", "unreadable")


def test_database_locked_by_another_writer(minimal_raw: Path, tmp_path: Path) -> None:
    db = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        result = run_cli("register", "--raw-dir", str(minimal_raw), "--db", str(db))
        assert_one_line_error(result, "locked.duckdb", "cannot open")
    finally:
        holder.kill()
        holder.wait()


def test_paths_with_spaces_and_quotes(minimal_raw: Path, tmp_path: Path) -> None:
    odd = tmp_path / 'it\'s a "raw" dir'
    minimal_raw.rename(odd)
    db = tmp_path / 'o\'dd "db".duckdb'
    result = run_cli("register", "--raw-dir", str(odd), "--db", str(db))
    assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("select count(*) from raw.imdb_title_basics").fetchone() == (1,)


def test_gzip_is_verified_once_per_file_version(minimal_raw: Path) -> None:
    load.check_all(minimal_raw)
    cache = (minimal_raw / load.VERIFIED_CACHE).read_text()
    assert "title.basics.tsv.gz" in cache
    # A file that changes after verification is verified again (and here found truncated).
    path = minimal_raw / "imdb" / "title.basics.tsv.gz"
    body = "\n".join(f"tt{i:07d}\tmovie\tt\tt\t0\t2000\t\\N\t90\tDrama" for i in range(20000))
    data = gzip.compress(("\t".join(BASICS.columns) + "\n" + body + "\n").encode())
    path.write_bytes(data[:-100])
    with pytest.raises(load.LoadError, match="truncated gzip"):
        load.check_all(minimal_raw)


def test_files_are_read_biggest_first(minimal_raw: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole-file reads start with the biggest file, so that the slowest one does not
    start last and leave the other thread idle."""
    path = minimal_raw / "imdb" / "title.principals.tsv.gz"
    body = "".join(f"tt{i:07d}\t1\tnm{i:07d}\tactor\t\\N\t\\N\n" for i in range(50000))
    header = "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n"
    path.write_bytes(gzip.compress((header + body).encode()))
    scanned: list[Path] = []
    real_scan = load._scan

    def recording_scan(scanned_path: Path) -> int:
        scanned.append(scanned_path)
        return real_scan(scanned_path)

    monkeypatch.setattr(load, "_scan", recording_scan)
    monkeypatch.setattr(os, "cpu_count", lambda: 1)  # one thread: calls in submission order
    load.check_all(minimal_raw)
    sizes = [scanned_path.stat().st_size for scanned_path in scanned]
    assert len(scanned) > 1
    assert scanned[0] == path
    assert sizes == sorted(sizes, reverse=True)


def test_lines_are_counted_in_gzip_and_plain_files(tmp_path: Path) -> None:
    """The count covers every line: several gzip members, and a last line without newline."""
    member_one = gzip.compress(b"h\ta\n1\tx\n")
    member_two = gzip.compress(b"2\ty\n3\tz")  # no newline at the end
    gz = tmp_path / "two-members.tsv.gz"
    gz.write_bytes(member_one + member_two)
    assert load._verify_gzip_stream(gz).lines == 4
    plain = tmp_path / "plain.tsv"
    plain.write_bytes(b"h\ta\n1\tx\n2\ty\n")
    assert load._count_plain_lines(plain).lines == 3
    plain.write_bytes(b"h\ta\n1\tx\n2\ty")
    assert load._count_plain_lines(plain).lines == 3
    # Lines longer than one read chunk are counted once.
    big = tmp_path / "big.tsv.gz"
    big.write_bytes(gzip.compress(b"h\n" + (b"x" * (load.CHUNK + 10) + b"\n") * 3))
    assert load._verify_gzip_stream(big).lines == 4


def test_the_text_check_rides_the_whole_file_scan(tmp_path: Path) -> None:
    """Spark's loader checks the text in the same pass as the gzip check and line count: the
    problem's line is found across gzip members and read chunks; without the check, as on
    DuckDB's path (whose reader stops on the line itself), nothing is looked for."""
    member_one = gzip.compress(b"h\ta\n1\tx\n")
    member_two = gzip.compress(b"2\t" + b"y" * (load.CHUNK + 10) + b"\n3\t\xe9\n4\tz\n")
    gz = tmp_path / "two-members.tsv.gz"
    gz.write_bytes(member_one + member_two)
    facts = load._scan(gz, check_text=True)
    assert facts.text_problem == f"line 4: {read_errors.NOT_UTF8}"
    assert facts.lines == 5
    assert load._scan(gz).text_problem is None
    plain = tmp_path / "plain.csv"
    plain.write_bytes(b"h;a\r\n1;x\r\n2;y\rz\r\n")
    assert load._scan(plain, check_text=True).text_problem == f"line 3: {read_errors.STRAY_CR}"
    plain.write_bytes(b"h;a\r\n1;x\r\n2;\xc3\xa9\r\n")
    assert load._scan(plain, check_text=True).text_problem is None


def test_the_text_check_reads_each_file_once_and_is_cached(
    minimal_raw: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the text check, every file is read once (no second pass for the text), a checked
    file is not read again, and a file verified before without the check is read once more."""
    scans: list[tuple[str, bool]] = []
    real_scan = load._scan

    def recording_scan(path: Path, check_text: bool = False) -> load.FileFacts:
        scans.append((path.name, check_text))
        return real_scan(path, check_text=check_text)

    monkeypatch.setattr(load, "_scan", recording_scan)
    names = sorted(load.locate(minimal_raw, spec).name for spec in ALL_FILES)
    load.check_and_count(minimal_raw, check_text=True)
    assert sorted(scans) == [(name, True) for name in names]
    scans.clear()
    load.check_and_count(minimal_raw, check_text=True)
    load.check_and_count(minimal_raw)
    assert scans == []
    (minimal_raw / load.VERIFIED_CACHE).unlink()
    load.check_and_count(minimal_raw)
    assert sorted(scans) == [(name, False) for name in names]
    scans.clear()
    load.check_and_count(minimal_raw, check_text=True)
    assert sorted(scans) == [(name, True) for name in names]
    # a problem found is kept with the file's facts: refused again without a read
    path = minimal_raw / "imdb" / "title.basics.tsv.gz"
    body = "tt0000001\tmovie\tt\xe9\tt\t0\t2000\t\\N\t90\tDrama\n"
    path.write_bytes(gzip.compress(("\t".join(BASICS.columns) + "\n" + body).encode("latin-1")))
    scans.clear()
    for _ in range(2):
        with pytest.raises(load.LoadError, match=r"title\.basics\.tsv\.gz: line 2: invalid UTF-8"):
            load.check_and_count(minimal_raw, check_text=True)
    assert scans == [("title.basics.tsv.gz", True)]


@pytest.mark.parametrize(
    ("text", "lines", "blank"),
    [
        (b"h\n1\n2\n", 3, 0),
        (b"h\n1\n\n2\n", 4, 1),  # one empty line between rows
        (b"h\n1\n\n\n\n2\n", 6, 3),  # several in a row
        (b"h\r\n1\r\n\r\n2\r\n", 4, 1),  # CRLF
        (b"h\n1\n2\n\n", 4, 1),  # at the end
        (b"h\n1\n \n2\n", 4, 0),  # a space is not blank: the reader sees a short row
    ],
)
def test_blank_lines_are_counted_apart(text: bytes, lines: int, blank: int) -> None:
    """Blank lines are counted like DuckDB's reader skips them, also across read chunks."""
    whole = load._LineCounter()
    whole.feed(text)
    assert (whole.lines, whole.blank_lines) == (lines, blank)
    for size in (1, 2, 3):  # the same stream fed in small pieces
        pieces = load._LineCounter()
        for start in range(0, len(text), size):
            pieces.feed(text[start : start + size])
        assert (pieces.lines, pieces.blank_lines) == (lines, blank), size


def test_blank_lines_match_what_duckdb_reads(tmp_path: Path) -> None:
    """The loader's data rows equal the rows DuckDB's reader returns for a file with blank
    lines (the counts the landing reconciliation compares)."""
    spec = next(s for s in IMDB_FILES if s.stem == "title.ratings")
    path = tmp_path / "title.ratings.tsv.gz"
    text = "tconst\taverageRating\tnumVotes\ntt0000001\t5.0\t10\n\ntt0000002\t6.0\t11\n\n"
    path.write_bytes(gzip.compress(text.encode()))
    facts = load._scan(path)
    rows = duckdb.execute(f"select count(*) from {read_csv_sql(spec, path)}").fetchone()
    assert (facts.lines, facts.blank_lines, facts.data_rows) == (5, 2, 2)
    assert rows == (facts.data_rows,)


def test_register_records_each_imdb_file_line_count(minimal_raw: Path, tmp_path: Path) -> None:
    rows = [[f"tt{i:07d}", "movie", "t", "t", "0", "2000", "\\N", "90", "Drama"] for i in range(7)]
    write_raw_file(minimal_raw, BASICS, rows)
    db = tmp_path / "w.duckdb"
    load.register(minimal_raw, db)
    con = duckdb.connect(str(db), read_only=True)
    counts = dict(con.execute("select table_name, line_count from raw.raw_files").fetchall())
    facts = con.execute(
        "select sha256, data_row_count, blank_line_count from raw.raw_files "
        "where table_name = 'imdb_title_basics'"
    ).fetchone()
    con.close()
    assert counts["imdb_title_basics"] == 8  # header + 7 rows
    assert all(counts[spec.table] == 2 for spec in ALL_FILES if spec is not BASICS)
    path = minimal_raw / "imdb" / "title.basics.tsv.gz"
    assert facts == (hashlib.sha256(path.read_bytes()).hexdigest(), 7, 0)
    # The count is cached with the file version and read from the cache next time.
    cache = json.loads((minimal_raw / load.VERIFIED_CACHE).read_text())
    entry = cache[str(path.resolve())]
    assert entry["lines"] == 8


def test_an_older_raw_files_table_gains_the_newer_columns(
    minimal_raw: Path, tmp_path: Path
) -> None:
    """A warehouse registered before line counts existed is upgraded, not broken."""
    db = tmp_path / "w.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create schema raw")
    con.execute(
        "create table raw.raw_files (table_name varchar primary key, file_path varchar, "
        "size_bytes bigint, modified_at timestamp, registered_at timestamp)"
    )
    con.close()
    load.register(minimal_raw, db)
    con = duckdb.connect(str(db), read_only=True)
    upgraded = con.execute(
        "select count(*) from raw.raw_files "
        "where line_count = 2 and blank_line_count = 0 and data_row_count = 1"
    ).fetchone()
    assert upgraded == (len(ALL_FILES),)
    con.close()


def test_real_samples_parse_with_the_loader_options(shared_data: Path, tmp_path: Path) -> None:
    """The real files register and read with exactly the options used for generated files."""
    raw = tmp_path / "raw"
    for spec in ALL_FILES:
        real = [shared_data / spec.domain / n for n in (*spec.candidates, spec.stem + ".tsv")]
        source = next((p for p in real if p.exists()), None)
        if source is None:
            write_raw_file(raw, spec)
        else:
            (raw / spec.domain).mkdir(parents=True, exist_ok=True)
            (raw / spec.domain / source.name).symlink_to(source)
    db = tmp_path / "w.duckdb"
    load.register(raw, db)
    con = duckdb.connect(str(db), read_only=True)
    counts = {
        "imdb_title_basics": 99,
        "imdb_title_principals": 99,
        "bike_product": 504,
        "bike_customer": 19820,
        "bike_special_offer_product": 538,
    }
    for table, expected in counts.items():
        assert con.execute(f"select count(*) from raw.{table}").fetchone() == (expected,)
    job = con.execute(
        "select job from raw.imdb_title_principals where tconst = 'tt0000036' and ordering = '3'"
    ).fetchone()
    assert job == ('story "Rip Van Winkle"',)


# ------------------------------------------------------------------ collapsed deliveries


def test_two_files_for_one_source_stop_with_both_names(minimal_raw: Path) -> None:
    gz = minimal_raw / "imdb" / "title.ratings.tsv.gz"
    (minimal_raw / "imdb" / "title.ratings.tsv").write_bytes(gzip.decompress(gz.read_bytes()))
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "title.ratings.tsv.gz and title.ratings.tsv;", "two files")


@pytest.mark.parametrize("stem", ["title.ratings", "Production.Product"])
def test_header_only_file_stops_like_an_empty_one(minimal_raw: Path, stem: str) -> None:
    spec = next(s for s in ALL_FILES if s.stem == stem)
    path = write_raw_file(minimal_raw, spec, rows=[])
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, path.name, "no data rows")


def test_header_and_blank_lines_only_is_no_data_either(minimal_raw: Path) -> None:
    path = minimal_raw / "imdb" / "title.crew.tsv.gz"
    path.write_bytes(gzip.compress(b"tconst\tdirectors\twriters\n\n\n"))
    result = run_cli("check", "--raw-dir", str(minimal_raw))
    assert_one_line_error(result, "title.crew.tsv.gz", "no data rows")


def _ratings(count: int) -> list[list[str]]:
    return [[f"tt{i:07d}", "5.0", "10"] for i in range(1, count + 1)]


RATINGS = next(s for s in IMDB_FILES if s.stem == "title.ratings")


def test_a_large_row_drop_is_refused_and_leaves_the_database_alone(
    minimal_raw: Path, tmp_path: Path
) -> None:
    db = tmp_path / "w.duckdb"
    write_raw_file(minimal_raw, RATINGS, _ratings(10))
    load.register(minimal_raw, db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    path = write_raw_file(minimal_raw, RATINGS, _ratings(4))  # 10 -> 4: down 60%
    result = run_cli("register", "--raw-dir", str(minimal_raw), "--db", str(db))
    assert_one_line_error(result, str(path), "4 data rows", "down 60%", "10", "ACCEPT_ROW_DROP=1")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_a_drop_within_the_allowed_share_loads(minimal_raw: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    write_raw_file(minimal_raw, RATINGS, _ratings(10))
    load.register(minimal_raw, db)
    write_raw_file(minimal_raw, RATINGS, _ratings(5))  # down 50%: the default allows it
    load.register(minimal_raw, db)
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "select data_row_count, previous_data_row_count, row_drop_accepted_by "
            "from raw.raw_files where table_name = 'imdb_title_ratings'"
        ).fetchone()
    assert row == (5, 10, None)
    # A stricter share, set per build, refuses a smaller drop.
    write_raw_file(minimal_raw, RATINGS, _ratings(4))  # down 20% from 5
    with pytest.raises(load.LoadError, match="down 20% from 5"):
        load.register(minimal_raw, db, max_row_drop=0.1)


def test_an_accepted_drop_loads_and_is_recorded(
    minimal_raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "w.duckdb"
    write_raw_file(minimal_raw, RATINGS, _ratings(10))
    load.register(minimal_raw, db)
    write_raw_file(minimal_raw, RATINGS, _ratings(2))
    monkeypatch.setenv("ACCEPT_ROW_DROP", "1")
    load.register(minimal_raw, db)
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "select table_name, data_row_count, previous_data_row_count, row_drop_accepted_by "
            "from raw.raw_files where row_drop_accepted_by is not null"
        ).fetchall()
    assert [row[:3] for row in rows] == [("imdb_title_ratings", 2, 10)]
    assert "ACCEPT_ROW_DROP" in rows[0][3]


def test_max_row_drop_must_be_a_share(minimal_raw: Path, tmp_path: Path) -> None:
    env = {**os.environ, "MAX_ROW_DROP": "50%"}
    result = subprocess.run(
        [sys.executable, "-m", "scripts.load", "register", "--raw-dir", str(minimal_raw),
         "--db", str(tmp_path / "w.duckdb")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert_one_line_error(result, "MAX_ROW_DROP", "between 0 and 1")


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            b"tt0000001\t5.0\t10\ntt0000002\t6.0\t11\textra\n",
            "line 3: too many fields (4, expected 3)",
        ),
        (b"tt0000001\t5.0\t10\ntt0000002\t6.0\n", "line 3: too few fields (2, expected 3)"),
        (b"tt0000001\t5.0\t10\ntt0000002\t6.0\t1\xe91\n", "line 3: invalid UTF-8"),
        (b"tt0000001\t5.0\t10\ntt0000002\t6\r.0\t11\n", "line 3: stray carriage return"),
    ],
)
def test_parse_errors_become_one_line_with_file_and_line(
    tmp_path: Path, body: bytes, expected: str
) -> None:
    """DuckDB's long reader errors are named by file, line and what is wrong."""
    path = tmp_path / "title.ratings.tsv.gz"
    path.write_bytes(gzip.compress(b"tconst\taverageRating\tnumVotes\n" + body))
    with pytest.raises(duckdb.Error) as raised:
        duckdb.execute(f"select * from {read_csv_sql(RATINGS, path)}").fetchall()
    described = read_errors.describe_parse_error(str(raised.value))
    assert described is not None and described.startswith(f"{path}: {expected}"), described
    # dbt indents the database's message: the description is the same.
    indented = "\n".join("  " + line for line in str(raised.value).splitlines())
    assert read_errors.describe_parse_error("Runtime Error in model x\n" + indented) == described


def test_other_errors_are_not_taken_for_parse_errors() -> None:
    assert read_errors.describe_parse_error("Binder Error: column x not found") is None
