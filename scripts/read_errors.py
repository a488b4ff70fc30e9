"""One line for a raw file that cannot be read: which file, which line, what is wrong.

`describe_parse_error` turns DuckDB's (or Spark's) error on reading a raw file into that line;
`TextChecker` finds, in the loader's whole-file scan before Spark reads a file, what DuckDB's
strict reader would refuse and Spark would read past (a carriage return inside a line, invalid
UTF-8).
"""

from __future__ import annotations

import codecs
import contextlib
import gzip
import re
import zlib
from pathlib import Path

from scripts.raw_files import ALL_FILES

# DuckDB's CSV errors: "CSV Error on Line: N", then what is wrong, and "file = <path>".
_CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")
_CSV_FIELDS = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")
_CSV_FILE = re.compile(r"^\s*file = (.+?)\s*$", re.MULTILINE)
# Spark's: "Encountered error while reading file file:///<path>." and the malformed record.
_SPARK_FILE = re.compile(r"error while reading file (?:file:)?(/[^\s]+?)\.?(?:\s|$)")
_SPARK_RECORD = re.compile(r"Malformed CSV record: ([^\n]*?)(?: SQLSTATE: \w+)?$", re.MULTILINE)


def _spark_parse_error(message: str) -> str | None:
    """One line for Spark's error on reading a raw file with a malformed row (mode FAILFAST):
    the file, the line (found by its text, which Spark quotes) and its number of fields."""
    found = _SPARK_FILE.search(message)
    if found is None or "MALFORMED" not in message:
        return None
    path = Path(found.group(1))
    with contextlib.suppress(ValueError):
        path = path.relative_to(Path.cwd())
    record = _SPARK_RECORD.search(message)
    spec = next((s for s in ALL_FILES if path.name in s.candidates), None)
    if record is None or spec is None:
        return f"{path}: a row does not have the expected fields (no line could be named)"
    text = record.group(1).rstrip("\r")
    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
            for number, line in enumerate(handle, 1):
                if line.rstrip("\r\n") == text:
                    got = len(text.split(spec.delimiter))
                    expected = len(spec.columns)
                    problem = "too many fields" if got > expected else "too few fields"
                    return f"{path}: line {number}: {problem} ({got}, expected {expected})"
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
        pass
    return f"{path}: a row does not have the expected fields: {text[:80]!r}"


def _stray_carriage_return(path: Path) -> int | None:
    """The number of the first line holding a CR that does not end it (None if there is none)."""
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rb") as handle:
        for number, line in enumerate(handle, 1):
            if b"\r" in line.rstrip(b"\n").removesuffix(b"\r"):
                return number
    return None


STRAY_CR = "stray carriage return (CR) inside the line"
NOT_UTF8 = "invalid UTF-8 (the file must be UTF-8 encoded)"


class TextChecker:
    """The first line DuckDB's strict reader would refuse for its bytes, as `line N: problem`:
    a carriage return inside a line (only CRLF may end one) or invalid UTF-8. For readers that
    are lenient there (Spark breaks lines at a lone CR and replaces invalid bytes).

    Fed a file's (decompressed) bytes in chunks of any size, by the loader's whole-file scan,
    so the check costs no read of its own; lines are counted, not split. `problem` is None
    while the bytes so far are clean; `finish()` gives the verdict for the whole file."""

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._lines_before = 0  # newlines in the chunks already fed
        self._carry = b""  # the previous chunk's last byte when it is a CR: its LF may come next
        self.problem: str | None = None

    def feed(self, chunk: bytes) -> None:
        if self.problem is not None or not chunk:
            return
        data = self._carry + chunk
        position = data.find(b"\r")
        while position != -1 and position + 1 < len(data):
            if data[position + 1] != 0x0A:
                line = self._lines_before + data.count(b"\n", 0, position) + 1
                self.problem = f"line {line}: {STRAY_CR}"
                return
            position = data.find(b"\r", position + 1)
        self._carry = b"\r" if data.endswith(b"\r") else b""
        pending = len(self._decoder.getstate()[0])  # a character's first bytes, held back
        try:
            self._decoder.decode(chunk)
        except UnicodeDecodeError as exc:
            # exc.start counts the held-back bytes too; they hold no newline
            newlines = chunk.count(b"\n", 0, max(exc.start - pending, 0))
            self.problem = f"line {self._lines_before + newlines + 1}: {NOT_UTF8}"
            return
        self._lines_before += chunk.count(b"\n")

    def finish(self) -> str | None:
        if self.problem is None:
            try:
                self._decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                self.problem = f"line {self._lines_before + 1}: {NOT_UTF8}"
        return self.problem


def describe_parse_error(message: str) -> str | None:
    """One line for DuckDB's (or Spark's) error on reading a raw file: the file, the line
    number and what is wrong. None when the message is not about reading a raw file."""
    found = _CSV_FILE.search(message)
    if found is None or "Invalid Input Error" not in message:
        return _spark_parse_error(message)
    path = Path(found.group(1))
    with contextlib.suppress(ValueError):
        path = path.relative_to(Path.cwd())  # as the user named it, when under this folder
    line = _CSV_LINE.search(message)
    fields = _CSV_FIELDS.search(message)
    if line and fields:
        expected, got = int(fields.group(1)), int(fields.group(2))
        problem = "too many fields" if got > expected else "too few fields"
        return f"{path}: line {line.group(1)}: {problem} ({got}, expected {expected})"
    if line and "Invalid unicode" in message:
        return f"{path}: line {line.group(1)}: {NOT_UTF8}"
    if "invalid state" in message:
        # DuckDB names no line here; a carriage return inside a line is the usual cause.
        try:
            number = _stray_carriage_return(path)
        except (OSError, EOFError, zlib.error, gzip.BadGzipFile):
            number = None
        if number is not None:
            return f"{path}: line {number}: {STRAY_CR}"
        return f"{path}: unreadable as {path.suffixes[0].lstrip('.')} (no line could be named)"
    first = message.split("Invalid Input Error:", 1)[1].strip().splitlines()[0]
    where = f"line {line.group(1)}: " if line else ""
    return f"{path}: {where}{first}"
