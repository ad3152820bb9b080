"""Schemas shared by every API router."""

from __future__ import annotations

from ninja import Schema


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
