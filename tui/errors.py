"""The error a command raises to end with one line on stderr and exit status 1."""


class CommandError(Exception):
    """A command could not do what was asked; ``str()`` says why in one line."""
