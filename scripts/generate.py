"""Deterministic sample data generator for the thirteen raw files.

Writes the seven IMDB files (`raw_dir/imdb/<stem>.tsv.gz`) and the six bike files
(`raw_dir/bike/<stem>.csv`) in exactly the layout of the real sources, quirks
included, so the loader and dbt can run without the real data. Every value is a
pure function of (row key, seed): DuckDB's `hash()` gives the pseudo-random
numbers, `range()` gives the rows and `COPY ... (COMPRESSION gzip)` writes the
IMDB files, two files at a time. The same (scale, seed, day) always gives the
same bytes; `day=2` is the day-1 data plus a small, known set of changes.

Usage: python -m scripts.generate --raw-dir data/raw --scale 0.001 --seed 42 --day 1
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import threading
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import duckdb

from scripts.raw_files import BIKE_FILES, IMDB_FILES, RawFile, read_csv_sql, sql_string

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

TAB = "\t"
GZIP_LEVEL = 1  # zlib level: 1 is ~3x faster than 6 for ~25% larger files
GZIP_BLOCK = 1 << 20

# ---------------------------------------------------------------- value pools

TITLE_TYPES = (
    "movie",
    "tvSeries",
    "tvEpisode",
    "tvMiniSeries",
    "tvMovie",
    "tvSpecial",
    "video",
    "videoGame",
    "tvShort",
    "tvPilot",
    "short",
)
GENRES = [
    "Action",
    "Adult",
    "Adventure",
    "Animation",
    "Biography",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Family",
    "Fantasy",
    "Film-Noir",
    "Game-Show",
    "History",
    "Horror",
    "Music",
    "Musical",
    "Mystery",
    "News",
    "Reality-TV",
    "Romance",
    "Sci-Fi",
    "Short",
    "Sport",
    "Talk-Show",
    "Thriller",
    "War",
    "Western",
]
TITLE_ADJECTIVES = [
    "The Last",
    "Dark",
    "Silent",
    "Golden",
    "Broken",
    "Midnight",
    "Lost",
    "Secret",
    "Wild",
    "Little",
    "Red",
    "Eternal",
    "Hidden",
    "Crimson",
    "Frozen",
    "Electric",
    "Distant",
    "Bitter",
    "Quiet",
    "Burning",
    "Hollow",
    "Savage",
    "Gentle",
    "Forgotten",
    "Northern",
    "Endless",
    "Iron",
    "Paper",
    "Velvet",
    "Stolen",
    "Wicked",
    "Restless",
    "Lonely",
    "Blue",
    "Sweet",
    "Final",
    "Perfect",
    "Strange",
    "Black",
    "Silver",
    "Falling",
    "Sleeping",
    "Dancing",
    "Shattered",
    "Lucky",
    "Brave",
    "Empty",
    "Open",
    "Rising",
    "Burnt",
]
TITLE_NOUNS = [
    "River",
    "Kingdom",
    "Summer",
    "City",
    "Road",
    "Garden",
    "Promise",
    "Island",
    "Dream",
    "Empire",
    "Journey",
    "Letter",
    "Harbor",
    "Storm",
    "Mirror",
    "Horizon",
    "Station",
    "Winter",
    "Carnival",
    "Frontier",
    "Heart",
    "Shadow",
    "Valley",
    "Orchard",
    "Tide",
    "Lantern",
    "Bridge",
    "Crown",
    "Echo",
    "Fever",
    "Forest",
    "Hotel",
    "Hunter",
    "Inheritance",
    "Machine",
    "Melody",
    "Mountain",
    "Night",
    "Ocean",
    "Palace",
    "Passenger",
    "Prophecy",
    "Rebellion",
    "Refuge",
    "Return",
    "Sanctuary",
    "Season",
    "Signal",
    "Silence",
    "Sister",
    "Soldier",
    "Stranger",
    "Sunset",
    "Tower",
    "Train",
    "Treasure",
    "Village",
    "Voyage",
    "Wedding",
    "Witness",
    "Alibi",
    "Ballad",
    "Border",
    "Circus",
    "Confession",
    "Daughter",
    "Desert",
    "Detective",
    "Diary",
    "Escape",
    "Exile",
    "Affair",
    "Game",
    "Gambler",
    "Homecoming",
    "Legacy",
    "Lighthouse",
    "Masquerade",
    "Orphan",
    "Pilgrim",
]

TITLE_PLACES = [
    "Avalon",
    "Babylon",
    "Berlin",
    "Bombay",
    "Brooklyn",
    "Cairo",
    "Casablanca",
    "Dublin",
    "Eden",
    "Harlem",
    "Havana",
    "Istanbul",
    "Kyoto",
    "Lisbon",
    "Madrid",
    "Manhattan",
    "Marseille",
    "Montana",
    "Naples",
    "Nowhere",
    "Odessa",
    "Paris",
    "Prague",
    "Rio",
    "Rome",
    "Saigon",
    "Seville",
    "Shanghai",
    "Sicily",
    "Tangier",
    "Texas",
    "Tokyo",
    "Venice",
    "Vienna",
    "Warsaw",
    "the North",
    "the Valley",
    "the Sea",
    "the Moon",
    "Yesterday",
]
TITLE_NON_ASCII = [
    "Amélie",
    "Le clown et ses chiens",
    "Καρμενσίτα",
    "Карменсита",
    "東京物語",
    "Ladri di biciclette",
    "Smultronstället",
    "Cidade de Deus",
    "El laberinto del fauno",
    "Der Himmel über Berlin",
    "Andrei Rublëv",
    "七人の侍",
    "화양연화",
    "Ο θίασος",  # noqa: RUF001
    "Броненосец Потёмкин",
    "Çocuklar",
    "Łódź nocą",
    "Fußball ist unser Leben",
    "Szegény Pierrot",
    "A bohóc és kutyái",
]
TITLE_QUOTED = (
    'The "Lucky" Strike',
    'Say "Cheese"',
    '"Weird Al" Yankovic: Live',
    'Operation "Overlord"',
)
LONE_QUOTE_TITLE = '"Rolling in the Deep Dish'
NAME_FIRST = [
    "Fred",
    "Lauren",
    "Brigitte",
    "John",
    "Ingrid",
    "Marlon",
    "Sophia",
    "Akira",
    "Zoë",
    "José",
    "Søren",
    "Françoise",
    "Björn",
    "Małgorzata",
    "Chloé",
    "Mikael",
    "Penélope",
    "Grace",
    "Omar",
    "Hélène",
    "Renée",
    "Jürgen",
    "Agnès",
    "Tomás",
    "Aaron",
    "Abigail",
    "Adrian",
    "Aisha",
    "Alberto",
    "Alice",
    "Amara",
    "Ana",
    "Andrzej",
    "Anna",
    "Arjun",
    "Astrid",
    "Ben",
    "Bianca",
    "Carlos",
    "Carmen",
    "Catherine",
    "Chen",
    "Clara",
    "Daniel",
    "Daniela",
    "Dmitri",
    "Elena",
    "Elif",
    "Emil",
    "Emma",
    "Erik",
    "Esther",
    "Fatima",
    "Felix",
    "Fernando",
    "Frida",
    "Gabriel",
    "Giulia",
    "Hana",
    "Hannah",
    "Hiroshi",
    "Ian",
    "Ilse",
    "Isabel",
    "Ivan",
    "Jack",
    "Jamal",
    "Jana",
    "Javier",
    "Julia",
    "Kai",
    "Karen",
    "Katarzyna",
    "Kenji",
    "Lars",
    "Laura",
    "Leila",
    "Leon",
    "Lucas",
    "Lucía",
    "Luis",
    "Maja",
    "Marco",
    "Maria",
    "Mateo",
    "Mei",
    "Miguel",
    "Mira",
    "Nadia",
    "Naomi",
    "Nikolai",
    "Nina",
    "Noah",
    "Olga",
    "Oscar",
    "Paolo",
    "Paul",
    "Pedro",
    "Priya",
    "Rafael",
    "Rania",
    "Robert",
    "Rosa",
    "Ruth",
    "Samuel",
    "Sara",
    "Sergio",
    "Simone",
    "Sofia",
    "Stefan",
    "Tara",
    "Theo",
    "Valentina",
    "Victor",
    "Walter",
    "Wei",
    "Yasmin",
    "Yuki",
    "Yusuf",
    "Zofia",
]
NAME_LAST = [
    "Astaire",
    "Bacall",
    "Bardot",
    "Belushi",
    "Bergman",
    "Brando",
    "Loren",
    "Kurosawa",
    "Núñez",
    "Müller",
    "Kieślowski",
    "Smith",
    "Johnson",
    "O'Brien",
    "Lefèvre",
    "Østergaard",
    "Dvořák",
    "García",
    "Rossi",
    "Novak",
    "Yilmaz",
    "Kowalski",
    "Abbott",
    "Adeyemi",
    "Alvarez",
    "Andersen",
    "Bauer",
    "Becker",
    "Bianchi",
    "Blanc",
    "Brennan",
    "Brooks",
    "Carter",
    "Castillo",
    "Chang",
    "Chatterjee",
    "Cohen",
    "Costa",
    "Cruz",
    "Dubois",
    "Edwards",
    "Eriksson",
    "Esposito",
    "Fischer",
    "Fontaine",
    "Fraser",
    "Fujita",
    "Gallagher",
    "Gomes",
    "Gonzalez",
    "Grant",
    "Gupta",
    "Haddad",
    "Hansen",
    "Hartmann",
    "Hayes",
    "Herrera",
    "Hoffmann",
    "Horvat",
    "Ibrahim",
    "Ivanova",
    "Jansen",
    "Jensen",
    "Kaplan",
    "Kato",
    "Keller",
    "Kim",
    "Klein",
    "Kovač",
    "Kumar",
    "Larsen",
    "Laurent",
    "Lindqvist",
    "Lopez",
    "Mancini",
    "Marino",
    "Martin",
    "Meyer",
    "Mendes",
    "Moreau",
    "Moretti",
    "Murphy",
    "Nakamura",
    "Nguyen",
    "Nielsen",
    "Okafor",
    "Olsen",
    "Ortega",
    "Park",
    "Patel",
    "Pereira",
    "Petrov",
    "Quinn",
    "Ramos",
    "Reyes",
    "Richter",
    "Rivera",
    "Romano",
    "Rousseau",
    "Russo",
    "Saito",
    "Santos",
    "Schmidt",
    "Schneider",
    "Silva",
    "Singh",
    "Sokolov",
    "Suzuki",
    "Tanaka",
    "Torres",
    "Varga",
    "Vasquez",
    "Vogel",
    "Wagner",
    "Walsh",
    "Weber",
    "Williams",
    "Wolf",
    "Yamamoto",
    "Zhou",
    "Zimmermann",
    "D'Amico",
    "Ó Súilleabháin",
    "Łukasiewicz",
    "Çelik",
    "Søndergaard",
]
NAME_NON_ASCII = [
    "Σοφία Βέμπο",
    "Владимир Высоцкий",
    "黒澤明",
    "三船敏郎",
    "Penélope Cruz",
    "Gérard Depardieu",
    "Bjørn Sundquist",
    "Jiří Menzel",
    "Ζωή Λάσκαρη",
    "Иннокентий Смоктуновский",
    "周星馳",
    "배두나",
]
PROFESSIONS = [
    "actor",
    "actress",
    "director",
    "writer",
    "producer",
    "composer",
    "cinematographer",
    "editor",
    "soundtrack",
    "miscellaneous",
    "camera_department",
    "music_department",
    "art_department",
    "stunts",
    "casting_director",
    "self",
]
CHARACTERS = (
    "Herself",
    "Himself",
    "Narrator",
    'Sam \\"The Man\\" Smith',
    "Dr. Watson",
    "Guest",
    "Lucía",
    "Officer Jones",
    "Mother",
    'The \\"Kid\\"',
    "Жанна",
    "Self - Host",
)
JOBS = (
    "producer",
    "executive producer",
    "director of photography",
    'story "Rip Van Winkle"',
    "screenplay",
    'novel "Les Misérables"',
    "co-director",
)
REGIONS = [
    "US",
    "GB",
    "FR",
    "DE",
    "IT",
    "ES",
    "JP",
    "IN",
    "BR",
    "RU",
    "GR",
    "HU",
    "RO",
    "PL",
    "SE",
    "CA",
    "AU",
    "MX",
    "AR",
    "KR",
    "CN",
    "TR",
    "PT",
    "NL",
    "FI",
    "DK",
    "NO",
    "XWW",
    "XEU",
]
LANGUAGES = [
    "en",
    "fr",
    "de",
    "ja",
    "es",
    "it",
    "ru",
    "hi",
    "pt",
    "el",
    "hu",
    "tr",
    "sv",
    "pl",
    "ko",
    "zh",
]
AKA_TYPES = (
    "imdbDisplay",
    "alternative",
    "working",
    "festival",
    "dvd",
    "tv",
    "video",
    "imdbDisplay,working",
)
AKA_ATTRIBUTES = (
    "literal English title",
    "new title",
    "alternative spelling",
    "short title",
    "reissue title,literal title",
)
PERSON_FIRST = [
    "Ken",
    "Terri",
    "Roberto",
    "Rob",
    "Gail",
    "Jossef",
    "Dylan",
    "Diane",
    "Gigi",
    "Michael",
    "Ovidiu",
    "Thierry",
    "Janice",
    "Sharon",
    "David",
    "Kevin",
    "Mary",
    "Wanida",
    "Jill",
    "James",
    "Eric",
    "Jun",
    "Sean",
    "Mónica",
    "Zoë",
    "José",
    "Renée",
    "Françoise",
    "Søren",
    "Jürgen",
    "Ángel",
    "Chloé",
    "Anaïs",
    "Łukasz",
    "Ørjan",
]
PERSON_LAST = [
    "Sánchez",
    "Duffy",
    "Tamburello",
    "Walters",
    "Erickson",
    "Goldberg",
    "Miller",
    "Margheim",
    "Matthew",
    "Raheem",
    "Cracium",
    "D'Hers",
    "Galvin",
    "Sullivan",
    "Salavaria",
    "Bradley",
    "Brown",
    "Wood",
    "Dempsey",
    "Benshoof",
    "Hamilton",
    "Yang",
    "Cao",
    "Hernández",
    "Muñoz",
    "Núñez",
    "Jiménez",
    "Pérez",
    "Lefèvre",
    "Schröder",
    "Østergaard",
    "Zhang",
    "Martín",
    "Díaz",
    "Gonçalves",
]
SURVEY_NS = "http://schemas.microsoft.com/sqlserver/2004/07/adventure-works/IndividualSurvey"


def sql_list(values: Sequence[str]) -> str:
    """A DuckDB list literal of strings."""
    return "[" + ", ".join(sql_string(v) for v in values) + "]"


def pick_sql(pool: Sequence[str], *key: str) -> str:
    """SQL picking one element of `pool` pseudo-randomly from hash(key..., seed)."""
    args = ", ".join(key)
    fn = "hk3" if len(key) == 3 else "hk"
    return f"({sql_list(pool)})[1 + {fn}({args}, {len(pool)})]"


# ---------------------------------------------------------------- sizes


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


# ---------------------------------------------------------------- SQL helpers


def _macros(seed: int, s: ImdbSizes) -> list[str]:
    n = s.titles
    type_cases = " ".join(
        f"when r < {p} then '{t}'"
        for p, t in (
            (0.79, "tvEpisode"),
            (0.86, "short"),
            (0.915, "movie"),
            (0.937, "video"),
            (0.961, "tvSeries"),
            (0.975, "tvMovie"),
            (0.982, "tvMiniSeries"),
            (0.988, "tvSpecial"),
            (0.993, "videoGame"),
            (0.997, "tvShort"),
        )
    )
    return [
        # pseudo-random numbers: hk() an integer in [0, m), rnd() a double in [0, 1)
        # hash() of several values mixes them so that, taken modulo a small number, two keys
        # that differ only in their salt ('adj', 'noun') agree far more often than chance;
        # hashing the hash again makes each salt an independent draw.
        f"create or replace macro hk(a, b, m) as (hash(hash(a, b, {seed})) % m)::bigint",
        f"create or replace macro hk3(a, b, c, m) as (hash(hash(a, b, c, {seed})) % m)::bigint",
        f"create or replace macro rnd(a, b) as hash(hash(a, b, {seed})) / 18446744073709551616.0",
        "create or replace macro rnd3(a, b, c) as "
        f"hash(hash(a, b, c, {seed})) / 18446744073709551616.0",
        "create or replace macro guid_of(m) as upper(substr(m, 1, 8) || '-' || "
        "substr(m, 9, 4) || '-' || substr(m, 13, 4) || '-' || substr(m, 17, 4) || '-' || "
        "substr(m, 21, 12))",
        f"create or replace macro guid(t, k) as guid_of(md5(concat(t, ':', k, ':', {seed})))",
        "create or replace macro ts(x) as strftime(x, '%Y-%m-%d %H:%M:%S') || '.000'",
        "create or replace macro money(x) as replace(regexp_replace("
        "cast(cast(x as decimal(19, 4)) as varchar), '0{1,2}$', ''), '.', ',')",
        "create or replace macro quoted_code(x) as case when x is null then 'NULL' "
        "else '\"' || x || '\"' end",
        "create or replace macro nv(x) as coalesce(cast(x as varchar), 'NULL')",
        "create or replace macro tn(x) as coalesce(cast(x as varchar), '\\N')",
        # ids: 1..n spread over the id span; day-2 titles continue after the span
        f"create or replace macro title_num(i) as case when i <= {n} "
        f"then 1 + (i - 1) * {TITLE_ID_SPAN} // {n} else {TITLE_ID_SPAN} + i - {n} end",
        "create or replace macro tconst(i) as printf('tt%07d', title_num(i))",
        f"create or replace macro nconst(j) as "
        f"printf('nm%07d', 1 + (j - 1) * {NAME_ID_SPAN} // {s.names})",
        f"create or replace macro missing_tconst(k) as printf('tt%08d', {MISSING_ID_BASE} + k)",
        f"create or replace macro type_of(i, r) as case when i = 1 then 'short' "
        f"when i > {n} then 'movie' "
        f"when i between 2 and {1 + len(TITLE_TYPES)} then ({sql_list(TITLE_TYPES)})[i - 1] "
        f"{type_cases} else 'tvPilot' end",
        "create or replace macro title_type(i) as type_of(i, rnd(i, 'type'))",
    ]


def _forced() -> dict[str, int]:
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


F = _forced()
F_SERIES = 1 + 1 + TITLE_TYPES.index("tvSeries")  # i of the forced tvSeries
F_MINISERIES = 1 + 1 + TITLE_TYPES.index("tvMiniSeries")
F_EPISODE = 1 + 1 + TITLE_TYPES.index("tvEpisode")
F_MOVIE = 1 + 1 + TITLE_TYPES.index("movie")
F_LAST = max(F.values())


def _primary_title(n: int) -> str:
    """Titles in four forms over word lists, so that names repeat about as rarely as in a real
    catalogue of the same size (a few exact repeats in thousands of titles)."""
    lone = n - 3
    adjective = pick_sql(TITLE_ADJECTIVES, "i", "'adj'")
    noun = pick_sql(TITLE_NOUNS, "i", "'noun'")
    place = pick_sql(TITLE_PLACES, "i", "'place'")
    return f"""case
        when i = 1 then 'Carmencita'
        when i = {lone} then {sql_string(LONE_QUOTE_TITLE)}
        when i = {F["quoted_title"]} then {sql_string(TITLE_QUOTED[0])}
        when i = {F["greek"]} then 'Καρμενσίτα'
        when i = {F["cyrillic"]} then 'Броненосец Потёмкин'
        when i = {F["cjk"]} then '東京物語'
        when ttype = 'tvEpisode'
            then 'Episode #' || (1 + hk(i, 'season', 9)) || '.' || (1 + hk(i, 'epno', 24))
        when rnd(i, 'quoted') < 0.002 then {pick_sql(TITLE_QUOTED, "i", "'quotedp'")}
        when rnd(i, 'nonascii') < 0.01 then {pick_sql(TITLE_NON_ASCII, "i", "'nonasciip'")}
        when hk(i, 'form', 10) < 5 then {adjective} || ' ' || {noun}
        when hk(i, 'form', 10) < 7 then 'The ' || {noun} || ' of ' || {place}
        when hk(i, 'form', 10) < 9 then {adjective} || ' ' || {noun} || ' of ' || {place}
        else {pick_sql(NAME_FIRST, "i", "'tfirst'")} || ' and the ' || {noun}
    end"""


def _original_title(n: int) -> str:
    return f"""case
        when i in (1, {n - 3}, {F["quoted_title"]}, {F["greek"]}, {F["cyrillic"]},
            {F["cjk"]}) then primary_title
        when ttype <> 'tvEpisode' and rnd(i, 'original') < 0.03
            then {pick_sql(TITLE_NON_ASCII, "i", "'originalp'")}
        else primary_title
    end"""


def _title_columns(n: int) -> str:
    """CTE body: one row per title index i with typed, day-independent values."""
    return f"""
    typed as (
        select i, title_type(i) as ttype from titles_range
    ),
    titled as (
        select *, {_primary_title(n)} as primary_title from typed
    ),
    titles as (
        select
            *,
            {_original_title(n)} as original_title,
            case
                when i = 1 then 1894
                when i = {F["year_zero"]} then 0
                when i in ({F_SERIES}, {F_MINISERIES}) then 1990 + hk(i, 'sy', 30)
                when rnd(i, 'synull') < 0.03 then null
                else 1894 + floor(131 * sqrt(rnd(i, 'sy')))::int
            end as start_year
        from titled
    )"""


# ---------------------------------------------------------------- IMDB files


def _imdb_queries(s: ImdbSizes, n_series: int, day: int) -> dict[str, str]:
    n = s.titles
    n_all = n + (s.new_titles if day >= 2 else 0)
    d2 = "true" if day >= 2 else "false"
    genres_list = sql_list(GENRES)
    title_cte = f"""with titles_range as (
        select i from range(1, {n_all + 1}) r(i)
    ),{_title_columns(n)}"""

    basics = f"""{title_cte},
    base as (
        select
            *,
            case
                when ttype in ('tvSeries', 'tvMiniSeries') and start_year is not null then
                    case
                        when i = {F_SERIES} or rnd(i, 'endlow') < 0.002
                            then start_year - 1 - hk(i, 'endlowby', 5)
                        when rnd(i, 'endnull') < 0.5 then null
                        else start_year + hk(i, 'ey', 15)
                    end
            end as end_year0,
            case
                when i = 1 then 1
                when rnd(i, 'rtnull') < 0.3 then null
                when ttype = 'tvEpisode' then 10 + hk(i, 'rt', 50)
                when ttype in ('short', 'tvShort') then 1 + hk(i, 'rt', 30)
                else 60 + hk(i, 'rt', 120)
            end as runtime0,
            case
                when i = 1 then 'Documentary,Short'
                when rnd(i, 'gnull') < 0.05 then null
                else array_to_string(list_sort(list_distinct([
                    {genres_list}[1 + hk(i, 'g1', 28)],
                    {genres_list}[1 + (hk(i, 'g1', 28) + 1 + hk(i, 'g2', 13)) % 28],
                    {genres_list}[1 + (hk(i, 'g1', 28) + 14 + hk(i, 'g3', 13)) % 28]
                ][1:1 + hk(i, 'gn', 3)])), ',')
            end as genres,
            (i = {F["basics_dup"]} or rnd(i, 'bdup') < 0.0003) and i not in (1, {n - 3})
                as is_dup,
            (i = {F["basics_conflict"]} or rnd(i, 'bconf') < 0.0002) and i not in (1, {n - 3})
                as is_conflict
        from titles
    ),
    changed as (
        select
            *,
            case
                when {d2} and start_year is not null
                    and (i = {F_MINISERIES} or (end_year0 is not null
                        and rnd(i, 'd2end') < 0.002))
                    then coalesce(end_year0, start_year) + 1
                else end_year0
            end as end_year,
            case
                when {d2} and (i = {F["runtime_change"]} or rnd(i, 'd2rt') < 0.0005)
                    then coalesce(runtime0, 85) + 5
                else runtime0
            end as runtime
        from base
    ),
    copies as (
        select *, unnest(range(case when is_dup or is_conflict then 2 else 1 end)) as copy
        from changed
    )
    select
        tconst(i) as tconst,
        ttype as "titleType",
        primary_title as "primaryTitle",
        original_title as "originalTitle",
        case when rnd(i, 'adult') < 0.015 and i > {F_LAST} then '1' else '0' end
            as "isAdult",
        tn(start_year) as "startYear",
        tn(end_year) as "endYear",
        case
            when i = {F["genre_runtime"]} then 'Reality-TV'
            when copy = 1 and is_conflict and not is_dup then tn(coalesce(runtime, 0) + 1)
            else tn(runtime)
        end as "runtimeMinutes",
        tn(genres) as genres
    from copies"""

    episodes = f"""{title_cte.replace(f"range(1, {n_all + 1})", f"range(1, {n + 1})")},
    episodes as (
        select
            t.i,
            case
                when t.i = {F_EPISODE} or rnd(t.i, 'orphan') < 0.0005
                    then missing_tconst(hk(t.i, 'orphanid', 9999999))
                else tconst(s.i)
            end as parent,
            case when rnd(t.i, 'senull') < 0.2 then null else 1 + hk(t.i, 'season', 9) end
                as season,
            rnd(t.i, 'edup') < 0.0003 or t.i = {F_EPISODE} as is_dup,
            rnd(t.i, 'econf') < 0.0002 or t.i = (
                select min(i) from typed where ttype = 'tvEpisode' and i > {F_LAST}
            ) as is_conflict
        from typed as t
        inner join series as s on s.sn = 1 + hk(t.i, 'parent', {n_series})
        where t.ttype = 'tvEpisode'
    ),
    copies as (
        select *, unnest(range(case when is_dup or is_conflict then 2 else 1 end)) as copy
        from episodes
    )
    select
        tconst(i) as tconst,
        parent as "parentTconst",
        tn(season) as "seasonNumber",
        case
            when season is null then '\\N'
            when copy = 1 and is_conflict then tn(2 + hk(i, 'epno', 24))
            else tn(1 + hk(i, 'epno', 24))
        end as "episodeNumber"
    from copies
    order by i, copy"""

    rated = f"(i <= {F_LAST} or i > {n} or rnd(i, 'rated') < 0.133)"
    ratings = f"""with rated as (
        select
            i,
            case
                when i = 1 then 5.8
                else round(1 + 9 * (rnd(i, 'ar1') + rnd(i, 'ar2') + rnd(i, 'ar3')) / 3, 1)
            end as rating0,
            case when i = 1 then 1472 else 5 + floor(exp(rnd(i, 'nv') * 12))::bigint end
                as votes0,
            rnd(i, 'rdup') < 0.0003 or i = {F["ratings_dup"]} as is_dup,
            rnd(i, 'rconf') < 0.0002 or i = {F["ratings_conflict"]} as is_conflict,
            {d2} and i <= {n} and (i = {F["ratings_change"]} or rnd(i, 'd2r') < 0.01)
                as is_changed,
            rnd(i, 'd2kind') as change_kind
        from range(1, {n_all + 1}) r(i)
        where {rated}
    ),
    changed as (
        select
            *,
            case
                when is_changed and (change_kind < 0.4 or change_kind >= 0.7) then
                    case
                        when rating0 >= 9.8 then rating0 - 0.2
                        when rating0 <= 1.2 then rating0 + 0.2
                        else rating0 + ([-0.3, -0.2, -0.1, 0.1, 0.2, 0.3])[
                            1 + hk(i, 'd2delta', 6)]
                    end
                else rating0
            end as rating,
            case
                when is_changed and change_kind >= 0.4
                    then votes0 + 1 + hk(i, 'd2votes', 50)
                else votes0
            end as votes
        from rated
    ),
    copies as (
        select *, unnest(range(case when is_dup or is_conflict then 2 else 1 end)) as copy
        from changed
    )
    select
        tconst(i) as tconst,
        case
            when i = {F["ratings_high"]} then '10.4'
            else printf('%.1f', rating)
        end as "averageRating",
        case
            when i = {F["ratings_text"]} then '12k'
            when copy = 1 and is_conflict then (votes + 1)::varchar
            else votes::varchar
        end as "numVotes"
    from copies"""

    def name_list(key: str, count: str) -> str:
        return (
            f"array_to_string(list_transform(range({count}), "
            f"lambda k: nconst(1 + hk3(i, k, '{key}', {s.names}))), ',')"
        )

    crew = f"""with crew as (
        select
            i,
            case
                when r < 0.3 then 0 when r < 0.85 then 1 when r < 0.97 then 2 else 3
            end as n_directors,
            hk(i, 'nwriters', 4) as n_writers,
            rnd(i, 'cdup') < 0.0003 or i = {F["crew_dup"]} as is_dup,
            rnd(i, 'cconf') < 0.0002 or i = {F["crew_conflict"]} as is_conflict
        from (select i, rnd(i, 'ndirectors') as r from range(1, {n + 1}) r(i))
    ),
    copies as (
        select *, unnest(range(case when is_dup or is_conflict then 2 else 1 end)) as copy
        from crew
    )
    select
        tconst(i) as tconst,
        case
            when copy = 1 and is_conflict then nconst(1 + hk(i, 'cconfname', {s.names}))
            else coalesce(nullif({name_list("director", "n_directors")}, ''), '\\N')
        end as directors,
        coalesce(nullif({name_list("writer", "n_writers")}, ''), '\\N') as writers
    from copies"""

    categories = (
        (0.28, "actor"),
        (0.46, "actress"),
        (0.58, "self"),
        (0.66, "director"),
        (0.78, "writer"),
        (0.86, "producer"),
        (0.90, "composer"),
        (0.94, "cinematographer"),
        (0.98, "editor"),
        (0.99, "production_designer"),
        (0.995, "casting_director"),
    )
    category_cases = " ".join(f"when rc < {p} then '{c}'" for p, c in categories)
    fq, fd, fc = F["principals_quotes"], F["principals_dup"], F["principals_conflict"]
    character = f"{pick_sql(CHARACTERS, 'i', 'j', chr(39) + 'ch1' + chr(39))}"
    character2 = f"{pick_sql(CHARACTERS, 'i', 'j', chr(39) + 'ch2' + chr(39))}"
    principals = f"""with per_title as (
        select
            i,
            unnest(range(
                case when i <= {F_LAST} then 3 else 0 end
                + 1 + floor(rnd(i, 'nprincipals') * 15.34)::int
            )) as j
        from range(1, {n + 1}) r(i)
    ),
    rows as (
        select
            i,
            j,
            case
                when i = {fq} and j = 0 then 'actor'
                when i = {fq} and j = 1 then 'writer'
                when rc < 0 then '' {category_cases}
                else 'archive_footage'
            end as category,
            (i = {fd} and j = 0) or rnd3(i, j, 'pdup') < 0.0003 as is_dup,
            (i = {fc} and j = 0) or rnd3(i, j, 'pconf') < 0.0002 as is_conflict
        from (select i, j, rnd3(i, j, 'category') as rc from per_title)
    ),
    copies as (
        select *, unnest(range(case when is_dup or is_conflict then 2 else 1 end)) as copy
        from rows
    )
    select
        tconst(i) as tconst,
        (j + 1)::varchar as ordering,
        case
            when copy = 1 and is_conflict then nconst(1 + hk3(i, j, 'pconfname', {s.names}))
            else nconst(1 + hk3(i, j, 'pname', {s.names}))
        end as nconst,
        category,
        case
            when i = {fq} and j = 1 then {sql_string(JOBS[3])}
            when category in ('writer', 'producer', 'director', 'cinematographer')
                and hash(i, j, 'jobnull', 1) % 10 < 3
                then {pick_sql(JOBS, "i", "j", "'job'")}
            else '\\N'
        end as job,
        case
            when i = {fq} and j = 0 then {sql_string('["' + CHARACTERS[3] + '","Narrator"]')}
            when category not in ('actor', 'actress', 'self') then '\\N'
            when rnd3(i, j, 'chnull') < 0.15 then '\\N'
            when rnd3(i, j, 'chtwo') < 0.1
                then '["' || {character} || '","' || {character2} || '"]'
            else '["' || {character} || '"]'
        end as characters
    from copies"""
    principals = principals.replace("when rc < 0 then '' ", "")

    akas = f"""{title_cte.replace(f"range(1, {n_all + 1})", f"range(1, {n + 1})")},
    per_title as (
        select
            *,
            unnest(range(
                case when i <= {F_LAST} then 2 else 0 end
                + floor(rnd(i, 'nakas') * 10.2)::int
            )) as j
        from titles
    ),
    rows as (
        select
            *,
            (i = {F["akas_dup"]} and j = 0) or rnd3(i, j, 'adup') < 0.0003 as is_dup,
            (i = {F["akas_conflict"]} and j = 0) or rnd3(i, j, 'aconf') < 0.0002
                as is_conflict
        from per_title
    ),
    copies as (
        select *, unnest(range(case when is_dup or is_conflict then 2 else 1 end)) as copy
        from rows
    )
    select
        tconst(i) as "titleId",
        (j + 1)::varchar as ordering,
        case
            when copy = 1 and is_conflict then primary_title || ' (re-release)'
            when j = 0 then original_title
            when rnd3(i, j, 'atitle') < 0.5 then primary_title
            else {pick_sql(TITLE_NON_ASCII, "i", "j", "'atitlep'")}
        end as title,
        case
            when j = 0 or rnd3(i, j, 'rnull') < 0.05 then '\\N'
            else {pick_sql(REGIONS, "i", "j", "'region'")}
        end as region,
        case
            when j = 0 or rnd3(i, j, 'lnull') < 0.8 then '\\N'
            else {pick_sql(LANGUAGES, "i", "j", "'language'")}
        end as language,
        case
            when j = 0 then 'original'
            when rnd3(i, j, 'tnull') < 0.4 then '\\N'
            else {pick_sql(AKA_TYPES, "i", "j", "'types'")}
        end as types,
        case
            when j = 0 or rnd3(i, j, 'attnull') < 0.9 then '\\N'
            else {pick_sql(AKA_ATTRIBUTES, "i", "j", "'attributes'")}
        end as attributes,
        case when j = 0 then '1' else '0' end as "isOriginalTitle"
    from copies"""

    nd, nc = F["basics_dup"], F["basics_conflict"]  # reuse small keys for names
    death_forced = F["greek"]
    names = f"""with people as (
        select
            j as i,
            case
                when j = {F["greek"]} then {sql_string(NAME_NON_ASCII[0])}
                when j = {F["cyrillic"]} then {sql_string(NAME_NON_ASCII[1])}
                when j = {F["cjk"]} then {sql_string(NAME_NON_ASCII[2])}
                when rnd(j, 'pnonascii') < 0.001 then {pick_sql(NAME_NON_ASCII, "j", "'pna'")}
                else {pick_sql(NAME_FIRST, "j", "'first'")} || ' '
                    || case
                        when rnd(j, 'middle') < 0.5
                            then chr(65 + hk(j, 'middle', 26)::integer) || '. '
                        else ''
                    end
                    || {pick_sql(NAME_LAST, "j", "'last'")}
            end as primary_name,
            case
                when j = {death_forced} then 1930
                when rnd(j, 'bnull') < 0.55 then null
                else 1850 + hk(j, 'birth', 156)
            end as birth_year,
            hk(j, 'nprof', 4) as n_professions,
            case when rnd(j, 'kfnull') < 0.1 then 0 else 1 + hk(j, 'nkf', 4) end as n_known,
            j = 3 or rnd(j, 'kfmiss') < 0.001 as has_missing_known,
            (j = {nd} or rnd(j, 'ndup') < 0.0003) and j <> {death_forced} as is_dup,
            (j = {nc} or rnd(j, 'nconf') < 0.0002) and j <> {death_forced} as is_conflict
        from range(1, {s.names + 1}) r(j)
    ),
    deaths as (
        select
            *,
            case
                when j_dead then least(birth_year + 30 + hk(i, 'age', 66), 2024)
                when {d2} and birth_year is not null
                    and (i = {death_forced} or rnd(i, 'd2death') < 0.001)
                    then 2025
            end as death_year
        from (
            select
                *,
                i <> {death_forced} and birth_year is not null and birth_year < 1950
                    and rnd(i, 'dead') < 0.6 as j_dead
            from people
        )
    ),
    copies as (
        select *, unnest(range(case when is_dup or is_conflict then 2 else 1 end)) as copy
        from deaths
    )
    select
        nconst(i) as nconst,
        primary_name as "primaryName",
        case
            when copy = 1 and is_conflict then tn(coalesce(birth_year, 1960) + 1)
            else tn(birth_year)
        end as "birthYear",
        tn(death_year) as "deathYear",
        coalesce(nullif(array_to_string(list_distinct(list_transform(range(n_professions),
            lambda k: ({sql_list(PROFESSIONS)})[1 + hk3(i, k, 'prof', {len(PROFESSIONS)})]
        )), ','), ''), '\\N') as "primaryProfession",
        coalesce(nullif(array_to_string(list_transform(range(n_known), lambda k:
            case
                when has_missing_known and k = 0 then missing_tconst(hk(i, 'kfmissid', 9999999))
                else tconst(1 + hk3(i, k, 'known', {n}))
            end
        ), ','), ''), '\\N') as "knownForTitles"
    from copies"""
    return {
        "title.principals": principals,
        "title.akas": akas,
        "title.basics": basics,
        "name.basics": names,
        "title.crew": crew,
        "title.episode": episodes,
        "title.ratings": ratings,
    }


def _series_sql(n: int) -> str:
    return f"""create or replace table series as
    select row_number() over (order by i) as sn, i
    from (select i, title_type(i) as ttype from range(1, {n + 1}) r(i))
    where ttype in ('tvSeries', 'tvMiniSeries')"""


# ---------------------------------------------------------------- bike reference tables


def _bike_products(seed: int) -> list[tuple]:
    """504 products like Production.Product: 209 components and 295 finished goods."""
    rng = random.Random(f"products:{seed}")
    parts = list(
        dict.fromkeys(
            [
                "Adjustable Race",
                "Bearing Ball",
                "BB Ball Bearing",
                "Headset Ball Bearings",
                "Blade",
                "LL Crankarm",
                "ML Crankarm",
                "HL Crankarm",
                "Chainring Bolts",
                "Chainring Nut",
                "Chainring",
                "Crown Race",
                "Chain Stays",
                "Decal",
                "Down Tube",
                "Mountain End Caps",
                "Road End Caps",
                "Touring End Caps",
                "Fork End",
                "Freewheel",
                "Flat Washer",
                "Front Derailleur Cage",
                "Front Derailleur Linkage",
                "Guide Pulley",
                "LL Grip Tape",
                "ML Grip Tape",
                "HL Grip Tape",
                "Thin-Jam Hex Nut",
                "Hex Nut",
                "Handlebar Tube",
                "Head Tube",
                "LL Hub",
                "HL Hub",
                "Keyed Washer",
                "External Lock Washer",
                "Internal Lock Washer",
                "Thin-Jam Lock Nut",
                "Lock Nut",
                "Lock Ring",
                "Lower Head Race",
                "Lock Washer",
                "Metal Angle",
                "Metal Bar",
                "Metal Plate",
                "Metal Sheet",
                "Cup-Shaped Race",
                "Pinch Bolt",
                "Reflector",
                "Rear Derailleur Cage",
                "Seat Post",
                "Seat Stays",
                "Seat Tube",
                "Spokes",
                "Stem",
                "Top Tube",
                "Tension Pulley",
                "Rim",
                "Lever",
                "Cone-Shaped Race",
                "Steerer",
                "Shell",
            ]
        )
    )
    rows: list[tuple] = []
    component_ids = [1, 2, 3, 4, *range(316, 521)]
    for idx, pid in enumerate(component_ids):
        base = parts[idx % len(parts)]
        name = base if idx < len(parts) else f"{base} {idx // len(parts) + 1}"
        make = rng.random() < 0.4
        level = base[:2] if base[:2] in ("LL", "ML", "HL") else None
        ssl = rng.choice((1000, 800, 500))
        prefix = "".join(w[0] for w in base.replace("-", " ").split())[:2].upper().ljust(2, "X")
        rows.append(
            (
                pid,
                name,
                f"{prefix}-{(pid * 7919) % 10000:04d}",
                int(make),
                0,
                rng.choice((None, None, None, "Black", "Silver")),
                ssl,
                ssl * 3 // 4,
                0,
                0,
                None,
                None,
                None,
                None,
                rng.choice((1, 2)) if make else 0,
                None,
                {"LL": "L ", "ML": "M ", "HL": "H "}.get(level or ""),
                None,
                None,
                None,
                "2008-04-30 00:00:00.000",
                None,
            )
        )
    # (prefix, model, colours, sizes, list price, line, class, style, subcategory, days)
    bikes_sizes = ("38", "40", "42", "44", "46", "48", "50", "52", "54", "56", "58", "60", "62")
    models = [
        ("BK", "Road-150", ("Red",), bikes_sizes[3::2], 3578.27, "R ", "H ", "U ", 2, 4),
        (
            "BK",
            "Mountain-100",
            ("Silver", "Black"),
            bikes_sizes[:6:2],
            3399.99,
            "M ",
            "H ",
            "U ",
            1,
            4,
        ),
        ("BK", "Road-250", ("Red", "Black"), bikes_sizes[3::2], 2443.35, "R ", "H ", "U ", 2, 4),
        (
            "BK",
            "Touring-1000",
            ("Blue", "Yellow"),
            bikes_sizes[4::2],
            2384.07,
            "T ",
            "H ",
            "U ",
            3,
            4,
        ),
        (
            "BK",
            "Mountain-200",
            ("Silver", "Black"),
            bikes_sizes[:5:2],
            2319.99,
            "M ",
            "H ",
            "U ",
            1,
            4,
        ),
        ("BK", "Road-650", ("Red", "Black"), bikes_sizes[3:], 782.99, "R ", "L ", "U ", 2, 4),
        (
            "BK",
            "Mountain-500",
            ("Silver", "Black"),
            bikes_sizes[1:8],
            564.99,
            "M ",
            "L ",
            "U ",
            1,
            4,
        ),
        (
            "BK",
            "Touring-3000",
            ("Blue", "Yellow"),
            bikes_sizes[3::2],
            742.35,
            "T ",
            "L ",
            "U ",
            3,
            4,
        ),
        ("BK", "Road-350-W", ("Yellow",), bikes_sizes[1:6], 1700.99, "R ", "M ", "W ", 2, 4),
        ("BK", "Mountain-300", ("Black",), bikes_sizes[:6], 1079.99, "M ", "M ", "U ", 1, 4),
        (
            "FR",
            "HL Road Frame -",
            ("Red", "Black"),
            bikes_sizes[3:],
            1431.5,
            "R ",
            "H ",
            "U ",
            14,
            1,
        ),
        ("FR", "ML Road Frame -", ("Red",), bikes_sizes[3:], 594.83, "R ", "M ", "U ", 14, 1),
        (
            "FR",
            "LL Road Frame -",
            ("Red", "Black"),
            bikes_sizes[3:],
            337.22,
            "R ",
            "L ",
            "U ",
            14,
            1,
        ),
        (
            "FR",
            "HL Mountain Frame -",
            ("Silver", "Black"),
            bikes_sizes[:7],
            1364.5,
            "M ",
            "H ",
            "U ",
            12,
            2,
        ),
        ("FR", "ML Mountain Frame -", ("Black",), bikes_sizes[:7], 348.76, "M ", "M ", "U ", 12, 2),
        (
            "FR",
            "HL Touring Frame -",
            ("Blue", "Yellow"),
            bikes_sizes[4:],
            1003.91,
            "T ",
            "H ",
            "U ",
            16,
            1,
        ),
        ("TG", "Women's Tights", ("Black",), ("S", "M", "L"), 74.99, "S ", None, "W ", 24, 0),
        (
            "LJ",
            "Long-Sleeve Logo Jersey",
            ("Multi",),
            ("S", "M", "L", "XL"),
            49.99,
            "S ",
            None,
            "U ",
            21,
            0,
        ),
        (
            "SJ",
            "Short-Sleeve Classic Jersey",
            ("Yellow",),
            ("S", "M", "L", "XL"),
            53.99,
            "S ",
            None,
            "U ",
            21,
            0,
        ),
        (
            "SH",
            "Men's Sports Shorts",
            ("Black",),
            ("S", "M", "L", "XL"),
            59.99,
            "S ",
            None,
            "M ",
            22,
            0,
        ),
        ("GL", "Full-Finger Gloves", ("Black",), ("S", "M", "L"), 37.99, "M ", None, "U ", 20, 0),
        ("VE", "Classic Vest", ("Blue",), ("S", "M", "L"), 63.5, "S ", None, "U ", 25, 0),
        (
            "HL",
            "Sport-100 Helmet",
            ("Red", "Black", "Blue"),
            (None,),
            34.99,
            "S ",
            None,
            None,
            31,
            0,
        ),
    ]
    finished: list[tuple] = []
    for prefix, model, colours, sizes, price, line, cls, style, subcat, days in models:
        for colour in colours:
            for size in sizes:
                name = f"{model} {colour}" + (f", {size}" if size else "")
                finished.append((prefix, name, colour, size, price, line, cls, style, subcat, days))
    accessories = [
        "Water Bottle - 30 oz.",
        "Cable Lock",
        "Minipump",
        "Fender Set - Mountain",
        "Patch Kit/8 Patches",
        "Mountain Bottle Cage",
        "Road Bottle Cage",
        "Hitch Rack - 4-Bike",
        "Bike Wash - Dissolver",
        "HL Road Handlebars",
        "HL Road Pedal",
        "HL Road Seat/Saddle",
        "HL Road Front Wheel",
        "HL Mountain Rear Wheel",
        "Road Tire Tube",
        "HL Road Tire",
        "Headlights - Dual-Beam",
        "Taillights - Battery-Powered",
        "All-Purpose Bike Stand",
        "Touring-Panniers, Large",
    ]
    k = 0
    while len(finished) < BIKE_PRODUCTS_FINISHED:
        base = accessories[k % len(accessories)]
        name = base if k < len(accessories) else f"{base} {k // len(accessories) + 1}"
        price = round(rng.uniform(2.29, 160.0), 2)
        finished.append(("AC", name, None, None, price, "S ", None, None, 30 + k % 8, 0))
        k += 1
    for idx, (prefix, name, colour, size, price, line, cls, style, subcat, days) in enumerate(
        finished[:BIKE_PRODUCTS_FINISHED]
    ):
        pid = 680 + idx
        list_price = round(price * (1 + 0.01 * (idx % 3)), 2) if prefix == "BK" else price
        numeric_size = size is not None and size.isdigit()
        if prefix == "BK":
            weight, weight_unit = round(rng.uniform(13.0, 30.0), 2), "LB "
        elif prefix == "FR":
            weight, weight_unit = round(rng.uniform(2.1, 3.6), 2), "LB "
        elif prefix == "AC" and rng.random() < 0.3:
            weight, weight_unit = round(rng.uniform(100, 900), 2), "G  "
        else:
            weight, weight_unit = None, None
        start = rng.choice(("2011-05-31", "2012-05-30", "2013-05-30"))
        end = None
        if start != "2013-05-30" and rng.random() < 0.4:
            end = f"{int(start[:4]) + 1}-05-29 00:00:00.000"
        rows.append(
            (
                pid,
                name,
                f"{prefix}-{(pid * 7919) % 10000:04d}" + (f"-{size}" if size else ""),
                1 if prefix in ("BK", "FR") else 0,
                1,
                colour,
                100 if prefix == "BK" else 500 if prefix == "FR" else 4,
                75 if prefix == "BK" else 375 if prefix == "FR" else 3,
                round(list_price * rng.uniform(0.45, 0.62), 4),
                list_price,
                size,
                "CM " if numeric_size else None,
                weight_unit,
                weight,
                days,
                line,
                cls,
                style,
                subcat,
                1 + idx % 128,
                f"{start} 00:00:00.000",
                end,
            )
        )
    return rows


def _bike_special_offers(seed: int, finished_ids: list[int]) -> list[tuple[int, int]]:
    rng = random.Random(f"offers:{seed}")
    pairs = [(1, pid) for pid in finished_ids]
    for offer, count in OFFER_PAIRS.items():
        pairs += [(offer, pid) for pid in sorted(rng.sample(finished_ids, count))]
    return sorted(pairs)


def _load_bike_tables(
    con: duckdb.DuckDBPyConnection,
    seed: int,
    sizes: BikeSizes,
    reference: Path | None,
) -> None:
    """Create products, sop, customers and person_base (generated or from real files)."""
    con.execute(
        "create or replace table discounts (special_offer_id integer, discount decimal(19,4))"
    )
    con.executemany("insert into discounts values (?, ?)", list(OFFER_DISCOUNTS.items()))
    if reference is not None:
        specs = {s.stem: s for s in BIKE_FILES}
        src = {
            stem: read_csv_sql(specs[stem], reference / f"{stem}.csv")
            for stem in BIKE_REFERENCE_STEMS
        }
        con.execute(
            f"""create or replace table products as
            select
                "ProductID"::integer as product_id,
                replace("ListPrice", ',', '.')::decimal(19, 4) as list_price
            from {src["Production.Product"]}"""
        )
        con.execute(
            f"""create or replace table sop as
            select "SpecialOfferID"::integer as special_offer_id,
                "ProductID"::integer as product_id
            from {src["Sales.SpecialOfferProduct"]}"""
        )
        con.execute(
            f"""create or replace table customers as
            select
                "CustomerID"::integer as customer_id,
                nullif("PersonID", 'NULL')::integer as person_id,
                nullif("StoreID", 'NULL')::integer as store_id,
                nullif("TerritoryID", 'NULL')::integer as territory_id
            from {src["Sales.Customer"]}"""
        )
        extra = {t: n for t, n in BIKE_PERSON_TYPES.items() if t not in ("IN",)}
        extra["SC"] = BIKE_PERSON_TYPES["SC"] - BIKE_SC_CUSTOMERS
        con.execute(
            """create or replace table person_base as
            select distinct person_id as business_entity_id,
                case when store_id is null then 'IN' else 'SC' end as person_type
            from customers where person_id is not null"""
        )
        wanted = sum(extra.values())
        types_sql = sql_list([t for t, c in extra.items() for _ in range(c)])
        con.execute(
            f"""insert into person_base
            select id, ({types_sql})[row_number() over (order by id)]
            from (
                select i::integer as id from range(1, 200000) r(i)
                where i::integer not in (select business_entity_id from person_base)
                order by i limit {wanted}
            )"""
        )
        return

    products = _bike_products(seed)
    con.execute(
        """create or replace table products (
            product_id integer, name varchar, product_number varchar, make_flag integer,
            finished integer, color varchar, safety_stock integer, reorder_point integer,
            standard_cost decimal(19, 4), list_price decimal(19, 4), size varchar,
            size_unit varchar, weight_unit varchar, weight decimal(8, 2),
            days_to_manufacture integer, product_line varchar, class varchar, style varchar,
            subcategory_id integer, model_id integer, sell_start varchar, sell_end varchar
        )"""
    )
    con.executemany(f"insert into products values ({', '.join(['?'] * 22)})", products)
    finished_ids = [p[0] for p in products if p[4] == 1]
    con.execute("create or replace table sop (special_offer_id integer, product_id integer)")
    con.executemany("insert into sop values (?, ?)", _bike_special_offers(seed, finished_ids))

    blocks = []
    start = 1
    for person_type, count in sizes.persons.items():
        blocks.append(
            f"select i::integer as business_entity_id, '{person_type}' as person_type "
            f"from range({start}, {start + count}) r(i)"
        )
        start += count
    con.execute("create or replace table person_base as " + " union all ".join(blocks))
    so, sc = sizes.store_only_customers, sizes.sc_customers
    con.execute(
        f"""create or replace table customers as
        with stores as (
            select row_number() over (order by i) as sn, 292 + 2 * i as store_id
            from range({so}) r(i)
        ),
        individuals as (
            select 11000 + row_number() over (order by business_entity_id) - 1 as customer_id,
                business_entity_id as person_id, null::integer as store_id
            from person_base where person_type = 'IN'
        ),
        store_only as (
            select sn::integer as customer_id, null::integer as person_id, store_id
            from stores
        ),
        contacts as (
            select
                (select max(customer_id) from individuals) + row_number() over (
                    order by business_entity_id) as customer_id,
                business_entity_id as person_id,
                (select store_id from stores where sn = 1 + hk(business_entity_id,
                    'store', {so})) as store_id
            from person_base where person_type = 'SC'
            qualify row_number() over (order by business_entity_id) <= {sc}
        ),
        all_customers as (
            select * from store_only
            union all select * from individuals
            union all select * from contacts
        )
        select
            customer_id::integer as customer_id,
            person_id,
            store_id,
            (1 + hk(customer_id, 'territory', 10))::integer as territory_id
        from all_customers"""
    )


# ---------------------------------------------------------------- bike files


def _bike_build(con: duckdb.DuckDBPyConnection, sizes: BikeSizes, day: int) -> None:
    o_all = sizes.orders + (sizes.new_orders if day >= 2 else 0)
    o = sizes.orders
    extra_lines = sizes.lines - o
    con.execute(
        """create or replace table pairs as
        select
            row_number() over (
                order by p.list_price desc, s.special_offer_id, s.product_id) - 1 as pair_no,
            s.special_offer_id, s.product_id, p.list_price,
            coalesce(d.discount, 0)::decimal(19, 4) as discount
        from sop s
        inner join products p using (product_id)
        left join discounts d using (special_offer_id)
        where p.list_price > 0"""
    )
    n_pairs = con.execute("select count(*) from pairs").fetchone()[0]
    con.execute(
        """create or replace table individual_customers as
        select row_number() over (order by customer_id) as rn, customer_id, territory_id
        from customers where person_id is not null and store_id is null"""
    )
    con.execute(
        """create or replace table store_customers as
        select row_number() over (order by customer_id) as rn, customer_id, territory_id
        from customers where store_id is not null"""
    )
    con.execute(
        """create or replace table sales_people as
        select row_number() over (order by business_entity_id) as rn, business_entity_id
        from person_base where person_type = 'SP'"""
    )
    n_ind, n_store, n_sp = (
        con.execute(f"select count(*) from {t}").fetchone()[0]
        for t in ("individual_customers", "store_customers", "sales_people")
    )
    con.execute(
        f"""create or replace table order_dates as
        select k, date '2011-05-31' + floor(1127 * pow(k / {o}, 0.6))::integer
            as natural_date
        from range({o}) r(k)"""
    )
    k_sep = con.execute(
        "select min(k) from order_dates where natural_date >= date '2011-09-30'"
    ).fetchone()[0]
    forced_dates = {
        k_sep: "2011-09-30 00:00:00",
        k_sep + 1: "2011-09-30 15:45:00",
        k_sep + 2: "2011-09-30 21:10:00",
        k_sep + 3: "2011-10-01 00:00:00",
        k_sep + 4: "2011-10-03 00:00:00",
    }
    forced_cases = " ".join(f"when k = {k} then timestamp '{v}'" for k, v in forced_dates.items())
    forced_store = f"k between {k_sep} and {k_sep + 2}"
    con.execute(
        f"""create or replace table orders as
        with base as (
            select
                r.k,
                r.k >= {o} as is_new,
                {forced_store} as is_forced,
                case
                    when {forced_store} then false
                    when r.k >= {o} then true
                    else rnd(r.k, 'online') < 0.88
                end as online,
                case {forced_cases}
                    when r.k >= {o} then timestamp '2014-07-01 00:00:00'
                    else d.natural_date::timestamp
                end as order_date
            from range({o_all}) r(k)
            left join order_dates d using (k)
        ),
        weighted as (
            select
                *,
                case
                    when is_new then 0
                    when online then
                        case
                            when rnd(k, 'w') < 0.55 then 0
                            when rnd(k, 'w') < 0.8 then 1
                            when rnd(k, 'w') < 0.92 then 2
                            else 4
                        end
                    else 8 + hk(k, 'storew', 40)
                end as w
            from base
        ),
        cumulated as (
            select
                *,
                sum(w) over (order by k rows unbounded preceding) as cw,
                sum(w) over () as total_w
            from weighted
        ),
        allocated as (
            select
                *,
                case
                    when is_new then 1 + hk(k, 'newlines', 3)
                    else 1 + ({extra_lines} * cw) // total_w
                        - ({extra_lines} * (cw - w)) // total_w
                end::bigint as n_lines
            from cumulated
        )
        select
            a.*,
            43659 + a.k as sales_order_id,
            coalesce(ic.customer_id, sc.customer_id) as customer_id,
            coalesce(ic.territory_id, sc.territory_id) as territory_id,
            sp.business_entity_id as sales_person_id
        from allocated a
        left join individual_customers ic
            on a.online and ic.rn = 1 + hk(a.k, 'customer', {max(n_ind, 1)})
        left join store_customers sc
            on not a.online and sc.rn = 1 + hk(a.k, 'customer', {max(n_store, 1)})
        left join sales_people sp
            on not a.online and sp.rn = 1 + hk(a.k, 'salesperson', {max(n_sp, 1)})
        order by a.k"""
    )
    con.execute(
        f"""create or replace table details as
        with lines as (
            select k, online, is_forced, order_date, sales_order_id,
                unnest(range(n_lines)) as line
            from orders
        ),
        numbered as (
            select *, row_number() over (order by k, line) as detail_id from lines
        )
        select
            n.*,
            p.product_id,
            p.special_offer_id,
            p.discount,
            case when n.online then 1 else 1 + hk3(n.k, n.line, 'qty', 8) end as qty,
            case
                when n.online then p.list_price
                else round(p.list_price * 0.6, 4)
            end::decimal(19, 4) as unit_price
        from numbered n
        inner join pairs p on p.pair_no = case
            when n.is_forced and n.line = 0 then 0
            else (hk(n.k, 'pair', {n_pairs}) + n.line) % {n_pairs}
        end"""
    )
    con.execute(
        """create or replace table details as
        select *, (unit_price * (1 - discount) * qty)::decimal(38, 6) as line_total
        from details"""
    )
    con.execute(
        """create or replace table order_totals as
        select
            o.*,
            t.sub_total,
            round(t.sub_total * 0.08, 4)::decimal(19, 4) as tax_amt,
            round(t.sub_total * 0.025, 4)::decimal(19, 4) as freight
        from orders o
        inner join (
            select k, round(sum(line_total), 4)::decimal(19, 4) as sub_total
            from details group by k
        ) t using (k)"""
    )


def _bike_queries(day: int, reference: bool) -> dict[str, str]:
    d2 = "true" if day >= 2 else "false"
    header = """select concat_ws(';',
        sales_order_id,
        case when online then '8' else '9' end,
        ts(order_date),
        ts(order_date + interval 12 day),
        case when k = 7 then '2011-06-31 00:00:00.000' else ts(order_date + interval 7 day) end,
        '5',
        case when online then '1' else '0' end,
        'SO' || sales_order_id,
        case when online then 'NULL' else 'PO' || (1000000000 + hk(k, 'po', 9000000000)) end,
        '10-4020-' || printf('%06d', customer_id),
        customer_id,
        nv(sales_person_id),
        territory_id,
        14000 + hk(k, 'address', 15000),
        14000 + hk(k, case when rnd(k, 'shipto') < 0.9 then 'address' else 'ship' end, 15000),
        case when online then '1' else '5' end,
        case when online or rnd(k, 'ccnull') < 0.85 then (1 + hk(k, 'cc', 19000))::varchar
            else 'NULL' end,
        case when online or rnd(k, 'ccnull') < 0.85
            then (100000 + hk(k, 'cca', 900000)) || 'Vi' || (10000 + hk(k, 'ccb', 90000))
            else 'NULL' end,
        case when rnd(k, 'currency') < 0.1 then (1 + hk(k, 'rate', 13000))::varchar
            else 'NULL' end,
        money(sub_total),
        money(tax_amt),
        money(freight),
        money(sub_total + tax_amt + freight),
        'NULL',
        guid('soh', k),
        ts(order_date + interval 7 day)
    ) as line
    from order_totals order by k"""
    detail = """select concat_ws(';',
        sales_order_id,
        detail_id,
        case when online then 'NULL'
            else printf('%04X-%03X%s-%02X', hk(k, 'ct1', 65536), hk(k, 'ct2', 4096),
                chr(65 + hk(k, 'ct3', 26)::integer), hk(k, 'ct4', 256)) end,
        case when detail_id = 5 then 'one' else qty::varchar end,
        product_id,
        special_offer_id,
        money(unit_price),
        money(discount),
        line_total::varchar,
        guid('sod', detail_id),
        ts(order_date)
    ) as line
    from (
        select *, unnest(range(case when detail_id = 10 then 2 else 1 end)) as copy
        from details
    )
    order by detail_id, copy"""
    survey = f'<IndividualSurvey xmlns="{SURVEY_NS}">'
    first = sql_list(PERSON_FIRST)
    last = sql_list(PERSON_LAST)
    person = f"""with ranked as (
        select *,
            row_number() over (partition by person_type order by business_entity_id) as rn
        from person_base
    ),
    named as (
        select
            *,
            rn <= 2 and person_type = 'IN' as same_name,
            business_entity_id as b
        from ranked
    )
    select concat_ws(';',
        b,
        person_type,
        '0',
        case when rnd(b, 'title') < 0.1
            then ({sql_list(["Mr.", "Ms.", "Mrs.", "Sr.", "Sra."])})[1 + hk(b, 'titlep', 5)]
            else 'NULL' end,
        case when same_name then 'Jordan' else {first}[1 + hk(b, 'first', {len(PERSON_FIRST)})]
            end,
        case when same_name then 'C' when rnd(b, 'middle') < 0.4 then 'NULL'
            else chr(65 + hk(b, 'middlep', 26)::integer) end,
        case when same_name then 'Turner' else {last}[1 + hk(b, 'last', {len(PERSON_LAST)})]
            end,
        case when not same_name and rnd(b, 'suffix') < 0.02
            then ({sql_list(["Jr.", "Sr.", "II", "III", "IV", "PhD"])})[1 + hk(b, 'sfx', 6)]
            else 'NULL' end,
        hk(b, 'email', 3),
        'NULL',
        case when person_type = 'IN' then
            '{survey}<TotalPurchaseYTD>' || round(rnd(b, 'ytd') * 10000, 2)
            || '</TotalPurchaseYTD><DateFirstPurchase>'
            || strftime(date '2011-05-31' + hk(b, 'dfp', 1100)::integer, '%Y-%m-%d')
            || 'Z</DateFirstPurchase><BirthDate>'
            || strftime(date '1935-01-01' + hk(b, 'bd', 20000)::integer, '%Y-%m-%d')
            || 'Z</BirthDate><MaritalStatus>' || (['M', 'S'])[1 + hk(b, 'ms', 2)]
            || '</MaritalStatus><YearlyIncome>'
            || (['0-25000', '25001-50000', '50001-75000', '75001-100000',
                'greater than 100000'])[1 + hk(b, 'inc', 5)]
            || '</YearlyIncome><Gender>' || (['M', 'F'])[1 + hk(b, 'gender', 2)]
            || '</Gender><TotalChildren>' || hk(b, 'tc', 6)
            || '</TotalChildren><NumberChildrenAtHome>' || hk(b, 'ch', 3)
            || '</NumberChildrenAtHome><Education>'
            || (['Bachelors ', 'Graduate Degree', 'High School', 'Partial College',
                'Partial High School'])[1 + hk(b, 'edu', 5)]
            || '</Education><Occupation>'
            || (['Professional', 'Management', 'Skilled Manual', 'Clerical',
                'Manual'])[1 + hk(b, 'occ', 5)]
            || '</Occupation><HomeOwnerFlag>' || hk(b, 'home', 2)
            || '</HomeOwnerFlag><NumberCarsOwned>' || hk(b, 'cars', 5)
            || '</NumberCarsOwned><CommuteDistance>'
            || (['0-1 Miles', '1-2 Miles', '2-5 Miles', '5-10 Miles', '10+ Miles'])[
                1 + hk(b, 'commute', 5)]
            || '</CommuteDistance></IndividualSurvey>'
        else '{survey}<TotalPurchaseYTD>0</TotalPurchaseYTD></IndividualSurvey>'
        end,
        guid('person', b),
        ts(timestamp '2011-05-31' + to_days(hk(b, 'pmod', 1100)::integer))
    ) as line
    from named order by b"""
    queries = {
        "Sales.SalesOrderHeader": header,
        "Sales.SalesOrderDetail": detail,
        "Person.Person": person,
    }
    if reference:
        return queries
    queries["Sales.Customer"] = """select concat_ws(';',
        customer_id, nv(person_id), nv(store_id), territory_id,
        'AW' || printf('%08d', customer_id), guid('customer', customer_id),
        '2014-09-12 11:15:07.263'
    ) as line
    from customers order by customer_id"""
    queries["Production.Product"] = f"""select concat_ws(';',
        product_id, name, product_number, make_flag, finished, nv(color), safety_stock,
        reorder_point, money(standard_cost),
        money(case when changed then round(list_price * 1.08, 2) else list_price end),
        nv(size), quoted_code(size_unit), quoted_code(weight_unit), nv(weight),
        days_to_manufacture, quoted_code(product_line), quoted_code(class),
        quoted_code(style), nv(subcategory_id), nv(model_id),
        sell_start, nv(sell_end), 'NULL', guid('product', product_id),
        case when changed then '2014-07-01 09:12:45.120' else '2014-02-08 10:01:36.827' end
    ) as line
    from (
        select *, {d2} and list_price > 0
            and (product_id = 680 or rnd(product_id, 'd2price') < 0.05) as changed
        from products
    )
    order by product_id"""
    queries["Sales.SpecialOfferProduct"] = """select concat_ws(';',
        special_offer_id, product_id, guid('sop', special_offer_id || '-' || product_id),
        case when special_offer_id = 1 then '2011-04-01 00:00:00.000'
            else ts(timestamp '2011-05-01' + to_days((special_offer_id * 53)::integer)) end
    ) as line
    from sop order by special_offer_id, product_id"""
    return queries


# ---------------------------------------------------------------- driver


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _gzip_stream(source: BinaryIO, target: Path) -> None:
    """Gzip `source` into `target` (mtime 0, fixed-size input blocks: reproducible bytes)."""
    compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: gzip container
    block = bytearray(GZIP_BLOCK)
    view = memoryview(block)
    with open(target, "wb") as out:
        while True:
            filled = 0
            while filled < GZIP_BLOCK:
                got = source.readinto(view[filled:])
                if not got:
                    break
                filled += got
            if filled:
                out.write(compressor.compress(view[:filled]))
            if filled < GZIP_BLOCK:
                break
        out.write(compressor.flush())


def _copy_imdb(cur: duckdb.DuckDBPyConnection, sql: str, target: Path) -> int:
    """COPY one query as TSV into a gzip file; zlib (no GIL) compresses while DuckDB writes.

    DuckDB's own `COMPRESSION gzip` costs about four times the CPU of zlib level 1, the
    main cost at scale 1.0, so DuckDB writes plain TSV into a FIFO that a thread gzips.
    """
    options = f"format csv, delimiter '{TAB}', quote '', escape '', header true"
    plain = target.with_name(target.name + ".tsv")
    if not hasattr(os, "mkfifo"):  # no FIFOs (Windows): plain temp file, then gzip
        try:
            rows = cur.execute(
                f"copy ({sql}) to {sql_string(str(plain))} ({options}, compression none)"
            ).fetchone()[0]
            with open(plain, "rb") as source:
                _gzip_stream(source, target)
            return int(rows)
        finally:
            plain.unlink(missing_ok=True)

    os.mkfifo(plain)
    errors: list[BaseException] = []

    def compress() -> None:
        with open(plain, "rb") as source:
            try:
                _gzip_stream(source, target)
            except BaseException as exc:  # keep draining so DuckDB never blocks
                errors.append(exc)
                while source.read(GZIP_BLOCK):
                    pass

    worker = threading.Thread(target=compress, name=f"gzip {target.name}")
    worker.start()
    try:
        try:
            rows = cur.execute(
                f"copy ({sql}) to {sql_string(str(plain))} ({options}, compression none)"
            ).fetchone()[0]
        except BaseException:
            # DuckDB may fail before opening the FIFO: open it so the reader sees EOF
            fd = os.open(plain, os.O_WRONLY | os.O_NONBLOCK) if worker.is_alive() else None
            if fd is not None:
                os.close(fd)
            raise
        finally:
            worker.join()
    finally:
        plain.unlink(missing_ok=True)
    if errors:
        raise errors[0]
    return int(rows)


def _write_bike(con: duckdb.DuckDBPyConnection, spec: RawFile, sql: str, target: Path) -> int:
    lines = [row[0] for row in con.execute(sql).fetchall()]
    body = "\r\n".join([";".join(spec.columns), *lines]) + "\r\n"
    target.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    return len(lines)


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
        for macro in _macros(seed, isizes):
            con.execute(macro)

        # bike: small, built in memory, written by Python with BOM and CRLF
        reference = Path(bike_reference_dir) if bike_reference_dir is not None else None
        _load_bike_tables(con, seed, bsizes, reference)
        _bike_build(con, bsizes, day)
        specs = {s.stem: s for s in BIKE_FILES}
        for stem, sql in _bike_queries(day, reference is not None).items():
            final = bike_dir / f"{stem}.csv"
            tmp = _tmp(final)
            done.append((tmp, final))
            counts[stem] = _write_bike(con, specs[stem], sql, tmp)

        # IMDB: streamed from range() straight into gzip, two files at a time
        con.execute(_series_sql(isizes.titles))
        n_series = con.execute("select count(*) from series").fetchone()[0]
        queries = _imdb_queries(isizes, n_series, day)
        jobs: list[tuple[str, Path]] = []
        for stem in queries:
            final = imdb_dir / f"{stem}.tsv.gz"
            done.append((_tmp(final), final))
            jobs.append((stem, _tmp(final)))

        def run(job: tuple[str, Path]) -> tuple[str, int]:
            stem, target = job
            cur = con.cursor()
            try:
                return stem, _copy_imdb(cur, queries[stem], target)
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


if __name__ == "__main__":
    sys.exit(main())
