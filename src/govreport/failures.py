"""A file that failed in a folder run: named, explained in one line, and never the end of the run.

Folder runs (``govreport extract DIR``, ``compare``, ``review``, ``eval``, :meth:`Corpus.from_dir`)
process every file. A problem with a file's contents (empty, binary, no known encoding) is the
user's to fix; any other exception is a bug in govreport, reported as an internal error with the
exception's one-line summary, so it can be reported. Either way the file is listed as failed and
the other files go on.

    >>> failure_of("a.txt", TypeError("'>' not supported between instances of 'bool' and 're.Match'")).message
    "a.txt: internal error (TypeError: '>' not supported between instances of 'bool' and 're.Match'); please report it"
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Sequence

from .document import visible_name
from .errors import GovReportError

# An exception's message can hold a whole document; the report keeps its first line, this long.
_MAX_SUMMARY = 300


@dataclass(frozen=True)
class FileFailure:
    """One file that could not be processed."""

    path: str       #: the file, printable (see :func:`govreport.document.visible_name`)
    message: str    #: one line, starting with the file
    internal: bool  #: a bug in govreport (True) or a problem with the file (False)

    def __str__(self) -> str:
        return self.message


class FailedFilesWarning(UserWarning):
    """Some files of a folder run failed; the run went on without them."""


def failure_of(path, exc: BaseException) -> FileFailure:
    """The failure ``exc`` means for ``path``: its own message for bad input, an internal error otherwise."""
    shown = visible_name(path)
    if isinstance(exc, GovReportError):
        message = visible_name(str(exc))
        if not message.startswith(shown) and shown not in message:
            message = f"{shown}: {message}"
        return FileFailure(shown, message, internal=False)
    return FileFailure(shown, internal_error_message(shown, exc), internal=True)


def raise_first(failure: FileFailure, exc: BaseException):
    """Stop a run at ``failure``: bad input re-raises as it was, a bug as a GovReportError saying so."""
    if not failure.internal:
        raise exc
    raise GovReportError(failure.message) from exc


def internal_error_message(path, exc: BaseException) -> str:
    """``<path>: internal error (TypeError: <first line>); please report it``."""
    lines = str(exc).strip().splitlines()
    summary = lines[0] if lines else ""
    if len(summary) > _MAX_SUMMARY:
        summary = summary[:_MAX_SUMMARY] + "…"
    what = f"{type(exc).__name__}: {summary}" if summary else type(exc).__name__
    return f"{visible_name(path)}: internal error ({visible_name(what)}); please report it"


def warn_failures(failures: Sequence[FileFailure], total: int, stacklevel: int = 3) -> None:
    """One warning naming how many of ``total`` files failed, and the first few."""
    if not failures:
        return
    shown = "; ".join(f.message for f in failures[:3]) + ("; …" if len(failures) > 3 else "")
    warnings.warn(f"{len(failures)} of {total} files failed and were left out: {shown}",
                  FailedFilesWarning, stacklevel=stacklevel)
