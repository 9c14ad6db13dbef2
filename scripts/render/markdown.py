"""Data text is shown as text: everything a template prints is escaped for Markdown and HTML unless
it was built here as markup (Safe). This is what keeps a `<script>` or `[link](javascript:…)` in the
YAML from ever becoming markup on the site."""
from __future__ import annotations

import functools
import re

import markdown

# the characters Python-Markdown itself can escape with a backslash, with the tables extension the
# site uses (it adds "|"); any other character after a backslash is shown with the backslash ("\~")
ESCAPED_CHARS = markdown.Markdown(extensions=["tables"]).ESCAPED_CHARS
_SPECIAL = re.compile("([" + re.escape("".join(ESCAPED_CHARS)) + "])")
_LEADING_NUMBER = re.compile(r"^(\s*\d+)\.")
_WHITESPACE = re.compile(r"\s+")
# the first character of a line that starts a block in the site's extensions, none of which
# Python-Markdown escapes: ??? (pymdownx.details), ": text" (a definition, def_list), ~~~ (superfences),
# a line of = (a heading underline); as a character reference it is the same text but starts nothing.
# Only those forms: a label such as ": " stays as it is.
_BLOCK_START = re.compile(r"^(\s*)(?:(\?)(?=\?\?)|(:)(?=\s*\S)|(~)(?=~~)|(=)(?==*\s*$))")


class Safe(str):
    """Markdown built by the renderer from escaped parts; printed as it is."""


def escape(value) -> Safe:
    if isinstance(value, Safe):
        return value
    return _escaped(str(value))


@functools.lru_cache(maxsize=65536)   # a record's name or a label is printed on many pages
def _escaped(value: str) -> Safe:
    # one line: data text never starts a block of its own; a label's edge space (": ") is kept
    text = _WHITESPACE.sub(" ", value)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    text = _LEADING_NUMBER.sub(r"\1\\.", text)
    # a template may print data text at the start of a line
    return Safe(_BLOCK_START.sub(lambda m: f"{m.group(1)}&#{ord(next(g for g in m.groups()[1:] if g))};", text))


def attribute(value) -> str:
    """Text for inside a double-quoted title, e.g. an admonition's."""
    return str(escape(value)).replace('"', "&quot;")


def finalize(value):
    if value is None:
        return ""
    return escape(value)
