"""claimdesk's interface: the Textual app and the ``claimdesk`` command line.

Thin by design: every read and write goes through :class:`store.store.Store`; nothing here
builds SQL or holds a session.
"""
