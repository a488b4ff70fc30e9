"""Documentation coverage: fail when a node or a column of this project lacks a description.

    python -m scripts.docs_coverage [--target-path target]

Reads `manifest.json` and `catalog.json` from the dbt target folder (run `dbt docs generate`
first) and checks that

- every node of this project (models, seeds, snapshots, sources, macros, exposures) has a
  non-empty description;
- every column of every model, seed, snapshot and source has a non-empty description, both the
  columns declared in YAML (manifest.json) and the columns that exist in the database
  (catalog.json): a column in the database that the YAML does not declare is undocumented.

Prints one line per problem and a summary; exits 1 when anything is undocumented, 2 when the
input files cannot be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PROJECT_NAME = "warehouse"

# Node types that must have a description (manifest.json: nodes, sources, macros, exposures).
DESCRIBED_RESOURCE_TYPES = frozenset({"model", "seed", "snapshot", "source", "macro", "exposure"})
# Node types whose columns must be described (YAML and database columns alike).
COLUMN_RESOURCE_TYPES = frozenset({"model", "seed", "snapshot", "source"})

# Columns that need no description, by name (lowercase). Deliberately empty: dbt's snapshot
# columns (dbt_scd_id, dbt_updated_at, dbt_valid_from, dbt_valid_to, dbt_is_deleted) are
# described in the snapshots' YAML like any other column. Add a name here only with a reason.
EXEMPT_COLUMNS: frozenset[str] = frozenset()

# Nodes that must not be described in this project's YAML, with the reason.
EXEMPT_NODES: dict[str, str] = {
    "seed.warehouse.dbt_project_evaluator_exceptions": (
        "dbt-project-evaluator describes its exceptions seed in its own YAML, and dbt applies "
        "that YAML to the project's seed of the same name: a second description in this "
        "project stops the parse once the package is installed. Its rows carry their reasons, "
        "and tests/seeds/ checks them."
    ),
}


class CoverageError(Exception):
    """The inputs could not be read. The message is one line."""


@dataclass
class Report:
    """What was checked and what is missing."""

    nodes: int = 0
    columns: int = 0
    undocumented_nodes: list[str] = field(default_factory=list)
    undocumented_columns: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [*self.undocumented_nodes, *self.undocumented_columns]

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        checked = f"{self.nodes} nodes, {self.columns} columns"
        if self.ok:
            return f"{checked}, all described"
        return (
            f"{len(self.problems)} undocumented: {len(self.undocumented_nodes)} nodes, "
            f"{len(self.undocumented_columns)} columns (of {checked})"
        )


def _described(entry: dict[str, Any]) -> bool:
    return bool(str(entry.get("description") or "").strip())


def _project_nodes(manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """Every node of this project that must be described, in a stable order."""
    found = []
    for section in ("nodes", "sources", "macros", "exposures"):
        for unique_id, node in (manifest.get(section) or {}).items():
            if node.get("package_name") != PROJECT_NAME:
                continue
            if node.get("resource_type") not in DESCRIBED_RESOURCE_TYPES:
                continue
            found.append({**node, "unique_id": node.get("unique_id", unique_id)})
    return sorted(found, key=lambda node: node["unique_id"])


def _catalog_columns(catalog: dict[str, Any], node: dict[str, Any]) -> list[str] | None:
    """The database's column names for a node, or None when the catalog does not hold it."""
    section = "sources" if node["resource_type"] == "source" else "nodes"
    entry = (catalog.get(section) or {}).get(node["unique_id"])
    if entry is None:
        return None
    columns = entry.get("columns") or {}
    ordered = sorted(columns.values(), key=lambda column: column.get("index") or 0)
    return [str(column.get("name") or "") for column in ordered]


def _in_database(node: dict[str, Any]) -> bool:
    """Whether the node is a relation that catalog.json should describe."""
    if node["resource_type"] == "model":
        return (node.get("config") or {}).get("materialized") != "ephemeral"
    return node["resource_type"] in COLUMN_RESOURCE_TYPES


def check(manifest: dict[str, Any], catalog: dict[str, Any]) -> Report:
    """Check descriptions of every project node and column; see the module docstring."""
    report = Report()
    for node in _project_nodes(manifest):
        unique_id, resource_type = node["unique_id"], node["resource_type"]
        if unique_id in EXEMPT_NODES:
            continue
        report.nodes += 1
        if not _described(node):
            report.undocumented_nodes.append(f"{unique_id}: {resource_type} has no description")
        if resource_type not in COLUMN_RESOURCE_TYPES:
            continue

        declared = {name.lower(): column for name, column in (node.get("columns") or {}).items()}
        names = list(declared)
        in_catalog = _catalog_columns(catalog, node)
        if in_catalog is None and _in_database(node):
            report.undocumented_nodes.append(
                f"{unique_id}: not in catalog.json, its database columns cannot be checked "
                "(build it, then run dbt docs generate)"
            )
        for name in in_catalog or []:
            if name.lower() not in declared:
                names.append(name.lower())
                declared[name.lower()] = {"name": name, "description": "", "_undeclared": True}

        for key in names:
            if key in EXEMPT_COLUMNS:
                continue
            column = declared[key]
            report.columns += 1
            label = f"{unique_id}: column {column.get('name') or key}"
            if column.get("_undeclared"):
                report.undocumented_columns.append(f"{label}: in the database but not in YAML")
            elif not _described(column):
                report.undocumented_columns.append(f"{label}: no description")
    return report


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CoverageError(f"{path}: not found (run `dbt docs generate` first)") from None
    except (OSError, ValueError) as exc:
        raise CoverageError(f"{path}: cannot read it ({exc})") from None
    if not isinstance(data, dict):
        raise CoverageError(f"{path}: not a dbt artifact (expected a JSON object)")
    return data


def check_target(target_path: Path) -> Report:
    """Check the manifest.json and catalog.json in a dbt target folder."""
    manifest = _read_json(target_path / "manifest.json")
    catalog = _read_json(target_path / "catalog.json")
    return check(manifest, catalog)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m scripts.docs_coverage",
        description="Fail when a model, source, macro or column lacks a description.",
    )
    parser.add_argument(
        "--target-path",
        type=Path,
        default=Path(os.environ.get("DBT_TARGET_PATH", "target")),
        help="dbt target folder holding manifest.json and catalog.json (default: target)",
    )
    args = parser.parse_args(argv)
    try:
        report = check_target(args.target_path)
    except CoverageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(problem)
    print(f"[docs coverage] {report.summary()}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
