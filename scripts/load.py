"""The thin loader: find, check and register the raw files. No transformation.

    python -m scripts.load register [--raw-dir DIR] [--db PATH]
    python -m scripts.load check    [--raw-dir DIR]
    python -m scripts.load sample   [--raw-dir DIR] [--scale S] [--seed N] [--day D]
    python -m scripts.load download [--raw-dir DIR] [--base-url URL]

`register` checks each of the 13 expected files (exists, readable, not empty, valid gzip where
gzipped, exactly the expected header) and creates one view per file in the `raw` schema of the
DuckDB database: `select * from read_csv(...)` with every column VARCHAR. dbt does the rest.

Errors a user can cause end in one line naming the file and the problem, and exit code 2.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import sys
import zlib
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

from scripts.raw_files import (
    ALL_FILES,
    RAW_SCHEMA,
    RawFile,
    read_csv_sql,
    sql_identifier,
)

DEFAULT_RAW_DIR = "data/raw"
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
    """The file for `spec` under `raw_dir`, or LoadError when none of its names exists."""
    folder = raw_dir / spec.domain
    for name in spec.candidates:
        path = folder / name
        if path.exists():
            return path
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


class _LineCounter:
    """Counts lines in a stream of bytes: every newline, plus a last line without one."""

    def __init__(self) -> None:
        self.newlines = 0
        self.last_byte = b"\n"

    def feed(self, data: bytes) -> None:
        if data:
            self.newlines += data.count(b"\n")
            self.last_byte = data[-1:]

    @property
    def lines(self) -> int:
        return self.newlines + (0 if self.last_byte == b"\n" else 1)


def _verify_gzip_stream(path: Path) -> int:
    """Decompress the whole file to prove it is complete; return its number of lines.

    Memory stays bounded: at most CHUNK bytes of input and of output at a time. Several gzip
    members one after another are valid gzip and are checked in turn. The line count (the
    header included) lets dbt check that the landed table holds every line of the file.
    """
    decompressor = zlib.decompressobj(wbits=31)
    counter = _LineCounter()
    member_started = False
    pending = b""
    with path.open("rb") as handle:
        while True:
            if not pending:
                pending = handle.read(CHUNK)
                if not pending:
                    break
            try:
                counter.feed(decompressor.decompress(pending, CHUNK))
            except zlib.error as exc:
                raise LoadError(f"{path}: corrupt gzip data ({exc})") from None
            member_started = True
            pending = decompressor.unconsumed_tail
            if decompressor.eof:
                pending = decompressor.unused_data
                decompressor = zlib.decompressobj(wbits=31)
                member_started = False
    if member_started:
        raise LoadError(f"{path}: truncated gzip (the file ends in the middle of the data)")
    return counter.lines


def _count_plain_lines(path: Path) -> int:
    """The number of lines of an uncompressed file (a last line without newline counts)."""
    counter = _LineCounter()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                counter.feed(chunk)
    except OSError as exc:
        raise LoadError(f"{path}: unreadable ({exc.strerror or exc})") from None
    return counter.lines


def _scan(path: Path) -> int:
    """Whole-file check and line count: gzip is decompressed to the end, plain is read."""
    if path.name.endswith(".gz"):
        return _verify_gzip_stream(path)
    return _count_plain_lines(path)


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
    # Entries of an older format (no line count) are dropped: the file is scanned again.
    return {
        key: value
        for key, value in cache.items()
        if isinstance(value, dict) and isinstance(value.get("lines"), int)
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
    raw_dir: Path, specs: Iterable[RawFile] = ALL_FILES
) -> tuple[dict[str, Path], dict[str, int]]:
    """Check every expected file; return table name -> path and, for IMDB files, their lines.

    IMDB files are read to the end once per file version (size and mtime): gzip is
    decompressed completely (a truncated or corrupt file stops here) and the lines are
    counted. The result is cached in the raw folder, so an unchanged file is not read again.
    """
    specs = list(specs)
    found = {spec.table: locate(raw_dir, spec) for spec in specs}
    cache = _load_cache(raw_dir)
    todo = []
    for spec in specs:
        path = found[spec.table]
        check_file(spec, path, verify_gzip=False)
        entry = cache.get(str(path.resolve()))
        fresh = entry is not None and entry.get("fingerprint") == _fingerprint(path)
        if (spec.domain == "imdb" or path.name.endswith(".gz")) and not fresh:
            todo.append(path)
    # Reading every file to the end is the slow part: one file per thread, biggest first, so
    # that the largest file (title.principals, nearly half the IMDB bytes) does not start last.
    todo.sort(key=lambda path: path.stat().st_size, reverse=True)
    with ThreadPoolExecutor(max_workers=max(1, min(len(todo), os.cpu_count() or 1))) as pool:
        for path, lines in pool.map(lambda p: (p, _scan(p)), todo):
            cache[str(path.resolve())] = {"fingerprint": _fingerprint(path), "lines": lines}
    if todo:
        _save_cache(raw_dir, cache)
    lines = {
        spec.table: int(cache[str(found[spec.table].resolve())]["lines"])
        for spec in specs
        if str(found[spec.table].resolve()) in cache
    }
    return found, lines


def register(raw_dir: Path, db_path: Path, specs: Sequence[RawFile] = ALL_FILES) -> dict[str, Path]:
    """Check the files and (re)create one raw view per file in `db_path`."""
    import duckdb

    found, lines = check_and_count(raw_dir, specs)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(db_path))
    except duckdb.IOException as exc:
        message = str(exc).splitlines()[0]
        raise LoadError(f"{db_path}: cannot open the database for writing ({message})") from None
    try:
        con.execute(f"create schema if not exists {sql_identifier(RAW_SCHEMA)}")
        con.execute(
            f"create table if not exists {sql_identifier(RAW_SCHEMA)}.raw_files ("
            "table_name varchar primary key, file_path varchar, size_bytes bigint, "
            "modified_at timestamp, registered_at timestamp, line_count bigint)"
        )
        # A database registered by an older loader lacks the line count.
        con.execute(
            f"alter table {sql_identifier(RAW_SCHEMA)}.raw_files "
            "add column if not exists line_count bigint"
        )
        now = datetime.now(UTC).replace(tzinfo=None)
        for spec in specs:
            path = found[spec.table].resolve()
            view = f"{sql_identifier(RAW_SCHEMA)}.{sql_identifier(spec.table)}"
            con.execute(
                f"create or replace view {view} as select * from {read_csv_sql(spec, path)}"
            )
            stat = path.stat()
            con.execute(
                f"insert or replace into {sql_identifier(RAW_SCHEMA)}.raw_files "
                "(table_name, file_path, size_bytes, modified_at, registered_at, line_count) "
                "values (?, ?, ?, ?, ?, ?)",
                [
                    spec.table,
                    str(path),
                    stat.st_size,
                    datetime.fromtimestamp(stat.st_mtime, UTC).replace(tzinfo=None),
                    now,
                    lines.get(spec.table),
                ],
            )
    finally:
        con.close()
    return found


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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except LoadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
