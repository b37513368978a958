"""Importers, one module per input format, each turning text into a :class:`DocumentDraft`."""
