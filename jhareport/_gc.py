"""The cyclic garbage collector paused while a year is loaded or built.

A large year is hundreds of thousands of records, texts and rendered pieces that all live until
the documents are written: the collector would walk them again and again (a tenth of a build's
time) to find almost no cycles. Reference counting still frees everything that is not a cycle;
the few cycles left are collected once the collector runs again.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["collector_paused"]

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(function: Callable[P, R]) -> Callable[P, R]:
    """`function`, run with the cyclic garbage collector paused (as it was afterwards)."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():  # paused already, by the caller or an outer call
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused
