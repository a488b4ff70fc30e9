"""The seven IMDB queries: render `sql/imdb/<stem>.sql` with the sizes, forced keys and words.

`series_sql` numbers the series the episodes hang from; `imdb_queries` returns one SELECT
per IMDB raw file, in the order the files are written (largest first).
"""

from __future__ import annotations

from typing import Any

from scripts.generate import words
from scripts.generate.sizes import (
    F_EPISODE,
    F_LAST,
    F_MINISERIES,
    F_SERIES,
    FORCED,
    ImdbSizes,
)
from scripts.generate.templates import render, render_raw_file
from scripts.raw_files import sql_string

# written two at a time: the largest files first
IMDB_ORDER = (
    "title.principals",
    "title.akas",
    "title.basics",
    "name.basics",
    "title.crew",
    "title.episode",
    "title.ratings",
)


def forced_context() -> dict[str, int]:
    """The forced row keys as template variables: `forced_<name>` and the four by type."""
    return {
        **{f"forced_{name}": key for name, key in FORCED.items()},
        "forced_series": F_SERIES,
        "forced_miniseries": F_MINISERIES,
        "forced_episode": F_EPISODE,
        "forced_last": F_LAST,
    }


def series_sql(s: ImdbSizes) -> str:
    return render("imdb/series.sql", titles=s.titles)


def imdb_queries(s: ImdbSizes, n_series: int, day: int) -> dict[str, str]:
    """One SELECT per IMDB raw file stem; `n_series` is the row count of table `series`."""
    context: dict[str, Any] = {
        **forced_context(),
        "titles": s.titles,
        "names": s.names,
        "day_two": day >= 2,
        "series_count": n_series,
        "lone_quote_title": sql_string(words.LONE_QUOTE_TITLE),
        "quoted_title": sql_string(words.TITLE_QUOTED[0]),
        "quoted_job": sql_string(words.JOBS[3]),
        "quoted_characters": sql_string('["' + words.CHARACTERS[3] + '","Narrator"]'),
        "greek_name": sql_string(words.NAME_NON_ASCII[0]),
        "cyrillic_name": sql_string(words.NAME_NON_ASCII[1]),
        "cjk_name": sql_string(words.NAME_NON_ASCII[2]),
        "genres": words.GENRES,
        "title_adjectives": words.TITLE_ADJECTIVES,
        "title_nouns": words.TITLE_NOUNS,
        "title_places": words.TITLE_PLACES,
        "title_quoted": words.TITLE_QUOTED,
        "title_non_ascii": words.TITLE_NON_ASCII,
        "name_first": words.NAME_FIRST,
        "name_last": words.NAME_LAST,
        "name_non_ascii": words.NAME_NON_ASCII,
        "professions": words.PROFESSIONS,
        "characters": words.CHARACTERS,
        "jobs": words.JOBS,
        "regions": words.REGIONS,
        "languages": words.LANGUAGES,
        "aka_types": words.AKA_TYPES,
        "aka_attributes": words.AKA_ATTRIBUTES,
    }
    # title.basics and title.ratings include the day-2 titles; the others only day 1's
    all_titles = s.titles + (s.new_titles if day >= 2 else 0)
    rows = {"title.basics": all_titles, "title.ratings": all_titles}
    return {
        stem: render_raw_file("imdb", stem, **context, title_rows=rows.get(stem, s.titles))
        for stem in IMDB_ORDER
    }
