"""The IMDB models, staging to star schema, built with dbt on real and generated data.

Real data: the 100-row IMDB samples in `<repo>/../shared/data/imdb` are registered (the IMDB
files alone) into a temporary DuckDB file and `dbt build` runs every IMDB model and
test. Expected values come from the sample files themselves (read here with Python), never from
the models' output.

Generated data: `scripts.generate` at a tiny scale, checked for the quirks the cleaning rules
exist for (the lone-quote title, escaped quotes in characters, 8-digit ids, bad numbers).
"""

from __future__ import annotations

import csv
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, SHARED_DATA
from scripts.load import register
from scripts.raw_files import ALL_FILES, IMDB_FILES, RawFile

pytestmark = pytest.mark.slow

SELECTOR = ["+marts.imdb", "staging.imdb", "intermediate.imdb"]
ID_PATTERN = re.compile(r"(tt|nm)[0-9]+")


def _dbt(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    dbt = Path(sys.executable).with_name("dbt")
    return subprocess.run(
        [str(dbt), *args, "--project-dir", str(REPO), "--profiles-dir", str(REPO)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )


def _build(work: Path, raw_dir: Path, specs: tuple[RawFile, ...] = ALL_FILES) -> Path:
    """Register raw_dir's `specs` into a fresh database under work and `dbt build` the IMDB
    models (which read no bike file)."""
    db = work / "warehouse.duckdb"
    register(raw_dir, db, specs=specs)
    env = {
        **os.environ,
        "DBT_TARGET": "dev",
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DUCKDB_DEV_PATH": str(db),
        "DUCKDB_TEMP_DIR": str(work / "tmp"),
        "DBT_PROFILES_DIR": str(REPO),
    }
    if not (REPO / "dbt_packages").is_dir():
        deps = _dbt("deps", env=env)
        assert deps.returncode == 0, deps.stdout[-3000:]
    result = _dbt("build", "--select", *SELECTOR, env=env)
    assert result.returncode == 0, result.stdout[-5000:]
    run_results = json.loads((work / "target" / "run_results.json").read_text())
    bad = [r["unique_id"] for r in run_results["results"] if r["status"] in {"error", "fail"}]
    assert bad == [], bad
    assert len(run_results["results"]) > 100  # models, seeds, data and unit tests all ran
    return db


def _read_tsv(path: Path) -> list[dict[str, str]]:
    opener = gzip.open if path.name.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def _query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


# ------------------------------------------------------------------ real samples


@pytest.fixture(scope="module")
def real_imdb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    imdb_dir = SHARED_DATA / "imdb"
    if not imdb_dir.is_dir():
        pytest.skip(f"real IMDB samples not found at {imdb_dir} (only present in CI)")
    work = tmp_path_factory.mktemp("imdb_real")
    raw_dir = work / "raw"
    (raw_dir / "imdb").mkdir(parents=True)
    for source in imdb_dir.iterdir():
        if source.is_file():
            (raw_dir / "imdb" / source.name).write_bytes(source.read_bytes())
    yield _build(work, raw_dir, IMDB_FILES), imdb_dir


def _sample(imdb_dir: Path, stem: str) -> list[dict[str, str]]:
    path = imdb_dir / f"{stem}.tsv"
    return _read_tsv(path if path.exists() else imdb_dir / f"{stem}.tsv.gz")


def test_carmencita_is_an_1894_short(real_imdb: tuple[Path, Path]) -> None:
    db, _ = real_imdb
    row = _query(
        db,
        "select title_tconst, title_type, primary_title, start_year, end_year, "
        "runtime_minutes, is_adult, genres from marts.dim_titles where title_id = 1",
    )
    assert row == [
        ("tt0000001", "short", "Carmencita", 1894, None, 1, False, ["Documentary", "Short"])
    ]
    genres = _query(
        db,
        "select genre_name from marts.bdg_title_genres where title_id = 1 order by genre_position",
    )
    assert genres == [("Documentary",), ("Short",)]


def test_carmencita_rating_matches_the_ratings_sample(real_imdb: tuple[Path, Path]) -> None:
    db, imdb_dir = real_imdb
    ratings = {r["tconst"]: r for r in _sample(imdb_dir, "title.ratings")}
    if "tt0000001" not in ratings:
        pytest.skip("tt0000001 is not in this ratings sample")
    expected = ratings["tt0000001"]
    ((rating, votes),) = _query(
        db, "select average_rating, num_votes from marts.dim_titles where title_id = 1"
    )
    assert str(rating) == expected["averageRating"]
    assert votes == int(expected["numVotes"])


def test_every_sample_row_is_staged_or_quarantined(real_imdb: tuple[Path, Path]) -> None:
    db, imdb_dir = real_imdb
    models = {
        "title.basics": "stg_imdb__titles",
        "title.akas": "stg_imdb__title_akas",
        "title.crew": "stg_imdb__title_crews",
        "title.episode": "stg_imdb__title_episodes",
        "title.principals": "stg_imdb__title_principals",
        "title.ratings": "stg_imdb__title_ratings",
        "name.basics": "stg_imdb__people",
    }
    for stem, model in models.items():
        raw_rows = len(_sample(imdb_dir, stem))
        ((staged,),) = _query(db, f"select coalesce(sum(source_row_count), 0) from staging.{model}")
        ((rejected,),) = _query(db, f"select count(*) from staging.{model}_rejected")
        assert staged + rejected == raw_rows, stem


def test_sample_ids_cast_to_their_digits(real_imdb: tuple[Path, Path]) -> None:
    db, imdb_dir = real_imdb
    expected = sorted(int(r["nconst"][2:]) for r in _sample(imdb_dir, "name.basics"))
    actual = [
        r[0]
        for r in _query(
            db, "select person_id from marts.dim_people where person_id <> -1 order by person_id"
        )
    ]
    assert actual == expected


def test_characters_are_parsed_from_json(real_imdb: tuple[Path, Path]) -> None:
    db, imdb_dir = real_imdb
    principals = _sample(imdb_dir, "title.principals")
    expected = sorted(
        (int(r["tconst"][2:]), int(r["ordering"]), tuple(json.loads(r["characters"])))
        for r in principals
        if r["characters"] != "\\N"
    )
    actual = sorted(
        (t, o, tuple(c))
        for t, o, c in _query(
            db,
            "select title_id, credit_ordering, characters from marts.fct_title_principals "
            "where characters is not null",
        )
    )
    assert actual == expected
    assert expected  # the sample does hold characters


def test_vw_episodes_rows_are_all_sample_episodes(real_imdb: tuple[Path, Path]) -> None:
    db, imdb_dir = real_imdb
    episodes = {int(r["tconst"][2:]) for r in _sample(imdb_dir, "title.episode")}
    rows = _query(db, "select episode_title_id, series_title_id from marts.vw_episodes")
    assert {r[0] for r in rows} == episodes  # every episode, and only episodes
    parents = {
        int(r["tconst"][2:]): int(r["parentTconst"][2:]) for r in _sample(imdb_dir, "title.episode")
    }
    assert all(parents[episode] == series for episode, series in rows)
    ((duplicates,),) = _query(
        db,
        "select count(*) from (select episode_title_id, credit_ordering from marts.vw_episodes "
        "group by all having count(*) > 1)",
    )
    assert duplicates == 0


def test_akas_regions_resolve_to_names(real_imdb: tuple[Path, Path]) -> None:
    db, _ = real_imdb
    names = dict(
        _query(
            db,
            "select akas.region_code, regions.region_name from marts.fct_title_akas as akas "
            "join marts.dim_regions as regions using (region_code) "
            "where akas.region_code in ('HU', 'XWW', '-1') group by all",
        )
    )
    assert names["HU"] == "Hungary"
    assert names["XWW"] == "World-wide"
    assert names["-1"] == "Unknown or not applicable"


# ------------------------------------------------------------------ generated data


@pytest.fixture(scope="module")
def generated_imdb(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    try:
        from scripts import generate
    except ImportError as exc:  # pragma: no cover - the generator is part of the repo
        pytest.skip(f"scripts.generate is not available ({exc})")
    work = tmp_path_factory.mktemp("imdb_generated")
    raw_dir = work / "raw"
    generate.generate(raw_dir, scale=0.0005, seed=42)
    return _build(work, raw_dir), raw_dir / "imdb"


def test_lone_quote_title_survives(generated_imdb: tuple[Path, Path]) -> None:
    db, imdb_dir = generated_imdb
    basics = _read_tsv(imdb_dir / "title.basics.tsv.gz")
    lone = [r for r in basics if r["primaryTitle"].count('"') == 1]
    assert lone, "the generator should write a title with a lone double quote"
    for row in lone:
        rows = _query(
            db,
            "select primary_title from marts.dim_titles where title_tconst = ?",
            [row["tconst"]],
        )
        assert rows == [(row["primaryTitle"],)]


def test_escaped_quotes_in_characters_are_decoded(generated_imdb: tuple[Path, Path]) -> None:
    db, imdb_dir = generated_imdb
    principals = _read_tsv(imdb_dir / "title.principals.tsv.gz")
    keys: dict[tuple[str, str], list[dict[str, str]]] = {}
    for row in principals:
        keys.setdefault((row["tconst"], row["ordering"]), []).append(row)
    # keys held by one distinct raw row (exact duplicates allowed), with an escaped quote
    escaped = {
        (int(t[2:]), int(o)): json.loads(rows[0]["characters"])
        for (t, o), rows in keys.items()
        if '\\"' in rows[0]["characters"] and all(r == rows[0] for r in rows)
    }
    assert escaped, "the generator should write characters with escaped quotes"
    for (title_id, ordering), characters in escaped.items():
        rows = _query(
            db,
            "select characters from staging.stg_imdb__title_principals "
            "where title_id = ? and ordering = ?",
            [title_id, ordering],
        )
        assert rows == [(characters,)]
        assert any('"' in c for c in characters)


def test_eight_digit_ids_cast_exactly(generated_imdb: tuple[Path, Path]) -> None:
    db, imdb_dir = generated_imdb
    basics = _read_tsv(imdb_dir / "title.basics.tsv.gz")
    eight = sorted({r["tconst"] for r in basics if re.fullmatch(r"tt[0-9]{8}", r["tconst"])})
    assert eight, "the generator should write 8-digit title ids"
    rows = dict(
        _query(
            db,
            "select title_tconst, title_id from marts.dim_titles "
            "where title_tconst in (select unnest(?))",
            [eight],
        )
    )
    assert rows == {t: int(t[2:]) for t in eight}


def test_bad_numbers_become_null_and_are_listed(generated_imdb: tuple[Path, Path]) -> None:
    db, imdb_dir = generated_imdb
    basics = _read_tsv(imdb_dir / "title.basics.tsv.gz")
    by_id: dict[str, list[dict[str, str]]] = {}
    for row in basics:
        by_id.setdefault(row["tconst"], []).append(row)
    bad_runtime = [
        t
        for t, rows in by_id.items()
        if len(rows) == 1
        and ID_PATTERN.fullmatch(t)
        and rows[0]["runtimeMinutes"] != "\\N"
        and not rows[0]["runtimeMinutes"].isdigit()
    ]
    bad_year = [
        t
        for t, rows in by_id.items()
        if len(rows) == 1 and ID_PATTERN.fullmatch(t) and rows[0]["startYear"] == "0"
    ]
    assert bad_runtime, "the generator should write a non-numeric runtime"
    assert bad_year, "the generator should write a start year of 0"
    for tconst in bad_runtime:
        ((runtime, rejected),) = _query(
            db,
            "select runtime_minutes, rejected_columns from staging.stg_imdb__titles "
            "where title_tconst = ?",
            [tconst],
        )
        assert runtime is None
        assert "runtimeMinutes" in rejected
    for tconst in bad_year:
        ((year, rejected),) = _query(
            db,
            "select start_year, rejected_columns from staging.stg_imdb__titles "
            "where title_tconst = ?",
            [tconst],
        )
        assert year is None
        assert "startYear" in rejected

    ratings = _read_tsv(imdb_dir / "title.ratings.tsv.gz")
    counts: dict[str, int] = {}
    for row in ratings:
        counts[row["tconst"]] = counts.get(row["tconst"], 0) + 1
    bad_ratings = [
        r["tconst"]
        for r in ratings
        if counts[r["tconst"]] == 1
        and r["averageRating"] != "\\N"
        and not (
            re.fullmatch(r"[0-9]{1,2}(\.[0-9]+)?", r["averageRating"])
            and 1 <= float(r["averageRating"]) <= 10
        )
    ]
    assert bad_ratings, "the generator should write an out-of-range or non-numeric rating"
    for tconst in bad_ratings:
        rows = _query(
            db,
            "select average_rating, rejected_columns from staging.stg_imdb__title_ratings "
            "where title_tconst = ?",
            [tconst],
        )
        assert rows == [(None, ["averageRating"])]


def test_generated_vw_episodes_are_episodes(generated_imdb: tuple[Path, Path]) -> None:
    db, imdb_dir = generated_imdb
    basics = {r["tconst"]: r["titleType"] for r in _read_tsv(imdb_dir / "title.basics.tsv.gz")}
    episodes = {r["tconst"] for r in _read_tsv(imdb_dir / "title.episode.tsv.gz")}
    rows = _query(db, "select distinct episode_tconst from marts.vw_episodes")
    assert {r[0] for r in rows} == episodes
    known_types = {basics[t] for t in episodes if t in basics}
    assert known_types <= {"tvEpisode"}, known_types


@pytest.mark.parametrize(
    ("view", "correct", "broken", "failing"),
    [
        (
            "vw_general",
            "and principals.category is not null",
            "",
            {"vw_general_keeps_usable_credits_and_drops_the_rest"},
        ),
        (
            "vw_episodes",
            "left join principals",
            "inner join principals",
            {"vw_episodes_has_one_row_per_credit_and_keeps_episodes_without_credits"},
        ),
        (
            "int_episodes_joined",
            "left join parent_titles",
            "inner join parent_titles",
            {"int_episodes_joined_has_one_row_per_episode_and_keeps_orphans"},
        ),
        (
            "fct_title_principals",
            "    from principals\n",
            "    from principals\n    cross join (select 1 union all select 2)\n",
            {
                "fct_title_principals_keeps_every_staged_credit_once",
                "fct_title_principals_is_as_of_the_principals_file",
            },
        ),
    ],
)
def test_view_unit_tests_fail_on_a_broken_view(
    generated_imdb: tuple[Path, Path],
    tmp_path: Path,
    view: str,
    correct: str,
    broken: str,
    failing: set[str],
) -> None:
    """The IMDB views have no grain or completeness test on the full data; their unit tests
    take that place. A view broken on purpose (a filter dropped, a left join made inner, each
    row repeated) fails them, in a copy of the project run against the built sample."""
    from scripts.upstream_check import copy_project, project_env

    db, _ = generated_imdb
    project = tmp_path / "project"
    copy_project(project)
    (model,) = (project / "models").rglob(f"{view}.sql")
    assert correct in model.read_text()
    model.write_text(model.read_text().replace(correct, broken))
    copy = tmp_path / db.name
    shutil.copyfile(db, copy)
    env = project_env(project, copy)
    dbt = str(Path(sys.executable).with_name("dbt"))
    for args in (["deps"], ["test", "--select", f"test_type:unit,{view}"]):
        result = subprocess.run(
            [dbt, *args], cwd=project, env=env, capture_output=True, text=True, timeout=900
        )
    assert result.returncode == 1, result.stdout[-3000:]
    results = json.loads((project / "target" / "run_results.json").read_text())["results"]
    statuses = {r["unique_id"].split(".")[-1]: r["status"] for r in results}
    assert {name for name, status in statuses.items() if status == "fail"} == failing, statuses
    assert len(statuses) >= 2, statuses  # the view's other unit tests ran and passed
