"""The command line of `python -m scripts.bench`: the benchmark, and the internal stages it runs
as child processes (`_generate`, `_floor`) so that their memory is measured apart."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from scripts.bench.floor import run_floor
from scripts.bench.run import run_benchmark
from scripts.bench.settings import settings_from_env


def _internal_generate(raw_dir: Path, scale: float, seed: int, day: int, out: Path) -> int:
    from scripts import generate

    counts = generate.generate(raw_dir, scale, seed=seed, day=day)
    out.write_text(json.dumps({str(k): int(v) for k, v in counts.items()}, indent=1))
    return 0


def build_parser() -> argparse.ArgumentParser:
    from scripts import bench  # the package's docstring opens with the description

    description = str(bench.__doc__).split("\n")[0]
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=description)
    parser.add_argument("--scale", type=float, required=True, help="1.0 = real IMDB row counts")
    parser.add_argument("--raw-dir", type=Path, default=None, help="default data/bench/scale-S")
    parser.add_argument("--work-dir", type=Path, default=None, help="default bench/work")
    parser.add_argument("--results-dir", type=Path, default=None, help="default bench/results")
    parser.add_argument("--label", default=None, help="results file name prefix")
    parser.add_argument("--seed", type=int, default=42, help="generator seed")
    parser.add_argument(
        "--engine", choices=("duckdb", "spark"), default="duckdb", help="the build's engine"
    )
    parser.add_argument(
        "--no-save", action="store_true", help="write results to the work folder instead"
    )
    parser.add_argument(
        "--second-day",
        action="store_true",
        help="then build the next day's files (the generator's day 2) on top of the warehouse",
    )
    return parser


def _internal_main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench (internal)")
    parser.add_argument("stage", choices=("_generate", "_floor"))
    parser.add_argument("--raw-dir", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--scale", type=float)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--day", type=int, default=1)
    args = parser.parse_args(argv)
    if args.stage == "_generate":
        return _internal_generate(args.raw_dir, args.scale, args.seed, args.day, args.out)
    settings = settings_from_env(args.db.parent)
    floor = run_floor(args.raw_dir, args.db, settings)
    args.out.write_text(json.dumps(floor, indent=1))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] in ("_generate", "_floor"):
        return _internal_main(argv)
    args = build_parser().parse_args(argv)
    if args.scale <= 0:
        print("error: --scale must be positive", file=sys.stderr)
        return 2
    if args.label is not None and (not args.label or "/" in args.label or "\\" in args.label):
        print("error: --label must be a plain name (no path separators)", file=sys.stderr)
        return 2
    try:
        return run_benchmark(args)
    except KeyboardInterrupt:
        print("\n[bench] interrupted", file=sys.stderr)
        return 130
