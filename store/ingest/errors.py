"""The one error an importer raises for a document it cannot read."""


class ImportFailure(Exception):
    """A document could not be imported; ``str()`` is a one-line reason without the file name.

    The caller names the file, so reasons read like "empty file" or "not UTF-8 text".
    """
