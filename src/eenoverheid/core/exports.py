"""Helpers for files people download and open elsewhere."""


def spreadsheet_safe(text: str) -> str:
    """A CSV cell that a spreadsheet would read as a formula (=, +, -, @) is made plain
    text with a leading apostrophe (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
