"""The one error an importer raises for input it cannot read.

Its message is a short, one-line reason ("no title line", "empty document") without the file
name: the caller knows which file it was reading and adds the name itself, so the same reason
reads well in the command line's report and in the interface's notification.
"""


# The name is the shared contract every importer and caller uses; "Failure" reads as the
# outcome the user sees, so ruff's Error-suffix rule is waived here.
class ImportFailure(Exception):  # noqa: N818
    """A document could not be imported; ``str(error)`` is the one-line reason."""
