"""One name per concept across the marts of a domain, and a name beside every code.

The analyst views put the columns of several dimensions side by side, so they prefix a
dimension's column with the role it plays (`series_`, `episode_`, `person_`), never with a name
of their own. A column of a view is therefore a column of one of the domain's tables, or that
column with a role prefix: `series_title_id` in vw_episodes is `title_id` of the series and is
also `fct_episodes.series_title_id`, so no mart calls it `parent_title_id`."""

from __future__ import annotations

import json
from collections import defaultdict

import duckdb
import pytest

from conftest import SampleWarehouse

ROLE_PREFIXES = ("series_", "episode_", "person_")

# Names that sources use and the marts replaced, so they must not come back in a mart.
SOURCE_NAMES = {"parent_title_id", "parent_tconst", "primary_name", "primary_professions"}

# Code columns of the marts and the label column beside each.
CODE_LABELS = {
    ("dim_products", "product_line"): "product_line_name",
    ("dim_products", "product_class"): "product_class_name",
    ("dim_products", "product_style"): "product_style_name",
    ("dim_title_types", "title_type"): "title_type_name",
    ("vw_general", "title_type"): "title_type_name",
}


def _marts_columns(sample_warehouse: SampleWarehouse) -> dict[str, dict[str, dict[str, str]]]:
    """domain -> relation -> column -> data type, for every relation in the marts schema."""
    manifest = json.loads((sample_warehouse.target / "manifest.json").read_text())
    domain_of = {
        node["name"]: node["fqn"][2]
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["schema"] == "marts"
    }
    with duckdb.connect(str(sample_warehouse.db), read_only=True) as con:
        rows = con.execute(
            "select table_name, column_name, data_type from duckdb_columns() "
            "where schema_name = 'marts'"
        ).fetchall()
    columns: dict[str, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    for table, column, data_type in rows:
        columns[domain_of[table]][table][column] = data_type
    return columns


def view_columns_without_a_source(relations: dict[str, dict[str, str]]) -> list[str]:
    """Columns of the `vw_` relations that are neither a table's column nor one with a role
    prefix."""
    stored = {
        column for name, cols in relations.items() if not name.startswith("vw_") for column in cols
    }
    problems = []
    for name, cols in relations.items():
        if not name.startswith("vw_"):
            continue
        for column in cols:
            candidates = {column} | {
                column.removeprefix(prefix) for prefix in ROLE_PREFIXES if column.startswith(prefix)
            }
            if not candidates & stored:
                problems.append(f"{name}.{column}")
    return sorted(problems)


def keys_with_two_types(relations: dict[str, dict[str, str]]) -> list[str]:
    types: dict[str, set[str]] = defaultdict(set)
    for cols in relations.values():
        for column, data_type in cols.items():
            if column.endswith("_id"):
                types[column].add(data_type)
    return sorted(column for column, found in types.items() if len(found) > 1)


@pytest.mark.parametrize("domain", ["imdb", "sales"])
def test_a_view_column_is_a_table_column_or_one_with_its_role(
    sample_warehouse: SampleWarehouse, domain: str
) -> None:
    relations = _marts_columns(sample_warehouse)[domain]
    assert relations
    assert view_columns_without_a_source(relations) == []
    assert keys_with_two_types(relations) == []


def test_the_name_rule_finds_a_second_name() -> None:
    relations = {
        "fct_episodes": {"episode_title_id": "BIGINT", "parent_title_id": "BIGINT"},
        "dim_people": {"person_id": "BIGINT", "primary_name": "VARCHAR"},
        "vw_episodes": {
            "episode_title_id": "BIGINT",
            "series_title_id": "BIGINT",
            "person_name": "VARCHAR",
            "person_id": "INTEGER",
        },
    }
    # the series' title id is neither a table's column nor title_id in its role (no dim_titles)
    assert view_columns_without_a_source(relations) == [
        "vw_episodes.person_name",
        "vw_episodes.series_title_id",
    ]
    assert keys_with_two_types(relations) == ["person_id"]
    relations["dim_titles"] = {"title_id": "BIGINT"}
    relations["dim_people"]["person_name"] = "VARCHAR"
    assert view_columns_without_a_source(relations) == []


def test_source_names_are_not_used_in_the_marts(sample_warehouse: SampleWarehouse) -> None:
    found = sorted(
        f"{table}.{column}"
        for relations in _marts_columns(sample_warehouse).values()
        for table, cols in relations.items()
        for column in cols
        if column in SOURCE_NAMES
    )
    assert found == []


def test_every_code_has_its_name_beside_it(sample_warehouse: SampleWarehouse) -> None:
    with duckdb.connect(str(sample_warehouse.db), read_only=True) as con:
        for (table, code), label in CODE_LABELS.items():
            codes, unlabelled = con.execute(
                f"select count({code}), count(*) filter ({code} is not null and {label} is null) "
                f"from marts.{table}"
            ).fetchone()
            assert codes > 0, f"{table}.{code} has no codes in the sample"
            assert unlabelled == 0, f"{table}: {unlabelled} rows with a {code} and no {label}"


def test_product_labels_are_the_documented_names(sample_warehouse: SampleWarehouse) -> None:
    with duckdb.connect(str(sample_warehouse.db), read_only=True) as con:
        pairs = set(
            con.execute(
                "select distinct product_line, product_line_name from marts.dim_products "
                "where product_line is not null"
            ).fetchall()
        )
    assert pairs == {("R", "Road"), ("M", "Mountain"), ("T", "Touring"), ("S", "Standard")}


def test_every_customer_has_a_name_and_stores_are_told_apart(
    sample_warehouse: SampleWarehouse,
) -> None:
    with duckdb.connect(str(sample_warehouse.db), read_only=True) as con:
        nameless, stores, store_names, wrong = con.execute(
            "select count(*) filter (customer_name is null), "
            "count(*) filter (customer_type = 'store'), "
            "count(distinct customer_name) filter (customer_type = 'store'), "
            "count(*) filter (customer_type = 'store' "
            "and customer_name <> 'Store ' || store_id) "
            "from marts.dim_customers"
        ).fetchone()
    assert nameless == 0
    assert stores > 1
    assert store_names == stores
    assert wrong == 0
