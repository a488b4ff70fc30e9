"""Draw the star schemas from the dbt manifest, as SVG files for the README and the docs site.

    python -m scripts.diagrams [--target-path target] [--out docs/assets] [--check]

Facts and bridges (`fct_`, `bdg_`) stand in the middle, dimensions (`dim_`) on both sides, and a
line joins a fact to a dimension for every `relationships` test between them, labelled with the
foreign-key column. The drawing comes from the tests, so it shows what the build checks. `--check`
exits 1 when the committed files differ from what the manifest gives.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

DOMAINS = {"imdb": "IMDB star schema", "sales": "Bike sales star schema"}
BOX_W, BOX_H, ROW_H, COL_GAP, PAD = 230, 30, 46, 190, 24


@dataclass
class Star:
    domain: str
    facts: list[str] = field(default_factory=list)
    dims: list[str] = field(default_factory=list)
    edges: set[tuple[str, str, str]] = field(default_factory=set)  # fact, dim, column


def _model_name(manifest: dict, unique_id: str) -> str:
    return manifest["nodes"][unique_id]["name"]


def stars_from_manifest(manifest: dict) -> dict[str, Star]:
    stars = {domain: Star(domain) for domain in DOMAINS}
    domain_of: dict[str, str] = {}
    for node in manifest["nodes"].values():
        if node["resource_type"] != "model" or node["package_name"] != "warehouse":
            continue
        fqn = node["fqn"]
        if len(fqn) < 3 or fqn[1] != "marts" or fqn[2] not in stars:
            continue
        name = node["name"]
        domain_of[name] = fqn[2]
        if name.startswith(("fct_", "bdg_")):
            stars[fqn[2]].facts.append(name)
        elif name.startswith("dim_"):
            stars[fqn[2]].dims.append(name)
    for node in manifest["nodes"].values():
        meta = node.get("test_metadata") or {}
        if node["resource_type"] != "test" or meta.get("name") != "relationships":
            continue
        refs = [n for n in node["depends_on"]["nodes"] if n.startswith("model.")]
        attached = node.get("attached_node")
        if not attached or len(refs) != 2:
            continue
        child = _model_name(manifest, attached)
        parent = _model_name(manifest, next(r for r in refs if r != attached))
        domain = domain_of.get(child)
        if domain is None or domain_of.get(parent) != domain:
            continue
        star = stars[domain]
        if child in star.facts and parent in star.dims:
            star.edges.add((child, parent, node.get("column_name") or ""))
    for star in stars.values():
        star.facts.sort()
        star.dims.sort()
    return stars


def _place_dims(star: Star) -> tuple[list[str], list[str]]:
    """Split dimensions between the two sides, ordered by the facts they join (fewer crossings)."""
    position = {fact: i for i, fact in enumerate(star.facts)}

    def centre(dim: str) -> float:
        rows = [position[f] for f, d, _ in star.edges if d == dim]
        return sum(rows) / len(rows) if rows else len(star.facts)

    ordered = sorted(star.dims, key=lambda d: (centre(d), d))
    return ordered[0::2], ordered[1::2]


def render_svg(star: Star) -> str:
    left, right = _place_dims(star)
    rows = max(len(star.facts), len(left), len(right), 1)
    width = PAD * 2 + BOX_W * 3 + COL_GAP * 2
    height = PAD * 2 + 40 + rows * ROW_H
    xs = {"left": PAD, "mid": PAD + BOX_W + COL_GAP, "right": PAD + 2 * (BOX_W + COL_GAP)}

    def column_y(items: list[str]) -> dict[str, float]:
        offset = (rows - len(items)) * ROW_H / 2
        return {name: PAD + 40 + offset + i * ROW_H for i, name in enumerate(items)}

    boxes: dict[str, tuple[float, float]] = {}
    for name, y in column_y(star.facts).items():
        boxes[name] = (xs["mid"], y)
    for name, y in column_y(left).items():
        boxes[name] = (xs["left"], y)
    for name, y in column_y(right).items():
        boxes[name] = (xs["right"], y)

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Helvetica, Arial, sans-serif">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{PAD}" y="{PAD + 8}" font-size="18" font-weight="bold" fill="#222">'
        f"{escape(DOMAINS[star.domain])}</text>",
        f'<text x="{width - PAD}" y="{PAD + 8}" font-size="12" fill="#666" text-anchor="end">'
        "lines: relationships tests (label: foreign key)</text>",
    ]
    columns: dict[tuple[str, str], list[str]] = {}
    for fact, dim, column in sorted(star.edges):
        columns.setdefault((fact, dim), []).append(column)
    # Spread the lines leaving one side of a fact box over its height, in the order of their
    # targets, so that neither the lines nor their labels sit on top of each other.
    ports: dict[tuple[str, bool], list[tuple[str, str]]] = {}
    for fact, dim in columns:
        ports.setdefault((fact, boxes[dim][0] < boxes[fact][0]), []).append((fact, dim))
    start_y: dict[tuple[str, str], float] = {}
    for (fact, _), pairs in ports.items():
        pairs.sort(key=lambda pair: boxes[pair[1]][1])
        for i, pair in enumerate(pairs):
            start_y[pair] = boxes[fact][1] + BOX_H * (i + 1) / (len(pairs) + 1)
    for (fact, dim), names in sorted(columns.items()):
        fx, _ = boxes[fact]
        dx, dy = boxes[dim]
        to_left = dx < fx
        x1 = fx if to_left else fx + BOX_W
        x2 = dx + BOX_W if to_left else dx
        y1, y2 = start_y[(fact, dim)], dy + BOX_H / 2
        out.append(
            f'<line x1="{x1:.0f}" y1="{y1:.0f}" x2="{x2:.0f}" y2="{y2:.0f}" '
            'stroke="#9aa5b1" stroke-width="1.3"/>'
        )
        lx = x1 + (-8 if to_left else 8)
        ly = y1 - 3 if y2 <= y1 else y1 + 11  # above a rising line, below a falling one
        anchor = "end" if to_left else "start"
        out.append(
            f'<text x="{lx:.0f}" y="{ly:.0f}" font-size="10" fill="#52606d" '
            f'text-anchor="{anchor}">{escape(", ".join(names))}</text>'
        )
    for name, (x, y) in sorted(boxes.items()):
        is_fact = name in star.facts
        fill = "#2e9e5b" if is_fact else "#e8f1fb"
        stroke = "#1f6f40" if is_fact else "#5b8def"
        color = "#ffffff" if is_fact else "#1c2b3a"
        out.append(
            f'<rect x="{x}" y="{y:.0f}" width="{BOX_W}" height="{BOX_H}" rx="5" '
            f'fill="{fill}" stroke="{stroke}"/>'
        )
        out.append(
            f'<text x="{x + BOX_W / 2:.0f}" y="{y + 20:.0f}" font-size="13" fill="{color}" '
            f'text-anchor="middle">{escape(name)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.diagrams", description=__doc__)
    parser.add_argument("--target-path", type=Path, default=Path("target"))
    parser.add_argument("--out", type=Path, default=Path("docs/assets"))
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    manifest_path = args.target_path / "manifest.json"
    try:
        manifest = json.loads(manifest_path.read_text())
    except (OSError, ValueError) as exc:
        print(f"error: {manifest_path}: cannot read the manifest ({exc})", file=sys.stderr)
        return 2
    stale = []
    for domain, star in stars_from_manifest(manifest).items():
        path = args.out / f"{domain}_star_schema.svg"
        svg = render_svg(star)
        if args.check:
            if not path.exists() or path.read_text() != svg:
                stale.append(str(path))
            continue
        args.out.mkdir(parents=True, exist_ok=True)
        path.write_text(svg)
        print(f"wrote {path}: {len(star.facts)} facts, {len(star.dims)} dimensions")
    if stale:
        print(
            "error: star schema diagrams are out of date: "
            + ", ".join(stale)
            + " (run python -m scripts.diagrams after dbt parse)",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
