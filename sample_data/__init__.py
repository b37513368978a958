"""The sample corpus, shipped as package data so an installed claimdesk can open it.

Use :func:`sample_dir` rather than a path relative to the repository: it works from a checkout,
an editable install and a wheel alike.
"""

from importlib.resources import files
from pathlib import Path


def sample_dir() -> Path:
    """Return the folder holding the sample documents."""
    return Path(str(files(__name__)))
