"""Docs: the coverage check (on fixtures and on the real build) and the docs site in Chromium.

The browser test builds the tiny sample warehouse once per session, generates the docs into its
own target folder, opens the single-file static_index.html in headless Chromium (the Debian
package, driven by Playwright), finds the model through the docs search, opens its lineage graph
full screen and checks that every upstream node from manifest.json is drawn. How "drawn" is
checked: the graph is a cytoscape.js canvas, so node labels are not DOM text. The dbt docs app
exposes its cytoscape instance as `window.graph`; the test reads the nodes and edges that
instance holds, and requires each expected node to be visible with its rendered bounding box
inside the graph container, and each parent -> child edge to be present. A screenshot of the
graph is kept at <repo>/target/docs-lineage-<model>.png.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import in_ci
from scripts import docs_coverage, docs_site

REPO = Path(__file__).resolve().parents[2]
PROJECT = docs_coverage.PROJECT_NAME
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The analysts' views whose lineage the docs must show (vw_episodes' has a private model).
LINEAGE_MODELS = ("vw_general", "vw_episodes")
# Models whose Source tab is checked in the browser.
SOURCE_TAB_MODELS = ("vw_episodes", "dim_products")
# Node types drawn in the docs lineage graph (tests and macros are not graph nodes).
GRAPH_RESOURCE_TYPES = {"model", "seed", "snapshot", "source"}


# ---------------------------------------------------------------------------------------------
# Coverage check on hand-made manifest/catalog fixtures
# ---------------------------------------------------------------------------------------------


def _column(name: str, description: str = "described") -> dict[str, Any]:
    return {"name": name, "description": description}


def _catalog_entry(*names: str) -> dict[str, Any]:
    return {
        "columns": {
            name: {"name": name, "index": index, "type": "VARCHAR"}
            for index, name in enumerate(names, start=1)
        }
    }


def described_project() -> tuple[dict[str, Any], dict[str, Any]]:
    """A small manifest + catalog in which everything is described."""
    model = {
        "unique_id": f"model.{PROJECT}.dim_things",
        "resource_type": "model",
        "package_name": PROJECT,
        "name": "dim_things",
        "description": "One row per thing.",
        "config": {"materialized": "table"},
        "columns": {"thing_id": _column("thing_id"), "thing_name": _column("thing_name")},
    }
    seed = {
        "unique_id": f"seed.{PROJECT}.thing_codes",
        "resource_type": "seed",
        "package_name": PROJECT,
        "name": "thing_codes",
        "description": "Codes of things.",
        "config": {"materialized": "seed"},
        "columns": {"code": _column("code")},
    }
    snapshot = {
        "unique_id": f"snapshot.{PROJECT}.things_snapshot",
        "resource_type": "snapshot",
        "package_name": PROJECT,
        "name": "things_snapshot",
        "description": "History of things.",
        "config": {"materialized": "snapshot"},
        "columns": {
            name: _column(name)
            for name in ("thing_id", "dbt_scd_id", "dbt_updated_at", "dbt_valid_from")
        }
        | {"dbt_valid_to": _column("dbt_valid_to")},
    }
    ephemeral = {
        "unique_id": f"model.{PROJECT}.int_things_helper",
        "resource_type": "model",
        "package_name": PROJECT,
        "name": "int_things_helper",
        "description": "An ephemeral helper, not in the database.",
        "config": {"materialized": "ephemeral"},
        "columns": {},
    }
    test = {  # data tests need no description
        "unique_id": f"test.{PROJECT}.unique_dim_things_thing_id.abc",
        "resource_type": "test",
        "package_name": PROJECT,
        "name": "unique_dim_things_thing_id",
        "description": "",
        "columns": {},
    }
    other_package_model = {
        "unique_id": "model.other_package.undocumented",
        "resource_type": "model",
        "package_name": "other_package",
        "name": "undocumented",
        "description": "",
        "config": {"materialized": "table"},
        "columns": {"x": _column("x", "")},
    }
    source = {
        "unique_id": f"source.{PROJECT}.raw.things",
        "resource_type": "source",
        "package_name": PROJECT,
        "source_name": "raw",
        "name": "things",
        "description": "Raw things.",
        "columns": {"id": _column("id"), "name": _column("name")},
    }
    macro = {
        "unique_id": f"macro.{PROJECT}.clean_thing",
        "resource_type": "macro",
        "package_name": PROJECT,
        "name": "clean_thing",
        "description": "Cleans a thing.",
    }
    dbt_macro = {
        "unique_id": "macro.dbt.run_query",
        "resource_type": "macro",
        "package_name": "dbt",
        "name": "run_query",
        "description": "",
    }
    exposure = {
        "unique_id": f"exposure.{PROJECT}.things_dashboard",
        "resource_type": "exposure",
        "package_name": PROJECT,
        "name": "things_dashboard",
        "description": "The dashboard of things.",
    }
    nodes = [model, seed, snapshot, ephemeral, test, other_package_model]
    manifest = {
        "nodes": {node["unique_id"]: node for node in nodes},
        "sources": {source["unique_id"]: source},
        "macros": {macro["unique_id"]: macro, dbt_macro["unique_id"]: dbt_macro},
        "exposures": {exposure["unique_id"]: exposure},
    }
    catalog = {
        "nodes": {
            model["unique_id"]: _catalog_entry("THING_ID", "thing_name"),
            seed["unique_id"]: _catalog_entry("code"),
            snapshot["unique_id"]: _catalog_entry(*snapshot["columns"]),
            other_package_model["unique_id"]: _catalog_entry("x", "y"),
        },
        "sources": {source["unique_id"]: _catalog_entry("id", "name")},
    }
    return manifest, catalog


def _write_target(path: Path, manifest: dict[str, Any], catalog: dict[str, Any]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "manifest.json").write_text(json.dumps(manifest))
    (path / "catalog.json").write_text(json.dumps(catalog))
    return path


def test_coverage_passes_when_everything_is_described(tmp_path, capsys):
    manifest, catalog = described_project()
    report = docs_coverage.check(manifest, catalog)
    assert report.problems == []
    # model, seed, snapshot, ephemeral model, source, macro, exposure (not the test, not others)
    assert report.nodes == 7
    # 2 model + 1 seed + 5 snapshot + 2 source columns
    assert report.columns == 10

    exit_code = docs_coverage.main(
        ["--target-path", str(_write_target(tmp_path, manifest, catalog))]
    )
    out = capsys.readouterr().out
    assert exit_code == 0
    assert out.strip() == "[docs coverage] 7 nodes, 10 columns, all described"


def test_coverage_fails_on_a_model_without_description(tmp_path, capsys):
    manifest, catalog = described_project()
    manifest["nodes"][f"model.{PROJECT}.dim_things"]["description"] = "  \n "

    exit_code = docs_coverage.main(
        ["--target-path", str(_write_target(tmp_path, manifest, catalog))]
    )
    out = capsys.readouterr().out.splitlines()
    assert exit_code == 1
    assert f"model.{PROJECT}.dim_things: model has no description" in out
    assert out[-1].startswith("[docs coverage] 1 undocumented: 1 nodes, 0 columns")


def test_coverage_fails_on_a_database_column_missing_from_yaml(tmp_path, capsys):
    manifest, catalog = described_project()
    columns = catalog["nodes"][f"model.{PROJECT}.dim_things"]["columns"]
    columns["thing_weight"] = {"name": "thing_weight", "index": 3, "type": "DOUBLE"}

    exit_code = docs_coverage.main(
        ["--target-path", str(_write_target(tmp_path, manifest, catalog))]
    )
    out = capsys.readouterr().out.splitlines()
    assert exit_code == 1
    expected = f"model.{PROJECT}.dim_things: column thing_weight: in the database but not in YAML"
    assert expected in out
    assert len(out) == 2, out  # the problem and the summary, nothing else


def test_coverage_fails_on_a_source_column_without_description(tmp_path, capsys):
    manifest, catalog = described_project()
    manifest["sources"][f"source.{PROJECT}.raw.things"]["columns"]["name"]["description"] = ""

    exit_code = docs_coverage.main(
        ["--target-path", str(_write_target(tmp_path, manifest, catalog))]
    )
    out = capsys.readouterr().out.splitlines()
    assert exit_code == 1
    assert f"source.{PROJECT}.raw.things: column name: no description" in out


def test_coverage_requires_snapshot_meta_columns_and_macros(tmp_path):
    manifest, catalog = described_project()
    snapshot_id = f"snapshot.{PROJECT}.things_snapshot"
    del manifest["nodes"][snapshot_id]["columns"]["dbt_valid_to"]
    manifest["macros"][f"macro.{PROJECT}.clean_thing"]["description"] = ""

    report = docs_coverage.check(manifest, catalog)
    assert report.problems == [
        f"macro.{PROJECT}.clean_thing: macro has no description",
        f"{snapshot_id}: column dbt_valid_to: in the database but not in YAML",
    ]


def test_coverage_fails_on_a_model_missing_from_the_catalog():
    manifest, catalog = described_project()
    del catalog["nodes"][f"model.{PROJECT}.dim_things"]

    report = docs_coverage.check(manifest, catalog)
    assert [p.split(":")[0] for p in report.problems] == [f"model.{PROJECT}.dim_things"]
    assert "not in catalog.json" in report.problems[0]


def test_coverage_missing_artifacts_end_in_one_line(tmp_path, capsys):
    exit_code = docs_coverage.main(["--target-path", str(tmp_path / "nowhere")])
    err = capsys.readouterr().err
    assert exit_code == 2
    assert err.count("\n") == 1
    assert "manifest.json: not found" in err


def test_docs_site_errors_end_in_one_line(tmp_path, capsys):
    target = tmp_path / "target"
    missing_db = ["generate", "--db", str(tmp_path / "none.duckdb"), "--target-path", str(target)]
    assert docs_site.main(missing_db) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no warehouse to document" in err

    assert docs_site.main(["serve", "--port", "8099", "--target-path", str(target)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "generate first" in err


def test_docs_site_refuses_a_port_in_use(tmp_path, capsys):
    manifest, catalog = described_project()
    target = _write_target(tmp_path / "target", manifest, catalog)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        exit_code = docs_site.main(["serve", "--port", str(port), "--target-path", str(target)])
    err = capsys.readouterr().err
    assert exit_code == 1
    assert f"port {port} on 127.0.0.1 is in use" in err


# ---------------------------------------------------------------------------------------------
# The real project: a sample warehouse, its docs, the coverage check, Chromium
# ---------------------------------------------------------------------------------------------


def _run(args: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).splitlines()[-40:])
        pytest.fail(f"{what} failed (exit {result.returncode}):\n{tail}")


@pytest.fixture(scope="session")
def docs_target(sample_warehouse) -> Path:
    """The shared sample warehouse with its docs generated; returns the dbt target folder."""
    target = sample_warehouse.target
    docs = ["-m", "scripts.docs_site", "generate", "--db", str(sample_warehouse.db)]
    _run([*docs, "--target-path", str(target)], sample_warehouse.env, "docs generation")
    return target


@pytest.mark.slow
def test_docs_generate_writes_the_static_page(docs_target):
    static = docs_target / "static_index.html"
    assert static.stat().st_size > 100_000
    text = static.read_text(encoding="utf-8")
    # the single-file page carries the manifest and the catalog of this project
    assert f'"model.{PROJECT}.' in text
    catalog = json.loads((docs_target / "catalog.json").read_text())
    assert catalog["nodes"], "catalog.json lists no relations: was the warehouse built?"


@pytest.mark.slow
def test_real_project_is_fully_documented(docs_target, capsys):
    exit_code = docs_coverage.main(["--target-path", str(docs_target)])
    out = capsys.readouterr().out
    assert exit_code == 0, f"undocumented nodes or columns:\n{out}"


def upstream_nodes(manifest: dict[str, Any], unique_id: str) -> dict[str, str]:
    """Every ancestor of a node drawn in the lineage graph, as unique_id -> graph label."""
    found: dict[str, str] = {}
    pending = list(manifest["parent_map"].get(unique_id, []))
    while pending:
        parent = pending.pop()
        if parent in found:
            continue
        node = manifest["nodes"].get(parent) or manifest["sources"].get(parent)
        if node is None or node["resource_type"] not in GRAPH_RESOURCE_TYPES:
            continue
        if node["resource_type"] == "source":
            found[parent] = f"{node['source_name']}.{node['name']}"
        else:
            found[parent] = node["name"]
        pending.extend(manifest["parent_map"].get(parent, []))
    return found


@pytest.fixture(scope="module")
def chromium_page(tmp_path_factory):
    """A page in a headless Chromium with a fresh profile; skipped without Chromium off CI."""
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not installed (Debian packages chromium and chromium-driver)"
        if in_ci():
            pytest.fail(f"{reason}: required in CI (.ci/run installs it)")
        pytest.skip(f"{reason}; the browser test runs in CI")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        # launch() refuses --user-data-dir; a persistent context takes the fresh folder instead.
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_FLAGS,
            viewport={"width": 1600, "height": 1000},
        )
        try:
            page = context.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            context.close()


# Read what the cytoscape instance of the dbt docs app (window.graph) holds and where it drew it.
GRAPH_STATE_JS = """
() => {
    const cy = window.graph;
    if (!cy) { return null; }
    const box = cy.container().getBoundingClientRect();
    const service = angular.element(document.body).injector().get('graph');
    return {
        orientation: service.orientation,
        container: {width: box.width, height: box.height},
        nodes: cy.nodes().map(node => {
            const bb = node.renderedBoundingBox();
            return {
                id: node.id(),
                label: node.data('label'),
                visible: node.visible(),
                color: node.style('background-color'),
                opacity: node.style('background-opacity'),
                inside: bb.x1 >= 0 && bb.y1 >= 0 && bb.x2 <= box.width && bb.y2 <= box.height,
            };
        }),
        edges: cy.edges().filter(edge => edge.visible())
            .map(edge => [edge.source().id(), edge.target().id()]),
    };
}
"""


@pytest.mark.slow
@pytest.mark.parametrize("model_name", LINEAGE_MODELS)
def test_lineage_graph_in_chromium(docs_target, chromium_page, model_name):
    manifest = json.loads((docs_target / "manifest.json").read_text())
    unique_id = f"model.{PROJECT}.{model_name}"
    assert unique_id in manifest["nodes"], f"{model_name} is not a model of the project"
    expected = upstream_nodes(manifest, unique_id)
    assert expected, f"{model_name} has no upstream nodes in manifest.json"
    parents = set(manifest["parent_map"][unique_id]) & set(expected)

    page = chromium_page
    page.goto((docs_target / "static_index.html").as_uri())
    # find the model through the docs search box, and open its page
    page.get_by_placeholder("Search for models...").fill(model_name)
    page.locator(f'.search-result[href$="/{unique_id}"]').first.click()
    page.wait_for_url(f"**/model/{unique_id}*")
    page.locator(".app-title h1", has_text=model_name).first.wait_for()

    # the lineage button at the bottom right opens the graph; "View Fullscreen" shows all of it
    page.locator(".launcher-btn a[title='View Lineage Graph']").click()
    page.locator("[title='View Fullscreen']:visible").first.click()
    page.wait_for_function(
        """(uid) => window.graph && window.graph.getElementById(uid).length === 1
            && angular.element(document.body).injector().get('graph').orientation
                === 'fullscreen'""",
        arg=unique_id,
    )
    page.mouse.move(5, 5)  # no tooltip over the graph
    page.wait_for_timeout(1000)  # the layout animates the fit

    screenshot = REPO / "target" / f"docs-lineage-{model_name}.png"
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot))

    state = page.evaluate(GRAPH_STATE_JS)
    assert state is not None, "the docs page has no cytoscape graph (window.graph)"
    assert state["orientation"] == "fullscreen"
    assert state["container"]["width"] > 500 and state["container"]["height"] > 300
    drawn = {node["id"]: node for node in state["nodes"]}
    for node_id, label in {unique_id: model_name, **expected}.items():
        node = drawn.get(node_id)
        assert node is not None, f"{node_id} missing from the lineage graph of {model_name}"
        assert node["label"] == label, node
        assert node["visible"] and node["inside"], f"{node_id} is not drawn on screen: {node}"
    edges = {tuple(edge) for edge in state["edges"]}
    for parent in parents:
        assert (parent, unique_id) in edges, f"no edge {parent} -> {unique_id} in the graph"
    assert screenshot.stat().st_size > 10_000

    # Each layer in its colour, as the docs overview's legend says; private models (the
    # intermediate layer) are drawn with a pale fill and a border in that colour.
    coloured = 0
    for node_id in expected:
        node = manifest["nodes"].get(node_id)
        if node is None or not node["config"].get("docs", {}).get("node_color"):
            continue
        drawn_node = drawn[node_id]
        assert drawn_node["color"] == node["config"]["docs"]["node_color"], drawn_node
        private = node.get("access") == "private"
        assert float(drawn_node["opacity"]) == (0.2 if private else 1.0), drawn_node
        coloured += 1
    assert coloured >= 3, "no upstream model of the page was checked for its colour"


def legend_private_note() -> str:
    overview = (REPO / "docs" / "overview.md").read_text()
    return overview[overview.index("Lineage colours") :].split("\n\n")[0]


def test_the_docs_legend_explains_the_outlined_nodes() -> None:
    legend = legend_private_note()
    assert "intermediate orange" in legend and "private" in legend and "outlined" in legend


# Every string token the docs' highlighter (Prism) makes of a text, as the page would show it.
STRING_TOKENS_JS = """
(text) => {
    const box = document.createElement('pre');
    box.innerHTML = window.Prism.highlight(text, window.Prism.languages.sql, 'sql');
    return Array.from(box.querySelectorAll('.token.string')).map(token => token.textContent);
}
"""


def _open_model_page(page, docs_target: Path, name: str) -> None:
    page.goto((docs_target / "static_index.html").as_uri() + f"#!/model/model.{PROJECT}.{name}")
    page.locator(".app-title h1", has_text=name).first.wait_for()


@pytest.mark.slow
@pytest.mark.parametrize("model_name", SOURCE_TAB_MODELS)
def test_source_tab_shows_the_model_sql(docs_target, chromium_page, model_name):
    manifest = json.loads((docs_target / "manifest.json").read_text())
    raw_code = manifest["nodes"][f"model.{PROJECT}.{model_name}"]["raw_code"]
    # a page of its own: the lineage tests leave the shared one in the fullscreen graph
    page = chromium_page.context.new_page()
    _open_model_page(page, docs_target, model_name)
    # the code section's own tab (the macro named `source` in the sidebar says Source too)
    page.locator("a[ng-click='setSelected(version_name)']", has_text="Source").first.click()
    code = page.locator("pre.language-sql").first
    code.locator(".token").first.wait_for()
    assert code.inner_text().strip() == raw_code.strip()
    # highlighted as SQL: no quoted string runs over a line break (an apostrophe in a Jinja
    # comment once turned the first lines of vw_episodes into one long string)
    strings = code.evaluate(
        "pre => Array.from(pre.querySelectorAll('.token.string')).map(t => t.textContent)"
    )
    assert [text for text in strings if "\n" in text] == []
    page.close()


@pytest.mark.slow
def test_no_model_source_is_highlighted_as_a_string_across_lines(docs_target, chromium_page):
    manifest = json.loads((docs_target / "manifest.json").read_text())
    page = chromium_page
    _open_model_page(page, docs_target, "vw_general")
    # the check finds the fault it is there for
    broken = "{#- A view\n    for analysts' use -#}\n{{ config(materialized='view') }}\nselect 1"
    assert any("\n" in text for text in page.evaluate(STRING_TOKENS_JS, broken))
    sources = {
        node["original_file_path"]: node["raw_code"]
        for node in manifest["nodes"].values()
        if node["resource_type"] in {"model", "snapshot", "test"}
        and node["package_name"] == PROJECT
    }
    macros = [macro for macro in manifest["macros"].values() if macro["package_name"] == PROJECT]
    for macro in macros:
        sources[f"{macro['original_file_path']} ({macro['name']})"] = macro["macro_sql"]
    assert len(sources) > 100
    garbled = [
        path
        for path, code in sorted(sources.items())
        if any("\n" in text for text in page.evaluate(STRING_TOKENS_JS, code))
    ]
    assert garbled == [], "\n".join(garbled)


@pytest.mark.slow
def test_star_schema_diagrams_match_the_project(docs_target):
    """The committed diagrams are what the manifest's relationships tests draw."""
    from scripts import diagrams

    out = REPO / "docs" / "assets"
    assert diagrams.main(["--target-path", str(docs_target), "--out", str(out), "--check"]) == 0


def test_star_schema_diagram_draws_every_relationship() -> None:
    from scripts import diagrams

    def model(name: str, domain: str) -> dict[str, Any]:
        return {
            "resource_type": "model",
            "package_name": PROJECT,
            "name": name,
            "fqn": [PROJECT, "marts", domain, name],
        }

    manifest: dict[str, Any] = {
        "nodes": {
            "model.warehouse.fct_a": model("fct_a", "sales"),
            "model.warehouse.dim_b": model("dim_b", "sales"),
            "model.warehouse.dim_c": model("dim_c", "sales"),
            "test.warehouse.rel": {
                "resource_type": "test",
                "test_metadata": {"name": "relationships"},
                "attached_node": "model.warehouse.fct_a",
                "column_name": "b_id",
                "depends_on": {"nodes": ["model.warehouse.dim_b", "model.warehouse.fct_a"]},
            },
        }
    }
    star = diagrams.stars_from_manifest(manifest)["sales"]
    assert star.facts == ["fct_a"] and star.dims == ["dim_b", "dim_c"]
    assert star.edges == {("fct_a", "dim_b", "b_id")}
    svg = diagrams.render_svg(star)
    assert svg.count("<line ") == 1 and ">b_id<" in svg and ">dim_c<" in svg


def test_owners_are_named_without_placeholder_addresses() -> None:
    placeholders = [
        str(path.relative_to(REPO))
        for path in sorted((REPO / "models").rglob("*.yml"))
        if "@example." in path.read_text()
    ]
    assert placeholders == []
