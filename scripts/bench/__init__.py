"""The full-scale benchmark: how far the project is from DuckDB's own floor.

    python -m scripts.bench --scale S [--raw-dir DIR] [--work-dir DIR] [--results-dir DIR]
                            [--label NAME] [--seed N] [--engine duckdb|spark] [--no-save]

One run measures, with the same DuckDB settings (DUCKDB_THREADS, DUCKDB_MEMORY_LIMIT,
DUCKDB_TEMP_DIR, preserve_insertion_order = false) for every stage:

1. generate: the sample data at scale S (only when the raw folder lacks it);
2. floor:    in a fresh DuckDB file, `count(*)` over each of the 13 raw files and a simple
             typed `create table as` of each (ids without their tt/nm prefix as BIGINT,
             numbers as numbers, `\\N` / `NULL` as NULL), read with the loader's own options;
3. build:    `python -m scripts.build --force` into a fresh warehouse (registration, dbt deps,
             `dbt build` with every test, publish), then per-model and per-test times from
             dbt's run_results.json;
4. rerun:    the same build again without --force, raw files unchanged (should do nothing);
5. the warehouse: file size and the row count of every relation in the `marts` schema.

Every stage runs in child processes; a sampler thread sums VmRSS over the whole process tree
(this process and all its descendants) every 0.2 s and keeps the peak per stage.

Results go to `bench/results/<label>-<UTC time>.json` and `.md` (with --no-save: to the work
folder instead). Targets are reported as passed or missed, never asserted: the exit code is 0
unless a stage failed to run (then the results are still written, and the exit code is 1).

The modules, by job:

- `settings`: the DuckDB settings of every stage, the machine's facts, paths in results;
- `sampling`: the process tree and its memory, from /proc;
- `floor`:    the floor's typed reading of each raw file, and its timing;
- `stages`:   running one stage as a child process, timed and sampled;
- `results`:  dbt's run results summarised, the build's phases, the targets;
- `markdown`: the Markdown report, rendered from the JSON results;
- `run`:      one benchmark run, stage by stage, and its results on disk;
- `cli`:      the command line, including the internal `_generate` and `_floor` stages.
"""

from scripts.bench.cli import build_parser, main
from scripts.bench.floor import FLOOR_TYPES, run_floor, typed_select_sql
from scripts.bench.markdown import _retried_sentence, render_markdown
from scripts.bench.results import (
    TARGET_BUILD_SECONDS,
    TARGET_GENERATE_SECONDS,
    TARGET_PEAK_RSS_BYTES,
    TARGET_RATIO,
    TARGET_RERUN_FRACTION,
    dbt_threads_used,
    evaluate_targets,
    mart_row_counts,
    summarize_run_results,
)
from scripts.bench.run import run_benchmark, scale_label
from scripts.bench.sampling import TreeSampler, process_tree
from scripts.bench.settings import GIB, PROJECT_DIR, Settings, settings_from_env
from scripts.bench.stages import Stage, run_stage

__all__ = [
    "FLOOR_TYPES",
    "GIB",
    "PROJECT_DIR",
    "TARGET_BUILD_SECONDS",
    "TARGET_GENERATE_SECONDS",
    "TARGET_PEAK_RSS_BYTES",
    "TARGET_RATIO",
    "TARGET_RERUN_FRACTION",
    "Settings",
    "Stage",
    "TreeSampler",
    "_retried_sentence",
    "build_parser",
    "dbt_threads_used",
    "evaluate_targets",
    "main",
    "mart_row_counts",
    "process_tree",
    "render_markdown",
    "run_benchmark",
    "run_floor",
    "run_stage",
    "scale_label",
    "settings_from_env",
    "summarize_run_results",
    "typed_select_sql",
]
