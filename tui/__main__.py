"""``python -m tui`` runs the command line, like the ``claimdesk`` script."""

from tui.cli import main

raise SystemExit(main())
