"""Fuzzy search across articles, claims and comments (no Textual here).

- :mod:`store.search.query`: the query language (``QUERY_HELP``, ``parse_query``, ``QueryError``)
- :mod:`store.search.engine`: ``SearchEngine(store).search(query)`` -> ranked ``SearchHit`` list;
  ``search_result(query)`` -> :class:`store.search.result.SearchResult` (hits, state, the
  words left out because nothing matches them)
- :mod:`store.search.candidates`: the ``CandidateSource`` protocol a backend implements
- :mod:`store.search.sqlite_source`: that protocol over SQLite FTS5 (:mod:`store.search.index`)
- :mod:`store.search.vocabulary`: the word list behind typo tolerance

This package imports nothing heavy at its top, because the store's write path imports
:mod:`store.search.index` and :mod:`store.search.vocabulary`.
"""
