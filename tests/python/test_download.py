"""Tests for scripts/download.py against a real HTTP server on 127.0.0.1.

The server (ThreadingHTTPServer on port 0, in a thread) serves small gzip files made
in tmp_path. Per file it can serve normally with Range support, cut the body short,
answer 500, answer 404 (file not served), ignore Range, or serve non-gzip bytes.
No network beyond loopback.
"""

from __future__ import annotations

import gzip
import random
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from scripts import download as dl
from scripts.raw_files import IMDB_FILES

BASICS = "title.basics.tsv.gz"


def make_gzip(seed: int, rows: int = 2000) -> bytes:
    """A small gzip file that does not compress to almost nothing (~30 KB)."""
    rng = random.Random(seed)
    lines = ["tconst\tprimaryTitle\tstartYear"]
    for i in range(rows):
        lines.append(f"tt{i:07d}\t{rng.randbytes(6).hex()}\t{rng.randint(1890, 2030)}")
    return gzip.compress(("\n".join(lines) + "\n").encode(), mtime=0)


@dataclass
class ServerState:
    base_url: str = ""
    files: dict[str, bytes] = field(default_factory=dict)
    # per file: normal, truncate, truncate_once, error500, ignore_range
    modes: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[str, str | None]] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def ranges(self, name: str) -> list[str | None]:
        return [rng for path, rng in self.requests if path == name]


class Handler(BaseHTTPRequestHandler):
    timeout = 5  # bound every server-side socket operation

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _status(self, code: int) -> None:
        with self.server.state.lock:
            self.server.state.statuses.append(code)

    def do_GET(self) -> None:
        state: ServerState = self.server.state
        name = self.path.lstrip("/")
        range_header = self.headers.get("Range")
        with state.lock:
            state.requests.append((name, range_header))
            mode = state.modes.get(name, "normal")
            if mode == "truncate_once":
                state.modes[name] = "normal"
                mode = "truncate"
        if mode == "error500":
            self._status(500)
            self.send_error(500)
            return
        if name not in state.files:
            self._status(404)
            self.send_error(404)
            return
        body = state.files[name]
        start = 0
        if range_header and mode != "ignore_range":
            assert range_header.startswith("bytes=") and range_header.endswith("-")
            start = int(range_header[len("bytes=") : -1])
            if start >= len(body):
                self._status(416)
                self.send_response(416)
                self.send_header("Content-Range", f"bytes */{len(body)}")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
        payload = body[start:]
        if start:
            self._status(206)
            self.send_response(206)
            self.send_header("Content-Range", f"bytes {start}-{len(body) - 1}/{len(body)}")
        else:
            self._status(200)
            self.send_response(200)
        self.send_header("Content-Type", "application/gzip")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if mode == "truncate":
            payload = payload[: len(payload) // 2]
        self.wfile.write(payload)
        self.wfile.flush()
        self.close_connection = True


@pytest.fixture(autouse=True)
def _fast_and_local(monkeypatch: pytest.MonkeyPatch) -> None:
    # Small chunks so every download takes several reads; never use a proxy.
    monkeypatch.setattr(dl, "CHUNK_SIZE", 4096)
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "*")


@pytest.fixture
def server() -> Iterator[ServerState]:
    state = ServerState()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.state = state
    thread = threading.Thread(
        target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    )
    thread.start()
    state.base_url = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def fetch(raw: Path, state: ServerState, retries: int = 3, **kwargs) -> list[Path]:
    kwargs.setdefault("stems", ["title.basics"])
    return dl.download(raw, state.base_url, timeout=5, retries=retries, backoff=0, **kwargs)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_full_download_of_all_seven_matches_source(tmp_path, server):
    names = [f"{spec.stem}.tsv.gz" for spec in IMDB_FILES]
    for seed, name in enumerate(names):
        server.files[name] = make_gzip(seed)
    lines: list[str] = []

    paths = fetch(tmp_path / "raw", server, stems=None, progress=lines.append)

    folder = tmp_path / "raw" / "imdb"
    assert paths == [folder / name for name in names]
    for name in names:
        assert (folder / name).read_bytes() == server.files[name]
    assert sorted(p.name for p in folder.iterdir()) == sorted(names)  # no .part left
    assert all(rng is None for _, rng in server.requests)
    assert len(lines) == 7
    assert all(line.startswith(name) for line, name in zip(lines, names, strict=True))


def test_truncated_body_leaves_only_part_and_retries(tmp_path, server):
    source = make_gzip(1)
    server.files[BASICS] = source
    server.modes[BASICS] = "truncate"

    with pytest.raises(dl.DownloadError) as info:
        fetch(tmp_path / "raw", server, retries=2)

    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{BASICS}: body truncated")
    assert message.endswith("after 2 attempts")
    folder = tmp_path / "raw" / "imdb"
    assert not (folder / BASICS).exists()
    part = folder / f"{BASICS}.part"
    assert part.exists()
    # First attempt got half the file; the retry continued from there.
    half = len(source) // 2
    assert server.ranges(BASICS) == [None, f"bytes={half}-"]
    assert 0 < part.stat().st_size < len(source)
    assert part.read_bytes() == source[: part.stat().st_size]


def test_second_call_resumes_from_part_with_range(tmp_path, server):
    source = make_gzip(2)
    server.files[BASICS] = source
    server.modes[BASICS] = "truncate"
    with pytest.raises(dl.DownloadError):
        fetch(tmp_path / "raw", server, retries=1)
    part = tmp_path / "raw" / "imdb" / f"{BASICS}.part"
    part_size = part.stat().st_size
    assert 0 < part_size < len(source)

    server.modes[BASICS] = "normal"
    (path,) = fetch(tmp_path / "raw", server)

    assert server.ranges(BASICS)[-1] == f"bytes={part_size}-"
    assert server.statuses[-1] == 206
    assert path.read_bytes() == source
    assert not part.exists()


def test_truncation_is_recovered_within_one_call(tmp_path, server):
    source = make_gzip(3)
    server.files[BASICS] = source
    server.modes[BASICS] = "truncate_once"

    (path,) = fetch(tmp_path / "raw", server)

    assert path.read_bytes() == source
    assert server.ranges(BASICS) == [None, f"bytes={len(source) // 2}-"]


def test_server_error_gives_one_line_error_after_retries(tmp_path, server):
    server.files[BASICS] = make_gzip(4)
    server.modes[BASICS] = "error500"

    with pytest.raises(dl.DownloadError) as info:
        fetch(tmp_path / "raw", server, retries=3)

    assert str(info.value) == (
        "title.basics.tsv.gz: server answered 500 Internal Server Error after 3 attempts"
    )
    assert len(server.requests) == 3
    folder = tmp_path / "raw" / "imdb"
    assert not (folder / BASICS).exists()
    assert not (folder / f"{BASICS}.part").exists()


def test_not_found_is_not_retried(tmp_path, server):
    with pytest.raises(dl.DownloadError) as info:
        fetch(tmp_path / "raw", server, retries=3)

    assert str(info.value) == "title.basics.tsv.gz: server answered 404 Not Found"
    assert len(server.requests) == 1


def test_non_gzip_body_is_an_error_and_kept_nowhere(tmp_path, server):
    server.files[BASICS] = b"tconst\tprimaryTitle\ntt0000001\tCarmencita\n"

    with pytest.raises(dl.DownloadError) as info:
        fetch(tmp_path / "raw", server)

    message = str(info.value)
    assert message.startswith(f"{BASICS}: not a gzip file")
    assert "\n" not in message
    folder = tmp_path / "raw" / "imdb"
    assert list(folder.iterdir()) == []


def test_gzip_that_does_not_decompress_to_the_end_is_an_error(tmp_path, server):
    source = make_gzip(5)
    server.files[BASICS] = source[: len(source) - 100]  # complete body, cut gzip

    with pytest.raises(dl.DownloadError) as info:
        fetch(tmp_path / "raw", server)

    assert str(info.value).startswith(f"{BASICS}: not a valid gzip file")
    assert "\n" not in str(info.value)
    assert list((tmp_path / "raw" / "imdb").iterdir()) == []


def test_already_complete_file_is_skipped_without_a_request(tmp_path, server):
    present = make_gzip(6)
    server.files[BASICS] = make_gzip(7)  # would differ if it were fetched
    folder = tmp_path / "raw" / "imdb"
    folder.mkdir(parents=True)
    (folder / BASICS).write_bytes(present)
    lines: list[str] = []

    (path,) = fetch(tmp_path / "raw", server, progress=lines.append)

    assert server.requests == []
    assert path.read_bytes() == present
    assert lines == [f"{BASICS}: already present and valid, skipped"]


def test_skip_works_with_no_server_at_all(tmp_path):
    folder = tmp_path / "raw" / "imdb"
    folder.mkdir(parents=True)
    (folder / BASICS).write_bytes(make_gzip(8))

    paths = dl.download(
        tmp_path / "raw",
        f"http://127.0.0.1:{closed_port()}/",
        stems=["title.basics"],
        retries=1,
        backoff=0,
    )

    assert paths == [folder / BASICS]


def test_invalid_final_file_is_continued_as_a_partial_download(tmp_path, server):
    source = make_gzip(9)
    server.files[BASICS] = source
    folder = tmp_path / "raw" / "imdb"
    folder.mkdir(parents=True)
    (folder / BASICS).write_bytes(source[:1000])

    (path,) = fetch(tmp_path / "raw", server)

    assert server.ranges(BASICS) == ["bytes=1000-"]
    assert path.read_bytes() == source


def test_server_ignoring_range_restarts_from_zero(tmp_path, server):
    source = make_gzip(10)
    server.files[BASICS] = source
    server.modes[BASICS] = "ignore_range"
    folder = tmp_path / "raw" / "imdb"
    folder.mkdir(parents=True)
    (folder / f"{BASICS}.part").write_bytes(b"stale bytes " * 50)

    (path,) = fetch(tmp_path / "raw", server)

    assert server.ranges(BASICS) == [f"bytes={12 * 50}-"]
    assert server.statuses == [200]
    assert path.read_bytes() == source
    assert not (folder / f"{BASICS}.part").exists()


def test_416_on_complete_part_verifies_and_renames(tmp_path, server):
    source = make_gzip(11)
    server.files[BASICS] = source
    folder = tmp_path / "raw" / "imdb"
    folder.mkdir(parents=True)
    (folder / f"{BASICS}.part").write_bytes(source)

    (path,) = fetch(tmp_path / "raw", server)

    assert server.statuses == [416]
    assert path.read_bytes() == source
    assert not (folder / f"{BASICS}.part").exists()


def test_416_on_bad_part_starts_over(tmp_path, server):
    source = make_gzip(12)
    server.files[BASICS] = source
    folder = tmp_path / "raw" / "imdb"
    folder.mkdir(parents=True)
    (folder / f"{BASICS}.part").write_bytes(b"x" * len(source))

    (path,) = fetch(tmp_path / "raw", server)

    assert server.statuses == [416, 200]
    assert server.ranges(BASICS) == [f"bytes={len(source)}-", None]
    assert path.read_bytes() == source


def test_resume_onto_an_older_copy_starts_over(tmp_path, server):
    old, new = make_gzip(13), make_gzip(14)
    assert old[:2000] != new[:2000]
    server.files[BASICS] = new
    folder = tmp_path / "raw" / "imdb"
    folder.mkdir(parents=True)
    (folder / f"{BASICS}.part").write_bytes(old[:2000])

    (path,) = fetch(tmp_path / "raw", server)

    assert server.ranges(BASICS) == ["bytes=2000-", None]
    assert path.read_bytes() == new


def test_connection_refused_is_a_one_line_error(tmp_path):
    with pytest.raises(dl.DownloadError) as info:
        dl.download(
            tmp_path / "raw",
            f"http://127.0.0.1:{closed_port()}/",
            stems=["title.ratings"],
            timeout=5,
            retries=2,
            backoff=0,
        )

    message = str(info.value)
    assert message.startswith("title.ratings.tsv.gz: connection failed (")
    assert "refused" in message.lower()
    assert message.endswith("after 2 attempts")
    assert "\n" not in message


def test_unknown_stem_is_an_error(tmp_path, server):
    with pytest.raises(dl.DownloadError, match=r"unknown IMDB file 'title\.nope'"):
        fetch(tmp_path / "raw", server, stems=["title.nope"])
    assert server.requests == []


def test_main_prints_one_line_per_file(tmp_path, server, capsys):
    server.files[BASICS] = make_gzip(15)
    server.files["title.ratings.tsv.gz"] = make_gzip(16)
    argv = ["--raw-dir", str(tmp_path / "raw"), "--base-url", server.base_url]
    argv += ["--stem", "title.basics", "--stem", "title.ratings"]

    assert dl.main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].startswith(f"{BASICS}: downloaded")
    assert out[1].startswith("title.ratings.tsv.gz: downloaded")

    assert dl.main(argv) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[1].strip() for line in out] == [
        "already present and valid, skipped"
    ] * 2


def test_main_error_exits_1_without_traceback(tmp_path, server, capsys):
    argv = ["--raw-dir", str(tmp_path / "raw"), "--base-url", server.base_url]

    assert dl.main([*argv, "--stem", "title.crew"]) == 1
    captured = capsys.readouterr()
    assert captured.err == ("error: title.crew.tsv.gz: server answered 404 Not Found\n")
    assert "Traceback" not in captured.out + captured.err
