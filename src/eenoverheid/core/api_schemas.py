"""Schemas shared by every API router."""

from __future__ import annotations

from ninja import Schema
from pydantic import BaseModel, ConfigDict


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
    list or string as an empty body. Unknown fields are refused, so a typo is an error."""

    model_config = ConfigDict(extra="forbid")
