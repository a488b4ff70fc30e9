"""Writing the raw files: IMDB queries COPYed through a FIFO into gzip, bike lines as CSV.

Output goes to a hidden temporary name first (`tmp_path`); the caller renames every file
into place once all of them are written.
"""

from __future__ import annotations

import os
import threading
import zlib
from pathlib import Path
from typing import BinaryIO

import duckdb

from scripts.raw_files import RawFile, sql_string

TAB = "\t"
GZIP_LEVEL = 1  # zlib level 1: much faster to write than the default 6, for somewhat larger files
GZIP_BLOCK = 1 << 20


def tmp_path(path: Path) -> Path:
    """The hidden temporary name `path` is written under."""
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _gzip_stream(source: BinaryIO, target: Path) -> None:
    """Gzip `source` into `target` (mtime 0, fixed-size input blocks: reproducible bytes)."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: gzip container
    block = bytearray(GZIP_BLOCK)
    view = memoryview(block)
    with open(target, "wb") as out:
        while True:
            filled = 0
            while filled < GZIP_BLOCK:
                got = source.readinto(view[filled:])
                if not got:
                    break
                filled += got
            if filled:
                out.write(compressor.compress(view[:filled]))
            if filled < GZIP_BLOCK:
                break
        out.write(compressor.flush())


def copy_imdb(cur: duckdb.DuckDBPyConnection, sql: str, target: Path) -> int:
    """COPY one query as TSV into a gzip file; zlib (no GIL) compresses while DuckDB writes.

    DuckDB's own `COMPRESSION gzip` costs about four times the CPU of zlib level 1, the
    main cost at scale 1.0, so DuckDB writes plain TSV into a FIFO that a thread gzips.
    """
    options = f"format csv, delimiter '{TAB}', quote '', escape '', header true"
    plain = target.with_name(target.name + ".tsv")
    if not hasattr(os, "mkfifo"):  # no FIFOs (Windows): plain temp file, then gzip
        try:
            rows = cur.execute(
                f"copy ({sql}) to {sql_string(str(plain))} ({options}, compression none)"
            ).fetchone()[0]
            with open(plain, "rb") as source:
                _gzip_stream(source, target)
            return int(rows)
        finally:
            plain.unlink(missing_ok=True)

    os.mkfifo(plain)
    errors: list[BaseException] = []

    def compress() -> None:
        with open(plain, "rb") as source:
            try:
                _gzip_stream(source, target)
            except BaseException as exc:  # keep draining so DuckDB never blocks
                errors.append(exc)
                while source.read(GZIP_BLOCK):
                    pass

    worker = threading.Thread(target=compress, name=f"gzip {target.name}")
    worker.start()
    try:
        try:
            rows = cur.execute(
                f"copy ({sql}) to {sql_string(str(plain))} ({options}, compression none)"
            ).fetchone()[0]
        except BaseException:
            # DuckDB may fail before opening the FIFO: open it so the reader sees EOF
            fd = os.open(plain, os.O_WRONLY | os.O_NONBLOCK) if worker.is_alive() else None
            if fd is not None:
                os.close(fd)
            raise
        finally:
            worker.join()
    finally:
        plain.unlink(missing_ok=True)
    if errors:
        raise errors[0]
    return int(rows)


def write_bike(con: duckdb.DuckDBPyConnection, spec: RawFile, sql: str, target: Path) -> int:
    """Write the header and the `line` column of `sql` as UTF-8 with BOM and CRLF."""
    lines = [row[0] for row in con.execute(sql).fetchall()]
    body = "\r\n".join([";".join(spec.columns), *lines]) + "\r\n"
    target.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    return len(lines)
