"""`generate()`: write all raw files for one (scale, seed, day).

One in-memory DuckDB holds the macros (`sql/macros.sql`); the bike tables are built in
memory and written by Python with BOM and CRLF; the IMDB files are streamed from `range()`
straight into gzip, two files at a time. Files are written under temporary names and
renamed into place only when all of them are written.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import duckdb

from scripts.generate.bike import bike_queries, build_sales, load_bike_tables
from scripts.generate.files import copy_imdb, tmp_path, write_bike
from scripts.generate.imdb import imdb_queries, series_sql
from scripts.generate.sizes import (
    BIKE_REFERENCE_STEMS,
    DEFAULT_SCALE,
    DEFAULT_SEED,
    MISSING_ID_BASE,
    NAME_ID_SPAN,
    TITLE_ID_SPAN,
    ImdbSizes,
    bike_sizes,
    imdb_sizes,
)
from scripts.generate.templates import render
from scripts.generate.words import TITLE_TYPES
from scripts.raw_files import BIKE_FILES, IMDB_FILES


def macros_sql(seed: int, s: ImdbSizes) -> str:
    """The `create macro` statements every query uses (hk, rnd, tconst, guid, ...)."""
    return render(
        "macros.sql",
        seed=seed,
        titles=s.titles,
        names=s.names,
        title_id_span=TITLE_ID_SPAN,
        name_id_span=NAME_ID_SPAN,
        missing_id_base=MISSING_ID_BASE,
        title_types=TITLE_TYPES,
    )


def generate(
    raw_dir: Path,
    scale: float = DEFAULT_SCALE,
    seed: int = DEFAULT_SEED,
    day: int = 1,
    bike_reference_dir: Path | None = None,
) -> dict[str, int]:
    """Write the raw files under raw_dir and return the data rows written per file stem."""
    if scale <= 0:
        raise ValueError(f"scale must be positive, got {scale}")
    if day not in (1, 2):
        raise ValueError(f"day must be 1 or 2, got {day}")
    raw_dir = Path(raw_dir)
    imdb_dir, bike_dir = raw_dir / "imdb", raw_dir / "bike"
    imdb_dir.mkdir(parents=True, exist_ok=True)
    bike_dir.mkdir(parents=True, exist_ok=True)
    if bike_reference_dir is not None:
        missing = [
            s for s in BIKE_REFERENCE_STEMS if not (Path(bike_reference_dir) / f"{s}.csv").is_file()
        ]
        if missing:
            raise FileNotFoundError(f"{bike_reference_dir} lacks {', '.join(missing)} (.csv)")

    isizes, bsizes = imdb_sizes(scale), bike_sizes(scale)
    con = duckdb.connect()
    done: list[tuple[Path, Path]] = []
    counts: dict[str, int] = {}
    try:
        con.execute("set enable_progress_bar = false")
        con.execute("set preserve_insertion_order = true")
        # DuckDB 2.0 pushes try_cast into the CSV reader as a strict cast (duckdb#23818)
        con.execute("set disabled_optimizers = 'type_pushdown'")
        con.execute(macros_sql(seed, isizes))

        # bike: small, built in memory, written by Python with BOM and CRLF
        reference = Path(bike_reference_dir) if bike_reference_dir is not None else None
        load_bike_tables(con, seed, bsizes, reference)
        build_sales(con, bsizes, day)
        specs = {s.stem: s for s in BIKE_FILES}
        for stem, sql in bike_queries(day, reference is not None).items():
            final = bike_dir / f"{stem}.csv"
            tmp = tmp_path(final)
            done.append((tmp, final))
            counts[stem] = write_bike(con, specs[stem], sql, tmp)

        # IMDB: streamed from range() straight into gzip, two files at a time
        con.execute(series_sql(isizes))
        n_series = con.execute("select count(*) from series").fetchone()[0]
        queries = imdb_queries(isizes, n_series, day)
        jobs: list[tuple[str, Path]] = []
        for stem in queries:
            final = imdb_dir / f"{stem}.tsv.gz"
            done.append((tmp_path(final), final))
            jobs.append((stem, tmp_path(final)))

        def run(job: tuple[str, Path]) -> tuple[str, int]:
            stem, target = job
            cur = con.cursor()
            try:
                return stem, copy_imdb(cur, queries[stem], target)
            finally:
                cur.close()

        with ThreadPoolExecutor(max_workers=2) as pool:
            for stem, rows in pool.map(run, jobs):
                counts[stem] = rows
        for tmp, final in done:
            os.replace(tmp, final)
        done = []
    finally:
        con.close()
        for tmp, _ in done:
            tmp.unlink(missing_ok=True)
    order = [s.stem for s in IMDB_FILES + BIKE_FILES if s.stem in counts]
    return {stem: counts[stem] for stem in order}
