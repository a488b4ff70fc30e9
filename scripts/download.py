"""Download the seven IMDB files into `<raw-dir>/imdb/`. Standard library only.

    python -m scripts.download [--raw-dir DIR] [--base-url URL]

Each file is streamed in chunks to `<name>.part`. A `.part` left by an interrupted
run is continued with an HTTP Range request. A file is renamed to its final name only
once it is complete (the byte count matches Content-Length or the Content-Range
total) and decompresses as valid gzip to the end. A file that is already present and
valid is skipped without any request.

Errors a user can cause (server errors, 404, truncated bodies, files that are not
gzip, no connection) end in a `DownloadError` whose message is one line naming the
file and the problem; `main` prints it as `error: <message>` and exits 1.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import os
import re
import sys
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from email.message import Message
from pathlib import Path

from scripts.raw_files import IMDB_FILES

DEFAULT_BASE_URL = "https://datasets.imdbws.com/"
DEFAULT_RAW_DIR = "data/raw"
CHUNK_SIZE = 1024 * 1024
USER_AGENT = "imdb-bike-elt-downloader/1.0 (python urllib)"
GZIP_MAGIC = b"\x1f\x8b"
CONTENT_RANGE = re.compile(r"bytes\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)\s*$", re.IGNORECASE)

Progress = Callable[[str], object]


class DownloadError(Exception):
    """A download problem the user can act on. The message is one line."""


class _Retryable(Exception):
    """A transient failure: try again (resuming from the .part file)."""


class _Restart(Exception):
    """The .part file cannot be continued: delete it and start from zero."""


class _Fatal(Exception):
    """A failure that retrying will not fix."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one file."""

    path: Path
    status: str  # "skipped", "downloaded" or "resumed"
    size: int

    def line(self) -> str:
        if self.status == "skipped":
            return f"{self.path.name}: already present and valid, skipped"
        return f"{self.path.name}: {self.status}, {self.size:,} bytes"


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def file_names(stems: Iterable[str] | None = None) -> list[str]:
    """The IMDB file names to fetch, in the order of IMDB_FILES."""
    known = [spec.stem for spec in IMDB_FILES]
    if stems is None:
        return [f"{stem}.tsv.gz" for stem in known]
    wanted = [stems] if isinstance(stems, str) else list(stems)
    unknown = [stem for stem in wanted if stem not in known]
    if unknown:
        raise DownloadError(
            f"unknown IMDB file {unknown[0]!r}; expected one of: {', '.join(known)}"
        )
    return [f"{stem}.tsv.gz" for stem in wanted]


def gzip_problem(path: Path) -> str | None:
    """None when `path` decompresses as gzip to the end, else what is wrong."""
    with path.open("rb") as raw:
        magic = raw.read(2)
    if magic != GZIP_MAGIC:
        return "not a gzip file (wrong magic bytes)"
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(CHUNK_SIZE):
                pass
    except (OSError, EOFError, zlib.error) as exc:
        return f"not a valid gzip file ({_one_line(exc)})"
    return None


def _describe_connection_error(exc: BaseException) -> str:
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, OSError) and reason.strerror:
        text = reason.strerror
    else:
        text = str(reason) or type(reason).__name__
    return f"connection failed ({_one_line(text)})"


def _parse_content_range(value: str | None) -> tuple[int | None, int | None]:
    """(first byte, total) from a Content-Range header; None where absent or '*'."""
    match = CONTENT_RANGE.match((value or "").strip())
    if not match:
        return None, None
    start = int(match.group(1)) if match.group(1) is not None else None
    total = int(match.group(3)) if match.group(3) != "*" else None
    return start, total


def _content_length(headers: Message) -> int | None:
    value = headers.get("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _attempt(url: str, part: Path, timeout: float) -> int:
    """One request. Leaves a complete, verified `part`; returns its first offset.

    Raises _Retryable, _Restart or _Fatal.
    """
    offset = part.stat().st_size if part.exists() else 0
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "identity"}
    if offset:
        headers["Range"] = f"bytes={offset}-"
    request = urllib.request.Request(url, headers=headers)
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        try:
            if exc.code == 416 and offset:
                # The .part may already hold the whole file: check it.
                _, total = _parse_content_range(exc.headers.get("Content-Range"))
                _verify(part, total, offset)
                return offset
            problem = f"server answered {exc.code} {_one_line(exc.reason)}"
            if exc.code >= 500 or exc.code in (408, 429):
                raise _Retryable(problem) from None
            raise _Fatal(problem) from None
        finally:
            exc.close()
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise _Retryable(_describe_connection_error(exc)) from None

    with response:
        if response.status == 206 and offset:
            start, total = _parse_content_range(response.headers.get("Content-Range"))
            if start != offset:
                raise _Restart(f"server resumed at byte {start}, not {offset}")
            mode = "ab"
        else:
            # 200: no Range sent, or the server ignored it. Start from zero.
            offset = 0
            total = _content_length(response.headers)
            mode = "wb"
        received = offset
        try:
            with part.open(mode) as out:
                while True:
                    try:
                        chunk = response.read(CHUNK_SIZE)
                    except (OSError, http.client.HTTPException) as exc:
                        kind = type(exc).__name__
                        raise _Retryable(
                            f"body truncated ({kind} after {received:,} bytes)"
                        ) from None
                    if not chunk:
                        break
                    out.write(chunk)
                    received += len(chunk)
        except OSError as exc:
            # Only writes get here: read errors became _Retryable above.
            problem = _one_line(exc.strerror or exc)
            raise _Fatal(f"cannot write {part}: {problem}") from None
    if total is not None and received < total:
        raise _Retryable(f"body truncated ({received:,} of {total:,} bytes received)")
    if total is not None and received > total:
        raise _Restart(f"received {received:,} bytes, {total:,} announced")
    _verify(part, total, offset)
    return offset


def _verify(part: Path, total: int | None, offset: int) -> None:
    size = part.stat().st_size
    if total is not None and size != total:
        raise _Restart(f"file has {size:,} bytes, server says {total:,}")
    problem = gzip_problem(part)
    if problem is None:
        return
    if offset:
        # Resumed onto an older partial copy (the upstream file may have changed).
        raise _Restart(problem)
    part.unlink(missing_ok=True)
    raise _Fatal(problem)


def download_file(
    name: str,
    url: str,
    folder: Path,
    timeout: float = 60,
    retries: int = 3,
    backoff: float = 1.0,
) -> Outcome:
    """Fetch one file from `url` into `folder/name`. Raises DownloadError."""
    final = folder / name
    part = folder / f"{name}.part"
    if final.exists():
        if gzip_problem(final) is None:
            return Outcome(final, "skipped", final.stat().st_size)
        # Invalid final file (e.g. copied in half-way): treat it as a partial download.
        os.replace(final, part)

    failures = 0
    restarted = False
    while True:
        try:
            offset = _attempt(url, part, timeout)
        except _Retryable as exc:
            failures += 1
            if failures >= retries:
                plural = "attempt" if retries == 1 else "attempts"
                raise DownloadError(f"{name}: {exc} after {retries} {plural}") from None
            time.sleep(backoff * 2 ** (failures - 1))
            continue
        except _Restart as exc:
            part.unlink(missing_ok=True)
            if restarted:
                problem = f"{name}: {exc} (also after starting over)"
                raise DownloadError(problem) from None
            restarted = True
            continue
        except _Fatal as exc:
            raise DownloadError(f"{name}: {exc}") from None
        break
    os.replace(part, final)
    status = "resumed" if offset else "downloaded"
    return Outcome(final, status, final.stat().st_size)


def download(
    raw_dir: Path,
    base_url: str = DEFAULT_BASE_URL,
    stems: Iterable[str] | None = None,
    timeout: float = 60,
    retries: int = 3,
    progress: Progress | None = None,
    *,
    backoff: float = 1.0,
) -> list[Path]:
    """Fetch the IMDB files into `raw_dir/imdb/` and return their paths.

    `stems` limits the files (e.g. ["title.basics"]); by default all seven.
    `retries` is the number of attempts for transient failures (5xx, dropped
    connections, truncated bodies), `backoff` the first pause between them in
    seconds (doubling each time). `progress`, when given, is called with one line
    per file saying what happened to it (e.g. `progress=print`).
    """
    if retries < 1:
        raise ValueError("retries must be at least 1")
    names = file_names(stems)
    folder = Path(raw_dir) / "imdb"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        problem = _one_line(exc.strerror or exc)
        raise DownloadError(f"cannot create {folder}: {problem}") from None
    base = base_url if base_url.endswith("/") else base_url + "/"
    paths = []
    for name in names:
        outcome = download_file(name, base + name, folder, timeout, retries, backoff)
        if progress is not None:
            progress(outcome.line())
        paths.append(outcome.path)
    return paths


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.download",
        description="Download the seven IMDB files into <raw-dir>/imdb/.",
    )
    parser.add_argument(
        "--raw-dir",
        type=Path,
        default=Path(os.environ.get("RAW_DIR", DEFAULT_RAW_DIR)),
        help="raw data folder (default: $RAW_DIR or data/raw)",
    )
    parser.add_argument("--base-url", default=DEFAULT_BASE_URL, help="where to fetch")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per read")
    parser.add_argument("--retries", type=int, default=3, help="attempts per file")
    parser.add_argument(
        "--stem",
        action="append",
        default=None,
        help="only this file, e.g. title.basics (repeatable)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        download(
            args.raw_dir,
            base_url=args.base_url,
            stems=args.stem,
            timeout=args.timeout,
            retries=max(1, args.retries),
            progress=print,
        )
    except DownloadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted (partial files kept as .part)", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
