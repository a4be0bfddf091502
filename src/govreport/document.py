"""Load a report from disk into a :class:`~govreport.models.Document` (placeholder: UTF-8 text only)."""
from __future__ import annotations

from pathlib import Path

from .errors import GovReportError
from .models import Document


def load(path, region=None, year=None) -> Document:
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise GovReportError(f"{path}: cannot read: {e}") from None
    return Document(name=p.name, text=text, path=str(p), encoding="utf-8", region=region, year=year)


def load_text(text: str, name: str = "<text>", region=None, year=None) -> Document:
    return Document(name=name, text=text, region=region, year=year)
