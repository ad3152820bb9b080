"""Schemas shared by every API router."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, get_args

from ninja import Schema
from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, field_validator

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD (or a date): pydantic would also read 0 or "0" as a Unix time."""
    if isinstance(value, dt.date) or (isinstance(value, str) and _ISO_DATE.match(value)):
        return value
    raise ValueError("must be a date like 2026-12-03")


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]


class InvalidParamOut(Schema):
    name: str
    reason: str
    code: str


class Problem(Schema):
    """An RFC 9457 problem document (`application/problem+json`)."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    invalidParams: list[InvalidParamOut] | None = None


class InputSchema(BaseModel):
    """Base of every request body. A plain pydantic model, not a Ninja `Schema`: Ninja's
    schemas read attributes from any object (for ORM output), which would accept a JSON
    list or string as an empty body. Unknown fields are refused, so a typo is an error.
    true/false is only a yes/no: it is not a number, and `0` or `"no"` is not `false`
    (pydantic's lax mode would convert both ways)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _booleans_are_only_booleans(cls, value: Any, info: ValidationInfo) -> Any:
        field = cls.model_fields.get(info.field_name or "")
        if field is None or value is None:
            return value
        if isinstance(value, str) and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        wants_bool = _mentions_bool(field.annotation)
        if isinstance(value, list) and not wants_bool:
            # The same rules for the items of a list: [false] is not a list of numbers.
            for item in value:
                if isinstance(item, bool):
                    raise ValueError("true or false is not a valid value here")
                if isinstance(item, str) and "\x00" in item:
                    raise ValueError("must not contain NUL characters")
        if isinstance(value, bool) and not wants_bool:
            raise ValueError("true or false is not a valid value here")
        if wants_bool and not isinstance(value, bool) and not _mentions_other(field.annotation):
            raise ValueError("must be true or false")
        return value


def _mentions_bool(annotation) -> bool:
    return annotation is bool or any(_mentions_bool(a) for a in get_args(annotation))


def _mentions_other(annotation) -> bool:
    args = [a for a in get_args(annotation) if a is not type(None)]
    return bool(args) and any(a is not bool and not _mentions_bool(a) for a in args)
