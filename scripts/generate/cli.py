"""Command line of the generator: `python -m scripts.generate --raw-dir ... --day 1`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from scripts.generate.pipeline import generate
from scripts.generate.sizes import DEFAULT_SCALE, DEFAULT_SEED


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.generate",
        description="Write deterministic sample IMDB and bike raw files.",
    )
    parser.add_argument("--raw-dir", type=Path, default=Path("data/raw"))
    parser.add_argument("--scale", type=float, default=DEFAULT_SCALE)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--day", type=int, choices=(1, 2), default=1)
    parser.add_argument(
        "--bike-reference-dir",
        type=Path,
        default=None,
        help="folder with the real Production.Product, Sales.Customer and "
        "Sales.SpecialOfferProduct CSVs; those three are then read, not written",
    )
    args = parser.parse_args(argv)
    if args.scale <= 0:
        parser.error("--scale must be positive")
    try:
        counts = generate(args.raw_dir, args.scale, args.seed, args.day, args.bike_reference_dir)
    except (OSError, duckdb.Error) as exc:
        print(f"generate: {exc}", file=sys.stderr)
        return 1
    for stem, rows in counts.items():
        print(f"{stem}\t{rows}")
    return 0
