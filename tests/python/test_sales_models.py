"""The bike sales models build on the three real AdventureWorks files.

The generator writes Person, SalesOrderHeader and SalesOrderDetail consistent with the real
Production.Product, Sales.Customer and Sales.SpecialOfferProduct (`bike_reference_dir`); the
real files are then copied in byte for byte, registered, and `dbt build --select staging.bike+`
(models, data tests and unit tests) must succeed. The facts checked below are published facts
of the real files (see ../shared/data/README.md), not values read back from the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, SHARED_DATA
from scripts import generate, load

pytestmark = pytest.mark.slow

REAL_FILES = ("Production.Product.csv", "Sales.Customer.csv", "Sales.SpecialOfferProduct.csv")


def _dbt(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    dbt = Path(sys.executable).with_name("dbt")
    return subprocess.run(
        [str(dbt), *args, "--project-dir", str(REPO), "--profiles-dir", str(REPO)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


@pytest.fixture(scope="module")
def real_bike_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dev database built from generated files with the three real bike files substituted."""
    real_dir = SHARED_DATA / "bike"
    if not all((real_dir / name).is_file() for name in REAL_FILES):
        pytest.skip(f"real bike files not found in {real_dir} (only present in CI)")
    work = tmp_path_factory.mktemp("sales-real")
    raw = work / "raw"
    generate.generate(raw, bike_reference_dir=real_dir)
    for name in REAL_FILES:
        shutil.copyfile(real_dir / name, raw / "bike" / name)
    db = work / "dev.duckdb"
    load.register(raw, db)

    env = {
        **os.environ,
        "DBT_TARGET": "dev",
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DUCKDB_DEV_PATH": str(db),
        "DUCKDB_TEMP_DIR": str(work / "tmp"),
    }
    if not (REPO / "dbt_packages").is_dir():
        deps = _dbt("deps", env=env)
        assert deps.returncode == 0, deps.stdout[-4000:]
    result = _dbt("build", "--select", "staging.bike+", "bike_product_codes", env=env)
    assert result.returncode == 0, result.stdout[-8000:]
    return db


def _one(db: Path, sql: str) -> tuple:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchone()
    finally:
        con.close()


def test_real_files_are_copied_byte_for_byte(real_bike_warehouse: Path) -> None:
    raw_bike = real_bike_warehouse.parent / "raw" / "bike"
    for name in REAL_FILES:
        assert (raw_bike / name).read_bytes() == (SHARED_DATA / "bike" / name).read_bytes()


def test_real_products_stage_completely(real_bike_warehouse: Path) -> None:
    row = _one(
        real_bike_warehouse,
        "select count(*), sum(source_row_count), count(distinct product_name), "
        "count(distinct product_number), count(*) filter (where len(rejected_columns) > 0), "
        "list_sort(list(distinct days_to_manufacture)) "
        "from staging.stg_bike__products",
    )
    assert row == (504, 504, 504, 504, 0, [0, 1, 2, 4])
    # fixed-width codes are trimmed; `"L "` in the file is `L`
    codes = _one(
        real_bike_warehouse,
        "select count(*) filter (where product_class like '% ' or product_style like '% ' "
        "or product_line like '% ' or size_unit_measure_code like '% ') "
        "from staging.stg_bike__products",
    )
    assert codes == (0,)


def test_real_customers_stage_completely(real_bike_warehouse: Path) -> None:
    row = _one(
        real_bike_warehouse,
        "select count(*), count(person_id), count(distinct person_id), count(store_id), "
        "count(*) filter (where person_id is not null and store_id is not null), "
        "count(*) filter (where len(rejected_columns) > 0) "
        "from staging.stg_bike__customers",
    )
    assert row == (19_820, 19_119, 19_119, 1_336, 635, 0)
    assert _one(real_bike_warehouse, "select count(*) from marts.dim_customers") == (19_821,)


def test_real_special_offer_products_stage_completely(real_bike_warehouse: Path) -> None:
    row = _one(
        real_bike_warehouse,
        "select count(*), count(*) filter (where special_offer_id = 1), "
        "count(*) filter (where len(rejected_columns) > 0) "
        "from staging.stg_bike__special_offer_products",
    )
    assert row == (538, 295, 0)


def test_orders_reference_real_products_and_customers(real_bike_warehouse: Path) -> None:
    row = _one(
        real_bike_warehouse,
        "select count(*), count(*) filter (where product_id = -1), "
        "count(*) filter (where customer_id = -1) from marts.fct_sales_order_lines",
    )
    assert row[0] > 0
    assert row[1:] == (0, 0)
    orphans = _one(
        real_bike_warehouse,
        "select count(*) from marts.fct_sales_order_lines as l "
        "anti join marts.bdg_special_offer_products as b "
        "on l.special_offer_id = b.special_offer_id and l.product_id = b.product_id",
    )
    assert orphans == (0,)


def test_question_two_uses_real_product_names(real_bike_warehouse: Path) -> None:
    row = _one(
        real_bike_warehouse,
        "select count(*), count(distinct r.days_to_manufacture), max(r.sales_rank), "
        "count(*) filter (where r.product_name = p.product_name) "
        "from marts.rpt_top_products_by_days_to_manufacture as r "
        "inner join staging.stg_bike__products as p on r.product_id = p.product_id",
    )
    count, groups, max_rank, names_match = row
    assert 1 <= groups <= 4
    assert max_rank <= 3
    assert count <= 3 * groups
    assert names_match == count
