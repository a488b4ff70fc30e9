"""Tests for scripts/generate/: format, determinism, consistency, the day-2 delta and the
SQL files every raw file is generated from."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import duckdb
import pytest

from scripts import generate as gen
from scripts.generate.bike import bike_queries
from scripts.generate.imdb import imdb_queries
from scripts.raw_files import ALL_FILES, BIKE_FILES, IMDB_FILES, RawFile, read_csv_sql

SPECS = {s.stem: s for s in ALL_FILES}
SCALE = gen.DEFAULT_SCALE
REFERENCE_STEMS = set(gen.BIKE_REFERENCE_STEMS)


def file_path(raw_dir: Path, spec: RawFile) -> Path:
    return raw_dir / spec.domain / spec.candidates[0]


def text_of(raw_dir: Path, spec: RawFile) -> str:
    data = file_path(raw_dir, spec).read_bytes()
    if spec.domain == "imdb":
        data = gzip.decompress(data)
    return data.decode("utf-8")


def connect(raw_dir: Path, stems: set[str] | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per written raw file, read like the loader does."""
    con = duckdb.connect()
    # DuckDB 2.0 pushes try_cast into the CSV reader as a strict cast (duckdb#23818)
    con.execute("set disabled_optimizers = 'type_pushdown'")
    for spec in ALL_FILES:
        path = file_path(raw_dir, spec)
        if (stems is None or spec.stem in stems) and path.exists():
            con.execute(f"create view {spec.table} as select * from {read_csv_sql(spec, path)}")
    return con


def one(con: duckdb.DuckDBPyConnection, sql: str) -> object:
    return con.execute(sql).fetchone()[0]


def digests(raw_dir: Path) -> dict[str, str]:
    return {
        spec.stem: hashlib.sha256(file_path(raw_dir, spec).read_bytes()).hexdigest()
        for spec in ALL_FILES
        if file_path(raw_dir, spec).exists()
    }


@pytest.fixture(scope="module")
def day1(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    raw = tmp_path_factory.mktemp("day1")
    return raw, gen.generate(raw, scale=SCALE, seed=42, day=1)


@pytest.fixture(scope="module")
def day2(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    raw = tmp_path_factory.mktemp("day2")
    return raw, gen.generate(raw, scale=SCALE, seed=42, day=2)


@pytest.fixture(scope="module")
def con1(day1: tuple[Path, dict[str, int]]) -> duckdb.DuckDBPyConnection:
    return connect(day1[0])


# ---------------------------------------------------------------- files and format


def test_writes_all_thirteen_files_and_no_temp_files(day1):
    raw, counts = day1
    assert set(counts) == set(SPECS)
    for spec in ALL_FILES:
        assert file_path(raw, spec).is_file(), spec.stem
        assert counts[spec.stem] > 0
    leftovers = [p.name for p in raw.rglob("*") if p.name.startswith(".") or "tmp" in p.name]
    assert leftovers == []


def test_same_inputs_give_identical_bytes_and_other_seed_differs(day1, tmp_path):
    raw, counts = day1
    again = gen.generate(tmp_path / "again", scale=SCALE, seed=42, day=1)
    assert again == counts
    assert digests(tmp_path / "again") == digests(raw)
    gen.generate(tmp_path / "other", scale=SCALE, seed=7, day=1)
    other, first = digests(tmp_path / "other"), digests(raw)
    differing = {stem for stem in first if other[stem] != first[stem]}
    assert {"title.basics", "title.principals", "Sales.SalesOrderDetail"} <= differing


def test_header_equals_spec(day1):
    raw, _ = day1
    for spec in ALL_FILES:
        first_line = text_of(raw, spec).split("\n", 1)[0].removeprefix("\ufeff").rstrip("\r")
        assert first_line == spec.delimiter.join(spec.columns), spec.stem


def test_every_file_parses_strictly_with_the_returned_row_count(day1, con1):
    _, counts = day1
    for spec in ALL_FILES:
        assert one(con1, f"select count(*) from {spec.table}") == counts[spec.stem], spec.stem


def test_imdb_bytes(day1):
    raw, _ = day1
    for spec in IMDB_FILES:
        data = file_path(raw, spec).read_bytes()
        assert data[:2] == b"\x1f\x8b", f"{spec.stem} is not gzip"
        text = gzip.decompress(data)
        assert b"\r" not in text and not text.startswith(b"\xef\xbb\xbf"), spec.stem
        if spec.stem != "title.ratings":  # the real ratings file has no nulls either
            assert b"\\N" in text, spec.stem
    basics = text_of(raw, SPECS["title.basics"])
    assert "tt0000001\tshort\tCarmencita\tCarmencita\t0\t1894\t\\N\t1\tDocumentary,Short\n" in (
        basics
    )
    assert re.search(r'^tt\d{8}\t[^\t]+\t"Rolling in the Deep Dish\t', basics, re.M)
    assert re.search(r"^tt\d{8}\t", basics, re.M)
    assert re.search(r'\t[^\t"]*"[^\t"]+"[^\t]*\t', basics), "no title with inner quotes"
    names = text_of(raw, SPECS["name.basics"])
    assert re.search(r"^nm\d{8}\t", names, re.M)
    principals = text_of(raw, SPECS["title.principals"])
    assert '["Sam \\"The Man\\" Smith","Narrator"]' in principals
    assert '\tstory "Rip Van Winkle"\t' in principals


def test_bike_bytes(day1):
    raw, _ = day1
    for spec in BIKE_FILES:
        data = file_path(raw, spec).read_bytes()
        assert data.startswith(b"\xef\xbb\xbf"), spec.stem
        assert data.endswith(b"\r\n"), spec.stem
        assert data.count(b"\n") == data.count(b"\r\n"), f"{spec.stem} has bare LF"
        assert b";" in data and b"\t" not in data, spec.stem
    header = text_of(raw, SPECS["Sales.SalesOrderHeader"]).splitlines()[1].split(";")
    cols = dict(zip(SPECS["Sales.SalesOrderHeader"].columns, header, strict=True))
    for money in ("SubTotal", "TaxAmt", "Freight", "TotalDue"):
        assert re.fullmatch(r"\d+,\d{2,4}", cols[money]), (money, cols[money])
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}", cols["OrderDate"])
    assert "NULL" in header
    detail_spec = SPECS["Sales.SalesOrderDetail"]
    for line in text_of(raw, detail_spec).splitlines()[1:50]:
        cols = dict(zip(detail_spec.columns, line.split(";"), strict=True))
        assert re.fullmatch(r"\d+,\d{2,4}", cols["UnitPrice"]), cols["UnitPrice"]
        assert re.fullmatch(r"\d,\d{2,4}", cols["UnitPriceDiscount"])
        assert re.fullmatch(r"\d+\.\d{6}", cols["LineTotal"]), cols["LineTotal"]
    product = text_of(raw, SPECS["Production.Product"])
    assert ';"L ";' in product and ';"CM ";' in product and ';"LB ";' in product
    assert re.search(r";\d+,\d{2,4};\d+,\d{2,4};", product), "money columns"
    assert re.search(r";\d+\.\d{2};[0124];", product), "dot decimals in Weight"
    person = text_of(raw, SPECS["Person.Person"])
    assert f';<IndividualSurvey xmlns="{gen.SURVEY_NS}"><TotalPurchaseYTD>' in person
    assert re.search(r"[^\x00-\x7f]", person), "no non-ASCII names"


def test_real_files_parse_with_the_same_options(shared_data):
    con = connect(shared_data, set())
    for folder, files in (("imdb", IMDB_FILES), ("bike", BIKE_FILES)):
        for spec in files:
            path = shared_data / folder / f"{spec.stem}.{'tsv' if folder == 'imdb' else 'csv'}"
            if not path.exists():
                continue  # three bike files are not published
            rows = one(con, f"select count(*) from {read_csv_sql(spec, path)}")
            assert rows > 0, spec.stem
            cols = [
                r[0]
                for r in con.execute(
                    f"describe select * from {read_csv_sql(spec, path)}"
                ).fetchall()
            ]
            assert tuple(cols) == spec.columns, spec.stem
            first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8-sig").rstrip("\r")
            assert first == spec.delimiter.join(spec.columns), spec.stem


# ---------------------------------------------------------------- IMDB content


def test_imdb_value_domains(con1):
    types = {
        r[0] for r in con1.execute('select distinct "titleType" from imdb_title_basics').fetchall()
    }
    assert types == set(gen.TITLE_TYPES)
    assert {
        r[0] for r in con1.execute('select distinct "isAdult" from imdb_title_basics').fetchall()
    } == {
        "0",
        "1",
    }
    assert one(con1, "select max(len(string_split(genres, ','))) from imdb_title_basics") == 3
    assert (
        one(
            con1,
            """select count(*) from imdb_title_basics
        where "runtimeMinutes" <> '\\N' and try_cast("runtimeMinutes" as int) is null""",
        )
        > 0
    )
    assert one(con1, """select count(*) from imdb_title_basics where "startYear" = '0'""") > 0
    assert (
        one(
            con1,
            """select count(*) from imdb_title_basics
        where try_cast("endYear" as int) < try_cast("startYear" as int)""",
        )
        > 0
    )
    assert (
        one(
            con1,
            """select count(*) from imdb_title_ratings
        where try_cast("averageRating" as double) > 10""",
        )
        > 0
    )
    assert (
        one(
            con1,
            """select count(*) from imdb_title_ratings
        where try_cast("numVotes" as bigint) is null""",
        )
        > 0
    )
    assert (
        one(
            con1,
            """select count(*) from imdb_title_akas
        where not regexp_full_match(region, '[A-Z]{2}|XWW|XEU|\\\\N')""",
        )
        == 0
    )
    assert (
        one(
            con1,
            """select count(*) from imdb_title_akas
        where not regexp_full_match(language, '[a-z]{2}|\\\\N')""",
        )
        == 0
    )
    assert one(con1, "select count(*) from imdb_title_akas where region in ('XWW', 'XEU')") > 0
    assert (
        one(
            con1,
            """select count(*) from imdb_title_principals
        where characters <> '\\N' and not json_valid(characters)""",
        )
        == 0
    )
    for pattern in ("\\p{Greek}", "\\p{Cyrillic}", "\\p{Han}"):
        assert (
            one(
                con1,
                f"""select count(*) from imdb_title_basics
            where regexp_matches("primaryTitle", '{pattern}')""",
            )
            > 0
        ), pattern
        assert (
            one(
                con1,
                f"""select count(*) from imdb_name_basics
            where regexp_matches("primaryName", '{pattern}')""",
            )
            > 0
        ), pattern
    for column, table in (
        ("primaryProfession", "imdb_name_basics"),
        ("knownForTitles", "imdb_name_basics"),
        ("directors", "imdb_title_crew"),
        ("writers", "imdb_title_crew"),
        ("types", "imdb_title_akas"),
        ("attributes", "imdb_title_akas"),
    ):
        assert one(con1, f"select count(*) from {table} where {column} like '%,%'") > 0, column


@pytest.mark.parametrize(
    ("table", "key"),
    [
        ("imdb_title_basics", "tconst"),
        ("imdb_title_akas", '"titleId", ordering'),
        ("imdb_title_crew", "tconst"),
        ("imdb_title_episode", "tconst"),
        ("imdb_title_principals", "tconst, ordering"),
        ("imdb_title_ratings", "tconst"),
        ("imdb_name_basics", "nconst"),
    ],
)
def test_imdb_duplicates_and_conflicts(con1, table, key):
    total = one(con1, f"select count(*) from {table}")
    distinct_rows = one(con1, f"select count(*) from (select distinct * from {table})")
    distinct_keys = one(con1, f"select count(*) from (select distinct {key} from {table})")
    assert 0 < total - distinct_rows < total * 0.01, "exact duplicates"
    assert distinct_rows > distinct_keys, "rows sharing a key but differing"


def test_imdb_sizes_scale_like_the_real_data(day1):
    _, counts = day1
    titles = counts["title.basics"]
    ratios = {
        "title.principals": 98 / 12,
        "title.akas": 55 / 12,
        "name.basics": 15 / 12,
        "title.episode": 9.5 / 12,
        "title.ratings": 1.6 / 12,
        "title.crew": 1.0,
    }
    for stem, ratio in ratios.items():
        assert counts[stem] / titles == pytest.approx(ratio, rel=0.15), stem
    assert gen.imdb_sizes(1.0).titles == 12_000_000
    assert gen.imdb_sizes(1.0).names == 15_000_000


@pytest.mark.parametrize(
    ("what", "sql"),
    [
        (
            "titles that are not episodes",
            "select primaryTitle as name from imdb_title_basics where titleType <> 'tvEpisode'",
        ),
        # one row per person: name.basics repeats a few people on purpose (duplicates)
        ("people", "select any_value(primaryName) as name from imdb_name_basics group by nconst"),
    ],
)
def test_names_vary_like_a_real_catalogue(con1, what, sql):
    """A catalogue of a few thousand titles or people repeats a name rarely: here at least 90%
    of the names are distinct and none is used more than five times (the word lists once gave
    one name to 24 titles, and a query by title name found the wrong one)."""
    count, distinct, most = con1.execute(
        f"with names as ({sql}), counted as (select name, count(*) as n from names group by name) "
        "select sum(n), count(*), max(n) from counted"
    ).fetchone()
    assert count > 1000, what
    assert distinct / count >= 0.9, f"{what}: {distinct} distinct names in {count}"
    assert most <= 5, f"{what}: one name used {most} times"


def test_imdb_relations(con1):
    def orphans(sql: str) -> int:
        return one(con1, f"select count(*) from ({sql})")

    titles = "select tconst from imdb_title_basics"
    names = "select nconst from imdb_name_basics"
    episodes = one(con1, "select count(*) from imdb_title_episode")
    missing_parent = orphans(
        f'select * from imdb_title_episode where "parentTconst" not in ({titles})'
    )
    assert 0 < missing_parent < episodes * 0.01
    assert (
        orphans("""select * from imdb_title_episode e
        inner join imdb_title_basics b on b.tconst = e."parentTconst"
        where b."titleType" not in ('tvSeries', 'tvMiniSeries')""")
        == 0
    )
    assert (
        orphans("""select * from imdb_title_episode e
        where tconst not in (select tconst from imdb_title_basics
            where "titleType" = 'tvEpisode')""")
        == 0
    )
    assert orphans(f"select * from imdb_title_principals where tconst not in ({titles})") == 0
    assert orphans(f"select * from imdb_title_principals where nconst not in ({names})") == 0
    assert orphans(f"select * from imdb_title_ratings where tconst not in ({titles})") == 0
    assert orphans(f'select * from imdb_title_akas where "titleId" not in ({titles})') == 0
    assert orphans(f"select * from imdb_title_crew where tconst not in ({titles})") == 0
    for column in ("directors", "writers"):
        assert (
            orphans(f"""select * from (
            select unnest(string_split({column}, ',')) as nconst from imdb_title_crew
            where {column} <> '\\N') where nconst not in ({names})""")
            == 0
        )
    known = """select unnest(string_split("knownForTitles", ',')) as tconst
        from imdb_name_basics where "knownForTitles" <> '\\N'"""
    missing_known = orphans(f"select * from ({known}) where tconst not in ({titles})")
    assert 0 < missing_known < one(con1, f"select count(*) from ({known})") * 0.01


# ---------------------------------------------------------------- bike content


def test_bike_relations(con1):
    def count(sql: str) -> int:
        return one(con1, f"select count(*) from ({sql})")

    assert (
        count("""select * from bike_sales_order_detail d
        where "SalesOrderID" not in (select "SalesOrderID" from bike_sales_order_header)""")
        == 0
    )
    assert (
        count("""select * from bike_sales_order_detail d
        where ("SpecialOfferID", "ProductID") not in (
            select ("SpecialOfferID", "ProductID") from bike_special_offer_product)""")
        == 0
    )
    assert (
        count("""select * from bike_special_offer_product
        where "ProductID" not in (select "ProductID" from bike_product)""")
        == 0
    )
    assert (
        count("""select * from bike_sales_order_header
        where "CustomerID" not in (select "CustomerID" from bike_customer)""")
        == 0
    )
    assert (
        count("""select * from bike_customer where "PersonID" <> 'NULL'
        and "PersonID" not in (select "BusinessEntityID" from bike_person)""")
        == 0
    )
    assert (
        count("""select * from bike_customer
        where "PersonID" = 'NULL' and "StoreID" = 'NULL'""")
        == 0
    )
    assert (
        count("""select * from bike_sales_order_header h
        where "SalesOrderID" not in (select "SalesOrderID" from bike_sales_order_detail)""")
        == 0
    )


ORDERS = """select
    "SalesOrderID"::int as id, "SalesOrderNumber" as number, "OrderDate" as order_date,
    "OnlineOrderFlag" as online, "Status" as status,
    replace("SubTotal", ',', '.')::decimal(19, 4) as sub_total,
    replace("TaxAmt", ',', '.')::decimal(19, 4) as tax,
    replace("Freight", ',', '.')::decimal(19, 4) as freight,
    replace("TotalDue", ',', '.')::decimal(19, 4) as total_due
from bike_sales_order_header"""
LINES = """select distinct
    "SalesOrderID"::int as id, "SalesOrderDetailID" as line_id,
    try_cast("OrderQty" as int) as qty,
    replace("UnitPrice", ',', '.')::decimal(19, 4) as unit_price,
    replace("UnitPriceDiscount", ',', '.')::decimal(19, 4) as discount,
    "LineTotal"::decimal(38, 6) as line_total
from bike_sales_order_detail"""


def test_bike_amounts_reconcile(con1):
    con1.execute(f"create or replace temp view orders as {ORDERS}")
    con1.execute(f"create or replace temp view lines as {LINES}")
    assert (
        one(
            con1,
            """select count(*) from lines where qty is not null
        and line_total <> (unit_price * (1 - discount) * qty)::decimal(38, 6)""",
        )
        == 0
    )
    assert (
        one(
            con1,
            """select count(*) from orders o inner join (
            select id, round(sum(line_total), 4) as s from lines group by id) l using (id)
        where o.sub_total <> l.s""",
        )
        == 0
    )
    assert (
        one(
            con1,
            """select count(*) from orders
        where tax <> round(sub_total * 0.08, 4) or freight <> round(sub_total * 0.025, 4)
            or total_due <> sub_total + tax + freight""",
        )
        == 0
    )
    assert one(con1, "select min(id) from orders") == 43659
    assert one(con1, "select count(*) from orders where number <> 'SO' || id") == 0
    assert one(con1, "select count(*) from orders where status <> '5'") == 0
    assert {r[0] for r in con1.execute("select distinct online from orders").fetchall()} == {
        "0",
        "1",
    }
    assert one(con1, "select min(order_date) from orders") == "2011-05-31 00:00:00.000"
    assert one(con1, "select max(order_date) from orders") <= "2014-07-01 00:00:00.000"
    assert (
        one(
            con1,
            """select count(*) from orders where order_date like '2011-09-30%'
        and total_due > 1000""",
        )
        > 0
    )
    assert (
        one(
            con1,
            """select count(*) from orders
        where order_date like '2011-09-30%' and order_date > '2011-09-30 00:00:00.000'""",
        )
        > 0
    )
    assert one(con1, "select count(*) from orders where order_date like '2011-10-0%'") > 0


def test_bike_order_shapes_and_quirks(con1):
    con1.execute(f"create or replace temp view orders as {ORDERS}")
    con1.execute(f"create or replace temp view lines as {LINES}")
    shape = con1.execute("""select
            count(*) filter (where n = 3),
            count(*) filter (where n > 3),
            count(*) filter (where n <= 2),
            count(*) filter (where online = '1'),
            count(*) filter (where online = '1' and n = 1),
            count(*)
        from orders inner join (select id, count(*) as n from lines group by id) using (id)
    """).fetchone()
    exactly3, more, small, online, online_one, total = shape
    assert exactly3 > 0 and more > 0 and small > total / 2
    assert online_one > online / 2
    detail_rows = one(con1, "select count(*) from bike_sales_order_detail")
    distinct = one(con1, "select count(*) from (select distinct * from bike_sales_order_detail)")
    assert detail_rows - distinct == 1
    assert (
        one(
            con1,
            """select count(*) from bike_sales_order_detail
        where try_cast("OrderQty" as int) is null""",
        )
        > 0
    )
    assert (
        one(
            con1,
            """select count(*) from bike_sales_order_header
        where try_cast("ShipDate" as timestamp) is null""",
        )
        > 0
    )
    days = {
        r[0]
        for r in con1.execute('select distinct "DaysToManufacture" from bike_product').fetchall()
    }
    assert days == {"0", "1", "2", "4"}
    types = {r[0] for r in con1.execute('select distinct "PersonType" from bike_person').fetchall()}
    assert types == {"IN", "SC", "EM", "SP", "VC", "GC"}
    for column in ("MiddleName", "Title", "Suffix"):
        assert one(con1, f"""select count(*) from bike_person where "{column}" = 'NULL'""") > 0
        assert one(con1, f"""select count(*) from bike_person where "{column}" <> 'NULL'""") > 0
    assert (
        one(
            con1,
            """select count(*) from (
        select "FirstName", "MiddleName", "LastName", count(distinct c."CustomerID") as n
        from bike_person p inner join bike_customer c on c."PersonID" = p."BusinessEntityID"
        group by all having n > 1)""",
        )
        > 0
    )
    assert one(con1, "select count(*) from bike_product") == 504
    assert one(con1, 'select count(distinct "Name") from bike_product') == 504
    assert one(con1, 'select count(distinct "ProductNumber") from bike_product') == 504
    assert one(con1, "select count(*) from bike_special_offer_product") == 538
    orders = one(con1, "select count(*) from bike_sales_order_header")
    assert 200 <= orders <= 1000


def test_bike_full_sizes_from_scale_point_01():
    sizes = gen.bike_sizes(0.01)
    assert (sizes.orders, sizes.lines) == (31_465, 121_317)
    assert sum(sizes.persons.values()) == 19_972
    assert sizes.persons["IN"] + sizes.sc_customers + sizes.store_only_customers == 19_820
    assert gen.bike_sizes(gen.DEFAULT_SCALE).orders < 1000


# ---------------------------------------------------------------- reference mode


def test_bike_reference_mode_uses_real_keys(shared_data, tmp_path):
    raw = tmp_path / "raw"
    counts = gen.generate(raw, scale=SCALE, seed=42, bike_reference_dir=shared_data / "bike")
    assert REFERENCE_STEMS.isdisjoint(counts)
    for stem in REFERENCE_STEMS:
        assert not file_path(raw, SPECS[stem]).exists()
    con = connect(raw)
    for spec in BIKE_FILES:
        if spec.stem in REFERENCE_STEMS:
            path = shared_data / "bike" / f"{spec.stem}.csv"
            con.execute(f"create view {spec.table} as select * from {read_csv_sql(spec, path)}")
    assert (
        one(con, "select count(*) from bike_sales_order_header") == counts["Sales.SalesOrderHeader"]
    )
    assert (
        one(
            con,
            """select count(*) from bike_sales_order_detail
        where "ProductID" not in (select "ProductID" from bike_product)""",
        )
        == 0
    )
    assert (
        one(
            con,
            """select count(*) from bike_sales_order_detail
        where ("SpecialOfferID", "ProductID") not in (
            select ("SpecialOfferID", "ProductID") from bike_special_offer_product)""",
        )
        == 0
    )
    assert (
        one(
            con,
            """select count(*) from bike_sales_order_header
        where "CustomerID" not in (select "CustomerID" from bike_customer)""",
        )
        == 0
    )
    assert (
        one(
            con,
            """select count(*) from bike_customer where "PersonID" <> 'NULL'
        and "PersonID" not in (select "BusinessEntityID" from bike_person)""",
        )
        == 0
    )
    # list prices come from the real product file
    assert (
        one(
            con,
            """select count(*) from bike_sales_order_detail d
        inner join bike_product p using ("ProductID")
        where d."UnitPrice" not in (p."ListPrice",
            replace(cast(round(replace(p."ListPrice", ',', '.')::decimal(19, 4) * 0.6, 4)
                as varchar), '.', ','))
            and replace(d."UnitPrice", ',', '.')::decimal(19, 4)
                <> round(replace(p."ListPrice", ',', '.')::decimal(19, 4) * 0.6, 4)""",
        )
        == 0
    )


def test_missing_reference_files_fail_clearly(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"Production\.Product"):
        gen.generate(tmp_path / "raw", bike_reference_dir=tmp_path)


# ---------------------------------------------------------------- day 2


def rows(raw: Path, spec: RawFile) -> list[str]:
    return text_of(raw, spec).splitlines()[1:]


def test_day2_only_changes_what_it_should(day1, day2):
    raw1, counts1 = day1
    raw2, counts2 = day2
    unchanged = (
        "title.akas",
        "title.crew",
        "title.episode",
        "title.principals",
        "Sales.Customer",
        "Person.Person",
        "Sales.SpecialOfferProduct",
    )
    for stem in unchanged:
        assert text_of(raw1, SPECS[stem]) == text_of(raw2, SPECS[stem]), stem

    def keyed(raw: Path, stem: str, key_cols: int = 1) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for line in rows(raw, SPECS[stem]):
            out.setdefault("\t".join(line.split(SPECS[stem].delimiter)[:key_cols]), []).append(line)
        return out

    # ratings: ~1% changed, new titles appended, nothing removed
    r1, r2 = keyed(raw1, "title.ratings"), keyed(raw2, "title.ratings")
    assert set(r1) < set(r2)
    changed = [k for k in r1 if r1[k] != r2[k]]
    assert 0 < len(changed) < 0.03 * len(r1)
    # basics: new titles at the end, a few runtime/endYear changes, nothing else
    b1, b2 = rows(raw1, SPECS["title.basics"]), rows(raw2, SPECS["title.basics"])
    new_titles = counts2["title.basics"] - counts1["title.basics"]
    assert new_titles > 0 and len(b2) == len(b1) + new_titles
    assert {line.split("\t")[0] for line in b2[len(b1) :]} <= set(r2) - set(r1)
    diffs = [(a.split("\t"), b.split("\t")) for a, b in zip(b1, b2, strict=False) if a != b]
    assert diffs and len(diffs) < 0.01 * len(b1)
    cols = SPECS["title.basics"].columns
    changed_cols = {cols[i] for a, b in diffs for i in range(len(cols)) if a[i] != b[i]}
    assert changed_cols <= {"runtimeMinutes", "endYear"} and changed_cols
    # names: a few people get a deathYear, nothing else changes
    n1, n2 = rows(raw1, SPECS["name.basics"]), rows(raw2, SPECS["name.basics"])
    assert len(n1) == len(n2)
    diffs = [(a.split("\t"), b.split("\t")) for a, b in zip(n1, n2, strict=True) if a != b]
    assert diffs
    for a, b in diffs:
        assert a[3] == "\\N" and b[3].isdigit() and a[:3] + a[4:] == b[:3] + b[4:]
    # products: ~5% new ListPrice with a later ModifiedDate
    p1, p2 = rows(raw1, SPECS["Production.Product"]), rows(raw2, SPECS["Production.Product"])
    diffs = [(a.split(";"), b.split(";")) for a, b in zip(p1, p2, strict=True) if a != b]
    assert 0 < len(diffs) <= 0.08 * len(p1)
    for a, b in diffs:
        assert a[9] != b[9] and b[24] > a[24] and a[:9] + a[10:24] == b[:9] + b[10:24]
    # orders: a few new ones appended, old ones untouched
    for stem in ("Sales.SalesOrderHeader", "Sales.SalesOrderDetail"):
        o1, o2 = rows(raw1, SPECS[stem]), rows(raw2, SPECS[stem])
        assert len(o2) > len(o1) and o2[: len(o1)] == o1, stem


def test_day2_is_deterministic(day2, tmp_path):
    raw2, _ = day2
    gen.generate(tmp_path, scale=SCALE, seed=42, day=2)
    assert digests(tmp_path) == digests(raw2)


# ---------------------------------------------------------------- CLI


def test_cli_writes_files(tmp_path, capsys):
    assert gen.main(["--raw-dir", str(tmp_path), "--seed", "3", "--day", "1"]) == 0
    out = capsys.readouterr().out
    assert "title.basics\t" in out and "Sales.SalesOrderDetail\t" in out
    assert all(file_path(tmp_path, spec).exists() for spec in ALL_FILES)


def test_cli_rejects_bad_arguments(tmp_path):
    with pytest.raises(SystemExit) as exc:
        gen.main(["--raw-dir", str(tmp_path), "--scale", "0"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        gen.main(["--raw-dir", str(tmp_path), "--day", "3"])


# ---------------------------------------------------------------- SQL files


def test_every_raw_file_is_generated_from_its_sql_file():
    """Each raw file's rows come from its own .sql file in the package, not an inline string."""
    sql_dir = Path(gen.__file__).parent / "sql"
    queries = {
        **imdb_queries(gen.imdb_sizes(SCALE), n_series=1, day=1),
        **bike_queries(day=1, reference=False),
    }
    assert set(queries) == {spec.stem for spec in ALL_FILES}
    for spec in ALL_FILES:
        path = gen.sql_file(spec.domain, spec.stem)
        assert path.parent == sql_dir / spec.domain, spec.stem
        assert path.is_file(), f"{spec.stem}: missing {path.relative_to(sql_dir)}"
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        assert first_line.startswith(f"-- {spec.stem}:"), spec.stem
        assert queries[spec.stem].startswith(first_line), spec.stem
