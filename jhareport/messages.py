"""Messages of a bounded size, whatever the input: a 1 MB value, a list of 10,000 names or a
flood of problems makes a message a person can read, and a terminal can show."""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["MAX_LINE", "MAX_LINES", "capped", "shortened", "shown_list"]

MAX_LINES = 100
"""The most lines an error or warning prints; the rest is counted ("… and 40 more lines")."""

_WORD = r"[^\s'\"“”]"


MAX_LINE = 2000
"""The most characters a line of a message keeps; the rest is counted."""


def shortened(text: str, longest: int = 300) -> str:
    """A message with long values cut, so that a 1 MB wrong value makes a short message: a run
    of `longest` characters or more without a space (80 for a value alone; 300 in a message,
    where paths stand) shows its first 60 and its length ('EEEE…(1,000,000 characters)'), and
    a line still longer than MAX_LINE characters ends at a word with how many more there were."""
    if len(text) <= 200:
        return text
    word = re.compile(f"{_WORD}{{{longest},}}")
    lines = []
    for line in text.split("\n"):
        line = word.sub(lambda m: f"{m.group(0)[:60]}…({len(m.group(0)):,} characters)", line)
        if len(line) > MAX_LINE:
            cut = line.rfind(" ", 0, MAX_LINE - 100)
            cut = cut if cut > 0 else MAX_LINE - 100
            line = f"{line[:cut]} … ({len(line) - cut:,} more characters)"
        lines.append(line)
    return "\n".join(lines)


def capped(message: str, max_lines: int = MAX_LINES) -> str:
    """`message` shortened, and at most `max_lines` lines of it, then how many more there are."""
    lines = shortened(message).split("\n")
    if len(lines) <= max_lines:
        return "\n".join(lines)
    return "\n".join([*lines[:max_lines], f"… and {len(lines) - max_lines:,} more lines"])


def shown_list(items: Sequence[str], limit: int = 20) -> str:
    """Items joined with commas, each shortened, the first `limit` of them and how many more."""
    shown = ", ".join(shortened(item, 80) for item in items[:limit])
    return shown + (f" … and {len(items) - limit:,} more" if len(items) > limit else "")
