"""Importers: one module per input format, each turning text into :class:`DocumentDraft` s.

:mod:`store.ingest.reading` reads files safely (size, binary data, encodings) and
:mod:`store.ingest.formats` tells which importer a file needs; the pipeline that ties them to
claim extraction and the store is :mod:`store.importer`.
"""
