"""Small shared helpers for dates."""
from __future__ import annotations

import datetime as _dt


def parse_date(v) -> _dt.date:
    """A YAML date, a datetime or an ISO string → date."""
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    return _dt.date.fromisoformat(str(v))
