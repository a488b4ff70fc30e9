"""Sizes of the sample data: real row counts at scale 1.0 and the rows that carry each quirk.

`imdb_sizes(scale)` and `bike_sizes(scale)` turn a scale into row counts; `FORCED` names the
title (and name) row keys that always carry a quirk, so every quirk exists at any scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from scripts.generate.words import TITLE_TYPES

DEFAULT_SCALE = 0.0005
DEFAULT_SEED = 42

# Real IMDB sizes at scale 1.0 and the id space the ids are spread over, so that
# even a tiny sample has both 7-digit (tt0000001) and 8-digit (tt1xxxxxxx) ids.
IMDB_TITLES = 12_000_000
IMDB_NAMES = 15_000_000
TITLE_ID_SPAN = 15_000_000
NAME_ID_SPAN = 16_000_000
MISSING_ID_BASE = 90_000_000  # ids referenced by the data but absent from the files

# Real bike sizes, used at scale >= BIKE_FULL_SCALE; smaller scales use BIKE_TINY.
BIKE_FULL_SCALE = 0.01
BIKE_TINY = 0.015
BIKE_ORDERS = 31_465
BIKE_LINES = 121_317
BIKE_PERSON_TYPES = {"EM": 273, "SP": 17, "SC": 753, "VC": 156, "GC": 289, "IN": 18_484}
BIKE_SC_CUSTOMERS = 635  # store contacts that are customers (PersonID and StoreID)
BIKE_STORE_ONLY_CUSTOMERS = 701
BIKE_PRODUCTS_FINISHED = 295
BIKE_REFERENCE_STEMS = ("Production.Product", "Sales.Customer", "Sales.SpecialOfferProduct")
OFFER_PAIRS = {2: 111, 3: 55, 4: 17, 5: 2, 7: 8, 8: 3, 9: 1, 10: 3, 11: 3, 12: 12}
OFFER_PAIRS |= {13: 10, 14: 4, 15: 7, 16: 7}
OFFER_DISCOUNTS = {1: 0, 2: 0.02, 3: 0.05, 4: 0.10, 5: 0.15, 6: 0.20, 7: 0.35, 8: 0.10}
OFFER_DISCOUNTS |= {9: 0.30, 10: 0.50, 11: 0.15, 12: 0.20, 13: 0.15, 14: 0.40, 15: 0.50}
OFFER_DISCOUNTS |= {16: 0.40}

SURVEY_NS = "http://schemas.microsoft.com/sqlserver/2004/07/adventure-works/IndividualSurvey"


@dataclass(frozen=True)
class ImdbSizes:
    titles: int
    names: int
    new_titles: int  # appended on day 2


def imdb_sizes(scale: float) -> ImdbSizes:
    titles = max(2_000, round(IMDB_TITLES * scale))
    names = max(2_000, round(IMDB_NAMES * scale))
    return ImdbSizes(titles=titles, names=names, new_titles=max(3, titles // 2_000))


@dataclass(frozen=True)
class BikeSizes:
    orders: int
    lines: int
    persons: dict[str, int]
    sc_customers: int
    store_only_customers: int
    new_orders: int  # appended on day 2


def bike_sizes(scale: float) -> BikeSizes:
    f = 1.0 if scale >= BIKE_FULL_SCALE else BIKE_TINY
    persons = {t: max(1, round(n * f)) for t, n in BIKE_PERSON_TYPES.items()}
    orders = round(BIKE_ORDERS * f)
    return BikeSizes(
        orders=orders,
        lines=round(BIKE_LINES * f),
        persons=persons,
        sc_customers=min(persons["SC"], max(1, round(BIKE_SC_CUSTOMERS * f))),
        store_only_customers=max(2, round(BIKE_STORE_ONLY_CUSTOMERS * f)),
        new_orders=max(3, orders // 1_000),
    )


def _forced_keys() -> dict[str, int]:
    """Row keys that always carry a quirk, so every quirk exists at any scale."""
    first = 2 + len(TITLE_TYPES)  # 2..12 are forced one per title type
    names = [
        "basics_dup",
        "basics_conflict",
        "year_zero",
        "genre_runtime",
        "quoted_title",
        "greek",
        "cyrillic",
        "cjk",
        "ratings_high",
        "ratings_text",
        "ratings_dup",
        "ratings_conflict",
        "ratings_change",
        "crew_dup",
        "crew_conflict",
        "principals_quotes",
        "principals_dup",
        "principals_conflict",
        "akas_dup",
        "akas_conflict",
        "runtime_change",
    ]
    return {name: first + k for k, name in enumerate(names)}


FORCED = _forced_keys()
F_SERIES = 1 + 1 + TITLE_TYPES.index("tvSeries")  # i of the forced tvSeries
F_MINISERIES = 1 + 1 + TITLE_TYPES.index("tvMiniSeries")
F_EPISODE = 1 + 1 + TITLE_TYPES.index("tvEpisode")
F_MOVIE = 1 + 1 + TITLE_TYPES.index("movie")
F_LAST = max(FORCED.values())
