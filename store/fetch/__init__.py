"""Fetching from the web: one polite HTTP client, subscriptions, refresh, OPML.

:mod:`~store.fetch.client` does one GET; :mod:`~store.fetch.documents` turns its bytes into
drafts through the file import's format sniffing and parsers; :mod:`~store.fetch.refresh` runs
many at once into the store; :mod:`~store.fetch.subscriptions` keeps the feeds a user follows,
and :mod:`~store.fetch.opml` reads and writes lists of them.
"""
