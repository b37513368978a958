"""The errors a command raises to end with one line on stderr: exit status 1, or 2 for usage."""


class CommandError(Exception):
    """A command could not do what was asked; ``str()`` says why in one line."""


class UsageError(CommandError):
    """The command line asked for something that cannot be read (a malformed query): exit 2,
    argparse's status for a bad option, so a script can tell it from "nothing found" (1)."""
