"""Errors a user can cause. The CLI prints them as one line, never a traceback."""


class GovReportError(Exception):
    """A problem with the user's input (a file, a path, an option), stated in one line."""
