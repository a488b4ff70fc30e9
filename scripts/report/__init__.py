"""The analysts' static HTML report, built from the published warehouse's marts.

    python -m scripts.report [--db warehouse.duckdb] [--out target/report/index.html]

Opens the warehouse READ-ONLY, queries schema `marts` only, and writes one self-contained HTML
file: charts are PNGs rendered by matplotlib (Agg backend, offline) and embedded as base64
`data:` URIs, tables are plain HTML, the CSS is inline, and there is no script that runs. Every
figure's numbers are also embedded as JSON in `<script type="application/json"
id="report-data">` (data, not code) so tests and tools can read them back.

The headline figures of the sales dashboard (revenue, orders, units, days with sales, revenue
per selling day, average order value) come from the semantic layer's metrics through MetricFlow
(scripts/semantic_layer.py), so the report and `mf query` cannot disagree.

Sections: the daily sales dashboard, revenue by product line and month, the five sales
questions, IMDB rating distribution by genre and decade, and the episodes per season of the
most-rated series.

Modules: `queries` (the SQL against the marts and the headline metrics), `charts` (matplotlib),
`formatting` (number and text formats, table columns), `render` (the template's context and
Jinja2), `cli` (the command line), `errors` (ReportError). The page itself is
`templates/report.html.j2`, its style `templates/report.css`, inlined so the page stays one
file.

Errors a user can cause (no warehouse, a mart missing, a locked or corrupt file) end in one line
`error: ...` and exit code 1.
"""

from scripts.report.cli import build_report, main
from scripts.report.errors import ReportError
from scripts.report.render import render_html

__all__ = ["ReportError", "build_report", "main", "render_html"]
