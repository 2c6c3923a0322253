"""The advisor's own version, as installed (``importlib.metadata``)."""

from __future__ import annotations

from importlib import metadata

DISTRIBUTION = "customization-advisor"


def advisor_version() -> str:
    """The installed package's version; "unknown" when run from a tree never installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"
