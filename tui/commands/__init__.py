"""What each ``claimdesk`` sub-command does, one module per command family.

Printing lives here; logic lives in :mod:`store`. :mod:`tui.cli` parses the arguments and
imports the one module the chosen command needs: this package imports none of them, so that
``claimdesk refresh`` does not pay for the export, search and app modules it never runs (nor
does each worker of the ``claimdesk`` script, which imports :mod:`tui.cli` again).
"""
