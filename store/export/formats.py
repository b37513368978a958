"""The export formats, as data, so the command line and the app's dialog offer the same list.

Adding a format is adding one :class:`Exporter` to :data:`FORMATS`; its key is what
``claimdesk export --format`` takes. Renderers are named, not imported: the command line's
``--help`` and the app's first frame read this list, and should not wait for every renderer.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.export.bundle import ExportBundle


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format: its key, a label for people, the file extension and the renderer.

    Every renderer returns text (CSV's includes its BOM); writers encode it as UTF-8.
    """

    name: str
    label: str
    extension: str
    renderer: str
    """``module:function`` of the renderer, imported on first use."""
    claims_only: bool = False

    def render(self, bundle: ExportBundle) -> str:
        """The bundle as this format's text."""
        module, function = self.renderer.split(":")
        text: str = getattr(importlib.import_module(module), function)(bundle)
        return text


FORMATS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter("md", "Markdown brief", "md", "store.export.markdown:export_markdown"),
        Exporter("csv", "CSV for spreadsheets", "csv", "store.export.csv_export:export_csv"),
        Exporter("json", "JSON array", "json", "store.export.json_export:export_json"),
        Exporter("jsonl", "JSON Lines", "jsonl", "store.export.json_export:export_jsonl"),
        Exporter(
            "claimreview",
            "ClaimReview JSON-LD (claims only)",
            "jsonld",
            "store.export.claimreview:export_claimreview",
            claims_only=True,
        ),
    )
}
