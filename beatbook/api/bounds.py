"""Bounded input types for the API's schemas, the counterparts of beatbook.web.forms.BoundedForm
(issue 11 item 6): text within its column and free of NUL characters, dates and times within the
plausible window, codes shaped as codes. A value outside them is answered 400 with what to fix
(the ValidationError handler in beatbook/api/api.py)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from beatbook.web.forms import EARLIEST_DATE, INTEGER_LIMIT, TEXT_LIMIT, latest_date


def _no_nul(text: str) -> str:
    if "\x00" in text:
        raise ValueError("must not contain NUL characters")
    return text


def _in_window(value: date | datetime) -> date | datetime:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST_DATE <= day <= latest_date():
        raise ValueError(f"must be between {EARLIEST_DATE.isoformat()} and {latest_date().isoformat()}")
    return value


def Text(max_length: int = TEXT_LIMIT) -> type[str]:  # noqa: N802 - a type factory, used as a type
    """A string of at most `max_length` characters with no NUL."""
    return Annotated[str, StringConstraints(max_length=max_length), AfterValidator(_no_nul)]


Day = Annotated[date, AfterValidator(_in_window)]
Moment = Annotated[datetime, AfterValidator(_in_window)]
Code = Annotated[str, StringConstraints(pattern=r"^[-A-Za-z0-9_]{1,50}$")]
Count = Annotated[int, Field(ge=0, le=INTEGER_LIMIT)]
