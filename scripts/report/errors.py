"""The report's one error type: a problem the user can fix, shown as one line."""

from __future__ import annotations


class ReportError(Exception):
    """A problem the user can fix (no warehouse, a mart missing). The message is one line."""
