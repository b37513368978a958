"""The export formats, as data, so the command line and the app's dialog offer the same list.

Adding a format is adding one :class:`Exporter` to :data:`FORMATS`; its key is what
``claimdesk export --format`` takes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from store.export.bundle import ExportBundle
from store.export.claimreview import export_claimreview
from store.export.csv_export import export_csv
from store.export.json_export import export_json, export_jsonl
from store.export.markdown import export_markdown


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format: its key, a label for people, the file extension and the renderer.

    Every renderer returns text (CSV's includes its BOM); writers encode it as UTF-8.
    """

    name: str
    label: str
    extension: str
    render: Callable[[ExportBundle], str]
    claims_only: bool = False


FORMATS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter("md", "Markdown brief", "md", export_markdown),
        Exporter("csv", "CSV for spreadsheets", "csv", export_csv),
        Exporter("json", "JSON array", "json", export_json),
        Exporter("jsonl", "JSON Lines", "jsonl", export_jsonl),
        Exporter("claimreview", "ClaimReview JSON-LD (claims only)", "jsonld",
                 export_claimreview, claims_only=True),
    )
}
