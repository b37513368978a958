"""claimdesk's store: everything that works without a terminal.

Models, the database, import of documents, claim extraction, search and export live here; the
package never imports Textual (``tests/test_layers.py`` proves it). Importing it is cheap: no
engine, directory or network is touched until a :class:`~store.store.Store` is opened.
"""
