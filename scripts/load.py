"""The thin loader: find, check and register the raw files. No transformation.

    python -m scripts.load register [--raw-dir DIR] [--db PATH]
    python -m scripts.load check    [--raw-dir DIR]
    python -m scripts.load sample   [--raw-dir DIR] [--scale S] [--seed N] [--day D]
    python -m scripts.load download [--raw-dir DIR] [--base-url URL]

`register` checks each of the 13 expected files (exactly one file per source, readable, not
empty, valid gzip where gzipped, exactly the expected header, at least one data row), compares
each source's data rows with the database's last registration (a fall of more than
MAX_ROW_DROP, default half, stops unless ACCEPT_ROW_DROP=1), and creates one view per file in
the `raw` schema of the DuckDB database: `select * from read_csv(...)` with every column
VARCHAR. dbt does the rest.

Errors a user can cause end in one line naming the file and the problem, and exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import json
import os
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

# ISA-L's inflate, with zlib's interface: the whole-file check decompresses every IMDB byte
# on each new delivery, and it does so in about 70 % of zlib's time (bench/README.md).
from isal import isal_zlib

from scripts.raw_files import (
    ALL_FILES,
    RAW_SCHEMA,
    RawFile,
    read_csv_sql,
    sql_identifier,
)
from scripts.read_errors import TextChecker

DEFAULT_RAW_DIR = "data/raw"
# The oldest DuckDB that can open a warehouse this project creates: the 1.5 line, which the
# DuckDB command-line client from PyPI (duckdb-cli, pinned in requirements.txt) belongs to.
STORAGE_COMPATIBILITY = "v1.5.0"
VERIFIED_CACHE = ".verified.json"
CHUNK = 4 * 1024 * 1024
UTF8_BOM = "\ufeff"


class LoadError(Exception):
    """A problem with an input file that the user can fix. The message is one line."""


def default_raw_dir() -> Path:
    return Path(os.environ.get("RAW_DIR", DEFAULT_RAW_DIR))


def default_db_path() -> Path:
    return Path(os.environ.get("DUCKDB_PATH", "warehouse.duckdb"))


def locate(raw_dir: Path, spec: RawFile) -> Path:
    """The file for `spec` under `raw_dir`. LoadError when none of its names exists, or when
    more than one does: which of two deliveries is meant is for a person to say."""
    folder = raw_dir / spec.domain
    present = [folder / name for name in spec.candidates if (folder / name).exists()]
    if len(present) > 1:
        names = " and ".join(path.name for path in present)
        raise LoadError(
            f"{folder}: two files for {spec.stem}: {names}; remove the one that is not meant"
        )
    if present:
        return present[0]
    expected = " or ".join(spec.candidates)
    raise LoadError(f"{folder / spec.candidates[0]}: missing (expected {expected} in {folder})")


def _first_line(path: Path) -> str:
    """The header line of a plain or gzipped file, decoded as UTF-8."""
    try:
        if path.name.endswith(".gz"):
            with gzip.open(path, "rb") as handle:
                raw = handle.readline(1 << 20)
        else:
            with path.open("rb") as handle:
                raw = handle.readline(1 << 20)
    except (gzip.BadGzipFile, zlib.error, EOFError) as exc:
        raise LoadError(f"{path}: not a valid gzip file ({exc})") from None
    try:
        return raw.decode("utf-8").rstrip("\r\n")
    except UnicodeDecodeError:
        raise LoadError(f"{path}: header is not UTF-8 text") from None


# A blank line: a newline (LF or CRLF) right after another newline. DuckDB's CSV reader skips
# such lines, so they are counted apart from the lines that hold rows.
_BLANK_LINE = re.compile(rb"(?<=\n)\r?\n")


class _LineCounter:
    """Counts lines in a stream of bytes: every newline, plus a last line without one; and,
    among them, the blank lines (empty, or a lone CR before the newline)."""

    def __init__(self) -> None:
        self.newlines = 0
        self.blank_lines = 0
        self.tail = b"\n"  # the last two bytes seen; the stream starts as after a newline

    def feed(self, data: bytes) -> None:
        if not data:
            return
        self.newlines += data.count(b"\n")
        # A blank line that starts in the previous chunk or right at its end.
        if (self.tail.endswith(b"\n") and data.startswith((b"\n", b"\r\n"))) or (
            self.tail.endswith(b"\n\r") and data.startswith(b"\n")
        ):
            self.blank_lines += 1
        # Blank lines inside the chunk are rare: the search runs only when it can hold one.
        if b"\n\n" in data or (b"\r" in data and b"\n\r\n" in data):
            self.blank_lines += sum(1 for _ in _BLANK_LINE.finditer(data))
        self.tail = (self.tail + data[-2:])[-2:]

    @property
    def lines(self) -> int:
        return self.newlines + (0 if self.tail.endswith(b"\n") else 1)


class _Stream(_LineCounter):
    """A file's bytes on their way through the whole-file scan: lines counted, and the text
    checked when a checker is given."""

    def __init__(self, text: TextChecker | None) -> None:
        super().__init__()
        self.text = text

    def feed(self, data: bytes) -> None:
        super().feed(data)
        if self.text is not None:
            self.text.feed(data)

    def facts(self, sha256: str) -> FileFacts:
        problem = self.text.finish() if self.text is not None else None
        return FileFacts(self.lines, self.blank_lines, sha256, problem)


@dataclass(frozen=True)
class FileFacts:
    """What the loader learns reading a raw file to the end."""

    lines: int  # every line, the header included
    blank_lines: int  # empty lines, which the CSV reader skips
    sha256: str  # of the file's bytes as stored (compressed for .gz)
    # With the text checked (Spark's loader): `line N: problem`, or None for clean text.
    text_problem: str | None = None

    @property
    def data_rows(self) -> int:
        """Lines that hold rows: all lines but the header and the blank ones."""
        return max(0, self.lines - 1 - self.blank_lines)


def _verify_gzip_stream(path: Path, text: TextChecker | None = None) -> FileFacts:
    """Decompress the whole file to prove it is complete; return its line counts and checksum
    (and, given a `text` checker, what it found in the decompressed bytes).

    Memory stays bounded: at most CHUNK bytes of input and of output at a time. Several gzip
    members one after another are valid gzip and are checked in turn. The line count (the
    header included) lets dbt check that the landed table holds every line of the file.
    """
    decompressor = isal_zlib.decompressobj(wbits=31)
    counter = _Stream(text)
    digest = hashlib.sha256()
    member_started = False
    pending = b""
    with path.open("rb") as handle:
        while True:
            if not pending:
                pending = handle.read(CHUNK)
                if not pending:
                    break
                digest.update(pending)
            try:
                counter.feed(decompressor.decompress(pending, CHUNK))
            except isal_zlib.error as exc:
                raise LoadError(f"{path}: corrupt gzip data ({exc})") from None
            member_started = True
            pending = decompressor.unconsumed_tail
            if decompressor.eof:
                pending = decompressor.unused_data
                decompressor = isal_zlib.decompressobj(wbits=31)
                member_started = False
    if member_started:
        raise LoadError(f"{path}: truncated gzip (the file ends in the middle of the data)")
    return counter.facts(digest.hexdigest())


def _count_plain_lines(path: Path, text: TextChecker | None = None) -> FileFacts:
    """The line counts and checksum of an uncompressed file (a last line without newline
    counts), and what a `text` checker found in it."""
    counter = _Stream(text)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                counter.feed(chunk)
                digest.update(chunk)
    except OSError as exc:
        raise LoadError(f"{path}: unreadable ({exc.strerror or exc})") from None
    return counter.facts(digest.hexdigest())


def _scan(path: Path, check_text: bool = False) -> FileFacts:
    """Whole-file check and line count: gzip is decompressed to the end, plain is read. With
    `check_text`, the same pass looks for what Spark would read past (`TextChecker`)."""
    text = TextChecker() if check_text else None
    if path.name.endswith(".gz"):
        return _verify_gzip_stream(path, text)
    return _count_plain_lines(path, text)


def _fingerprint(path: Path) -> str:
    stat = path.stat()
    return f"{stat.st_size}:{stat.st_mtime_ns}"


def _load_cache(raw_dir: Path) -> dict[str, dict[str, object]]:
    try:
        cache = json.loads((raw_dir / VERIFIED_CACHE).read_text())
    except (OSError, ValueError):
        return {}
    if not isinstance(cache, dict):
        return {}
    # Entries of an older format (without every fact) are dropped: the file is scanned again.
    return {
        key: value
        for key, value in cache.items()
        if isinstance(value, dict)
        and isinstance(value.get("lines"), int)
        and isinstance(value.get("blank_lines"), int)
        and isinstance(value.get("sha256"), str)
    }


def _save_cache(raw_dir: Path, cache: dict[str, dict[str, object]]) -> None:
    # A read-only raw directory only means the files are scanned again next time.
    with contextlib.suppress(OSError):
        (raw_dir / VERIFIED_CACHE).write_text(json.dumps(cache, indent=1, sort_keys=True))


def check_file(spec: RawFile, path: Path, verify_gzip: bool = True) -> None:
    """Raise LoadError with a one-line message when `path` is not a usable `spec` file."""
    if not path.is_file():
        raise LoadError(f"{path}: not a regular file")
    if not os.access(path, os.R_OK):
        raise LoadError(f"{path}: unreadable (permission denied)")
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            magic = handle.read(2)
    except OSError as exc:
        raise LoadError(f"{path}: unreadable ({exc.strerror or exc})") from None
    if size == 0:
        raise LoadError(f"{path}: empty file (0 bytes)")
    if path.name.endswith(".gz"):
        if magic != b"\x1f\x8b":
            raise LoadError(f"{path}: not gzip (the name ends in .gz but the content is not)")
        if verify_gzip:
            _verify_gzip_stream(path)
    header = _first_line(path)
    if not header:
        raise LoadError(f"{path}: empty file (no header line)")
    if header.startswith(UTF8_BOM):
        header = header[len(UTF8_BOM) :]
    found = tuple(header.split(spec.delimiter))
    if found != spec.columns:
        if len(found) == 1 and spec.delimiter not in header:
            delim = "tab" if spec.delimiter == "\t" else repr(spec.delimiter)
            raise LoadError(f"{path}: wrong header: no {delim} delimiter in {header[:80]!r}")
        missing = [c for c in spec.columns if c not in found]
        extra = [c for c in found if c not in spec.columns]
        detail = []
        if missing:
            detail.append("missing " + ", ".join(missing))
        if extra:
            detail.append("unexpected " + ", ".join(extra))
        if not detail:
            detail.append("columns out of order")
        raise LoadError(
            f"{path}: wrong header: {'; '.join(detail)} "
            f"(expected {len(spec.columns)} columns: {','.join(spec.columns)})"
        )


def check_all(raw_dir: Path, specs: Iterable[RawFile] = ALL_FILES) -> dict[str, Path]:
    """Check every expected file; return table name -> path. Stops at the first problem."""
    found, _ = check_and_count(raw_dir, specs)
    return found


def check_and_count(
    raw_dir: Path, specs: Iterable[RawFile] = ALL_FILES, check_text: bool = False
) -> tuple[dict[str, Path], dict[str, FileFacts]]:
    """Check every expected file; return table name -> path and table name -> its facts.

    Every file is read to the end once per file version (size and mtime): gzip is
    decompressed completely (a truncated or corrupt file stops here), the lines and blank
    lines are counted and the bytes checksummed. The result is cached in the raw folder, so
    an unchanged file is not read again. A file with a header and no data rows stops here
    like an empty one: it is an interrupted download or a failed export, not a delivery.

    `check_text` (Spark's loader) also refuses, in the same pass, a carriage return inside a
    line and invalid UTF-8, which DuckDB's strict reader refuses and Spark reads past; a file
    cached without that check is read once more for it.
    """
    specs = list(specs)
    found = {spec.table: locate(raw_dir, spec) for spec in specs}
    cache = _load_cache(raw_dir)
    todo = []
    for spec in specs:
        path = found[spec.table]
        check_file(spec, path, verify_gzip=False)
        entry = cache.get(str(path.resolve()))
        if (
            entry is None
            or entry.get("fingerprint") != _fingerprint(path)
            or (check_text and entry.get("text_checked") is not True)
        ):
            todo.append(path)
    # Reading every file to the end is the slow part: one file per thread, biggest first, so
    # that the largest file (title.principals, nearly half the IMDB bytes) does not start last.
    todo.sort(key=lambda path: path.stat().st_size, reverse=True)

    def scan(path: Path) -> FileFacts:
        return _scan(path, check_text=True) if check_text else _scan(path)

    with ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1))) as pool:
        for path, facts in pool.map(lambda p: (p, scan(p)), todo):
            entry = {
                "fingerprint": _fingerprint(path),
                "lines": facts.lines,
                "blank_lines": facts.blank_lines,
                "sha256": facts.sha256,
            }
            if check_text:
                entry |= {"text_checked": True, "text_problem": facts.text_problem}
            cache[str(path.resolve())] = entry
    if todo:
        _save_cache(raw_dir, cache)
    facts = {}
    for spec in specs:
        entry = cache[str(found[spec.table].resolve())]
        problem = entry.get("text_problem") if check_text else None
        facts[spec.table] = FileFacts(
            int(entry["lines"]),
            int(entry["blank_lines"]),
            str(entry["sha256"]),
            str(problem) if problem else None,
        )
        if facts[spec.table].data_rows == 0:
            raise LoadError(f"{found[spec.table]}: no data rows (the file holds only its header)")
        if facts[spec.table].text_problem:
            raise LoadError(f"{found[spec.table]}: {facts[spec.table].text_problem}")
    return found, facts


# The share of a source's rows that may disappear between two builds without a person saying
# so: a delivery that shrinks more is taken for a truncated or failed export.
DEFAULT_MAX_ROW_DROP = 0.5
RAW_FILES_COLUMNS = (
    ("table_name", "varchar primary key"),
    ("file_path", "varchar"),
    ("size_bytes", "bigint"),
    ("modified_at", "timestamp"),
    ("registered_at", "timestamp"),
    ("line_count", "bigint"),
    ("blank_line_count", "bigint"),
    ("data_row_count", "bigint"),
    ("sha256", "varchar"),
    ("previous_data_row_count", "bigint"),
    ("row_drop_accepted_by", "varchar"),
)


@dataclass(frozen=True)
class RowDrop:
    """A source whose row count fell by more than the allowed share since the last build."""

    table: str
    path: Path
    previous: int
    current: int

    @property
    def share(self) -> float:
        return 1 - self.current / self.previous

    def describe(self) -> str:
        return (
            f"{self.path}: {self.current:,} data rows, down {self.share:.0%} from "
            f"{self.previous:,} at the last build"
        )


def row_drops(
    previous: dict[str, int], found: dict[str, Path], facts: dict[str, FileFacts], max_drop: float
) -> list[RowDrop]:
    """Sources whose data rows fell by more than `max_drop` (a share) against `previous`."""
    drops = []
    for table, path in found.items():
        before = previous.get(table)
        if not before:
            continue
        drop = RowDrop(table, path, before, facts[table].data_rows)
        if drop.share > max_drop:
            drops.append(drop)
    return drops


def max_row_drop_from_env() -> float:
    """MAX_ROW_DROP (a share between 0 and 1), or the default."""
    text = os.environ.get("MAX_ROW_DROP", "").strip()
    if not text:
        return DEFAULT_MAX_ROW_DROP
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 1:
        raise LoadError(f"MAX_ROW_DROP={text!r}: expected a share between 0 and 1 (e.g. 0.5)")
    return value


def accept_row_drop_from_env() -> bool:
    return os.environ.get("ACCEPT_ROW_DROP", "").strip().lower() in {"1", "true", "yes"}


def _previous_row_counts(con: object) -> dict[str, int]:
    """Data rows per source at the database's last registration (none for a new database)."""
    columns = {
        row[0]
        for row in con.execute(  # type: ignore[attr-defined]
            "select column_name from information_schema.columns "
            "where table_schema = ? and table_name = 'raw_files'",
            [RAW_SCHEMA],
        ).fetchall()
    }
    if "data_row_count" not in columns:
        return {}
    rows = con.execute(  # type: ignore[attr-defined]
        f"select table_name, data_row_count from {sql_identifier(RAW_SCHEMA)}.raw_files "
        "where data_row_count is not null"
    ).fetchall()
    return {str(table): int(count) for table, count in rows}


def _accepted_by() -> str:
    from scripts.build_record import built_by

    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return f"{built_by()} at {stamp} (ACCEPT_ROW_DROP)"


@dataclass(frozen=True)
class Registration:
    """What one registration writes: the files found and a `raw.raw_files` row for each."""

    found: dict[str, Path]
    rows: list[dict[str, object]]
    drops: list[RowDrop]
    accepted: dict[str, str]


def plan_registration(
    checked: tuple[dict[str, Path], dict[str, FileFacts]],
    previous: dict[str, int],
    specs: Sequence[RawFile] = ALL_FILES,
    max_row_drop: float | None = None,
    accept_row_drop: bool | None = None,
) -> Registration:
    """Compare each checked source's data rows (`check_and_count`'s result) with `previous`
    (the database's last registration): a fall of more than `max_row_drop` (MAX_ROW_DROP,
    default 50%) stops with LoadError, unless `accept_row_drop` (ACCEPT_ROW_DROP=1) says it is
    intended. Either engine writes the result; nothing is written here."""
    max_row_drop = max_row_drop_from_env() if max_row_drop is None else max_row_drop
    accept_row_drop = accept_row_drop_from_env() if accept_row_drop is None else accept_row_drop
    found, facts = checked
    drops = row_drops(previous, found, facts, max_row_drop)
    if drops and not accept_row_drop:
        raise LoadError(
            "; ".join(drop.describe() for drop in drops)
            + f" (more than the {max_row_drop:.0%} allowed): not loaded; if this is "
            "intended, build again with ACCEPT_ROW_DROP=1 (make run ACCEPT_ROW_DROP=1)"
        )
    accepted = {drop.table: _accepted_by() for drop in drops}
    now = datetime.now(UTC).replace(tzinfo=None)
    rows = []
    for spec in specs:
        path = found[spec.table].resolve()
        fact = facts[spec.table]
        stat = path.stat()
        rows.append(
            {
                "table_name": spec.table,
                "file_path": str(path),
                "size_bytes": stat.st_size,
                "modified_at": datetime.fromtimestamp(stat.st_mtime, UTC).replace(tzinfo=None),
                "registered_at": now,
                "line_count": fact.lines,
                "blank_line_count": fact.blank_lines,
                "data_row_count": fact.data_rows,
                "sha256": fact.sha256,
                "previous_data_row_count": previous.get(spec.table),
                "row_drop_accepted_by": accepted.get(spec.table),
            }
        )
    return Registration(found, rows, drops, accepted)


def report_accepted(plan: Registration) -> None:
    for drop in plan.drops:
        print(f"[load] accepted: {drop.describe()} ({plan.accepted[drop.table]})", flush=True)


def register(
    raw_dir: Path,
    db_path: Path,
    specs: Sequence[RawFile] = ALL_FILES,
    max_row_drop: float | None = None,
    accept_row_drop: bool | None = None,
) -> dict[str, Path]:
    """Check the files (plan_registration) and (re)create one raw view per file in `db_path`,
    recording each file in `raw.raw_files`."""
    import duckdb

    db_path.parent.mkdir(parents=True, exist_ok=True)
    # Check the files before opening the database: a refused delivery touches nothing.
    checked = check_and_count(raw_dir, specs)
    try:
        # Only a new file takes this: one DuckDB 1.5 clients can open too (the pinned CLI in
        # .venv, DBeaver's driver); an existing file keeps the format it was created with.
        con = duckdb.connect(
            str(db_path), config={"storage_compatibility_version": STORAGE_COMPATIBILITY}
        )
    except duckdb.IOException as exc:
        message = str(exc).splitlines()[0]
        raise LoadError(f"{db_path}: cannot open the database for writing ({message})") from None
    try:
        raw = sql_identifier(RAW_SCHEMA)
        plan = plan_registration(
            checked, _previous_row_counts(con), specs, max_row_drop, accept_row_drop
        )
        con.execute(f"create schema if not exists {raw}")
        con.execute(f"create table if not exists {raw}.raw_files (table_name varchar primary key)")
        # A database registered by an older loader lacks the newer columns.
        for name, kind in RAW_FILES_COLUMNS[1:]:
            con.execute(f"alter table {raw}.raw_files add column if not exists {name} {kind}")
        for spec, values in zip(specs, plan.rows, strict=True):
            path = plan.found[spec.table].resolve()
            view = f"{raw}.{sql_identifier(spec.table)}"
            con.execute(
                f"create or replace view {view} as select * from {read_csv_sql(spec, path)}"
            )
            con.execute(
                f"insert or replace into {raw}.raw_files ({', '.join(values)}) "
                f"values ({', '.join('?' for _ in values)})",
                list(values.values()),
            )
    finally:
        con.close()
    report_accepted(plan)
    return plan.found


def _sample(args: argparse.Namespace) -> int:
    from scripts import generate

    kwargs = {"seed": args.seed, "day": args.day}
    if args.scale is not None:
        kwargs["scale"] = args.scale
    if args.bike_reference_dir is not None:
        kwargs["bike_reference_dir"] = Path(args.bike_reference_dir)
    counts = generate.generate(args.raw_dir, **kwargs)
    total = sum(counts.values())
    print(f"sample data: {len(counts)} files, {total:,} rows in {args.raw_dir}")
    return 0


def _download(args: argparse.Namespace) -> int:
    from scripts import download

    try:
        kwargs = {"base_url": args.base_url} if args.base_url else {}
        download.download(args.raw_dir, progress=print, **kwargs)
    except download.DownloadError as exc:
        raise LoadError(str(exc)) from None
    return 0


def _register(args: argparse.Namespace) -> int:
    found = register(args.raw_dir, args.db)
    print(f"registered {len(found)} raw files as views in {args.db} (schema {RAW_SCHEMA})")
    return 0


def _check(args: argparse.Namespace) -> int:
    found = check_all(args.raw_dir)
    print(f"all {len(found)} raw files present and well-formed in {args.raw_dir}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.load", description=__doc__.split("\n")[0]
    )
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--raw-dir", type=Path, default=default_raw_dir(), help="raw data folder")
        return p

    p = add("register", "check the raw files and register them as views")
    p.add_argument("--db", type=Path, default=default_db_path(), help="DuckDB database file")
    p.set_defaults(func=_register)
    p = add("check", "check the raw files without registering them")
    p.set_defaults(func=_check)
    p = add("sample", "generate the deterministic sample data")
    p.add_argument("--scale", type=float, default=None, help="1.0 = real IMDB row counts")
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--day", type=int, default=1, choices=(1, 2), help="2 = the next day's files")
    p.add_argument("--bike-reference-dir", default=None, help="real bike files to reference")
    p.set_defaults(func=_sample)
    p = add("download", "download the seven IMDB files")
    p.add_argument("--base-url", default=None)
    p.set_defaults(func=_download)
    return parser


def run_command(command: Callable[[], int]) -> int:
    """Run a loader command: a LoadError ends in one `error:` line and exit code 2."""
    try:
        return command()
    except LoadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_command(lambda: args.func(args))


if __name__ == "__main__":
    sys.exit(main())
