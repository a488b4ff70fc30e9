"""Deterministic sample data generator for the thirteen raw files.

Writes the seven IMDB files (`raw_dir/imdb/<stem>.tsv.gz`) and the six bike files
(`raw_dir/bike/<stem>.csv`) in exactly the layout of the real sources, quirks
included, so the loader and dbt can run without the real data. Every value is a
pure function of (row key, seed): DuckDB's `hash()` gives the pseudo-random
numbers, `range()` gives the rows and `COPY` writes the IMDB files through gzip,
two files at a time. The same (scale, seed, day) always gives the same bytes;
`day=2` is the day-1 data plus a small, known set of changes.

Usage: python -m scripts.generate --raw-dir data/raw --scale 0.001 --seed 42 --day 1

Layout: `sql/` holds one SQL file per raw file (`sql/imdb/title_principals.sql`,
`sql/bike/person_person.sql`, ...) plus the shared macros and build steps, rendered with
Jinja2 by `templates`; `imdb` and `bike` fill in the variables and run them; `words` and
`products` hold the word lists and product tables; `sizes` the row counts and forced row
keys; `files` the gzip and CSV writing; `pipeline` the `generate()` driver; `cli` `main()`.
"""

from scripts.generate.cli import main
from scripts.generate.pipeline import generate
from scripts.generate.sizes import (
    BIKE_REFERENCE_STEMS,
    DEFAULT_SCALE,
    DEFAULT_SEED,
    SURVEY_NS,
    BikeSizes,
    ImdbSizes,
    bike_sizes,
    imdb_sizes,
)
from scripts.generate.templates import sql_file
from scripts.generate.words import TITLE_TYPES

__all__ = [
    "BIKE_REFERENCE_STEMS",
    "DEFAULT_SCALE",
    "DEFAULT_SEED",
    "SURVEY_NS",
    "TITLE_TYPES",
    "BikeSizes",
    "ImdbSizes",
    "bike_sizes",
    "generate",
    "imdb_sizes",
    "main",
    "sql_file",
]
