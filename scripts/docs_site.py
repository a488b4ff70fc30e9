"""The dbt docs site: generate it from the built warehouse, and serve it on localhost.

    python -m scripts.docs_site generate [--db PATH] [--target-path T]
    python -m scripts.docs_site serve    [--port 8080] [--target-path T]

`generate` runs `dbt docs generate --static` with the prod target. That writes manifest.json,
catalog.json, index.html and the single-file static_index.html (manifest and catalog inlined, opens
from disk without a server) into the target folder. The catalog is read from the published
warehouse (--db, default $DUCKDB_PATH or warehouse.duckdb). dbt-duckdb opens its database
read-write, so docs are generated from a temporary copy of it: the published file is never opened
and analysts holding it open do not block this.

`serve` runs `dbt docs serve` on 127.0.0.1 (no browser) and prints the address.

Errors a user can cause end in one line and a non-zero exit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
DOCS_FILES = ("manifest.json", "catalog.json", "index.html", "static_index.html")


class DocsError(Exception):
    """The docs could not be generated or served. The message is one line."""


def _say(message: str) -> None:
    print(f"[docs] {message}", flush=True)


def _dbt() -> str:
    dbt = Path(sys.executable).with_name("dbt")
    return str(dbt) if dbt.exists() else "dbt"


def default_target_path() -> Path:
    return Path(os.environ.get("DBT_TARGET_PATH", "target"))


def default_db_path() -> Path:
    return Path(os.environ.get("DUCKDB_PATH", "warehouse.duckdb"))


def _absolute(path: Path) -> Path:
    return path if path.is_absolute() else Path.cwd() / path


def _run_dbt(args: list[str], env: dict[str, str]) -> int:
    return subprocess.call([_dbt(), *args], cwd=PROJECT_DIR, env=env)


def generate(db: Path, target_path: Path) -> Path:
    """Generate the docs into target_path from a copy of the warehouse at db."""
    db, target_path = _absolute(db), _absolute(target_path)
    if not db.is_file():
        raise DocsError(f"{db}: no warehouse to document (build it first: make run)")
    if db.with_name(db.name + ".wal").exists():
        raise DocsError(f"{db}: has a write-ahead log (a build is writing it?); retry later")
    target_path.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docs-") as tmp:
        # Same file name: DuckDB names the database after the file, and the catalog must match
        # the database names in the manifest.
        copy = Path(tmp) / db.name
        _say(f"copying {db} to a temporary file (docs generate opens it read-write)")
        shutil.copyfile(db, copy)
        env = dict(os.environ)
        env.update(
            {
                "DBT_TARGET": "prod",
                "DUCKDB_PATH": str(copy),
                "DUCKDB_TEMP_DIR": str(Path(tmp) / "spill"),
                "DBT_TARGET_PATH": str(target_path),
            }
        )
        env.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
        if _run_dbt(["deps", "--quiet"], env) != 0:
            raise DocsError("dbt deps failed (see above)")
        _say("dbt docs generate --static (prod target)")
        if _run_dbt(["docs", "generate", "--static", "--target", "prod"], env) != 0:
            raise DocsError("dbt docs generate failed (see above)")
    missing = [name for name in DOCS_FILES if not (target_path / name).is_file()]
    if missing:
        raise DocsError(f"{target_path}: dbt did not write {', '.join(missing)}")
    static = target_path / "static_index.html"
    _say(f"docs written to {target_path}; single-file page: {static}")
    return static


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def serve(target_path: Path, port: int, host: str = "127.0.0.1") -> int:
    """Serve the generated docs until interrupted."""
    target_path = _absolute(target_path)
    missing = [name for name in DOCS_FILES[:2] if not (target_path / name).is_file()]
    if missing:
        raise DocsError(
            f"{target_path}: no {', '.join(missing)} (generate first: "
            "python -m scripts.docs_site generate)"
        )
    if not 0 < port < 65536:
        raise DocsError(f"port {port}: not a valid port number")
    if not _port_free(host, port):
        raise DocsError(f"port {port} on {host} is in use (choose another: make docs PORT=...)")
    env = dict(os.environ)
    env["DBT_TARGET_PATH"] = str(target_path)
    env.setdefault("DBT_PROFILES_DIR", str(PROJECT_DIR))
    _say(f"serving the docs at http://{host}:{port} (Ctrl+C to stop)")
    args = ["docs", "serve", "--port", str(port), "--host", host, "--no-browser"]
    # Replace this process with dbt: Ctrl+C and kill reach the server itself, nothing is orphaned.
    os.chdir(PROJECT_DIR)
    dbt = _dbt()
    os.execvpe(dbt, [dbt, *args], env)
    return 1  # not reached


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.docs_site", description="Generate and serve the dbt docs."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate", help="dbt docs generate (+ static_index.html)")
    gen.add_argument("--db", type=Path, default=default_db_path(), help="published warehouse")
    gen.add_argument("--target-path", type=Path, default=default_target_path())
    srv = commands.add_parser("serve", help="dbt docs serve on 127.0.0.1")
    srv.add_argument("--port", type=int, default=8080)
    srv.add_argument("--target-path", type=Path, default=default_target_path())
    args = parser.parse_args(argv)
    try:
        if args.command == "generate":
            generate(args.db, args.target_path)
            return 0
        return serve(args.target_path, args.port)
    except DocsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
