"""The one Jinja environment templates are rendered in."""

from __future__ import annotations

import functools
from datetime import date

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from .filters import FILTERS

__all__ = ["template_environment"]


def template_environment(locale: str = "en", as_of: date | None = None) -> SandboxedEnvironment:
    """Sandboxed, strict about undefined names, escaping on, with every filter of `FILTERS`
    bound to the build's locale and the day whose agency names the report uses."""
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=True)
    env.filters.update({name: functools.partial(f, locale=locale, as_of=as_of)
                        for name, f in FILTERS.items()})
    return env
