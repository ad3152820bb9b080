"""Ninja names OpenAPI components after the schema classes: two apps' classes with the
same name would silently share one component, and the document would describe one
operation's body for another's. Every schema class name must be unique."""

import importlib
import inspect
from collections import Counter
from pathlib import Path

from ninja import Schema
from pydantic import BaseModel

import eenoverheid


def test_api_schema_class_names_are_unique():
    names = Counter()
    root = Path(eenoverheid.__file__).parent
    for api in sorted(root.glob("*/api.py")):
        module = importlib.import_module(f"eenoverheid.{api.parent.name}.api")
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, (Schema, BaseModel)) and cls.__module__ == module.__name__:
                names[cls.__name__] += 1
    assert [n for n, count in names.items() if count > 1] == []
