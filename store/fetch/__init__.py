"""Fetching from the web: one polite HTTP client, subscriptions, refresh, OPML.

:mod:`~store.fetch.client` does one GET; :mod:`~store.fetch.documents` turns its bytes into
drafts through the file import's format sniffing and parsers; :mod:`~store.fetch.refresh` runs
many at once into the store and reports :mod:`~store.fetch.results`;
:mod:`~store.fetch.unchanged` refreshes feeds that have nothing new without SQLAlchemy (a
SQLite store, with the stdlib driver); :mod:`~store.fetch.subscriptions` keeps the feeds a user
follows (its table's names in :mod:`~store.fetch.subscription_table`), and
:mod:`~store.fetch.opml` reads and writes lists of them.
"""
