"""Search tuned to the dataset, on top of the engine's built-in search.

- `user_dictionary` lists every name the dataset knows, so jieba keeps 綦万正高速 or 旗能二期 whole
  when it segments Chinese pages at build time.
- `keys` gives each record (its page, or its section on a shared page) a hidden `keys` field in the
  search index: its names in both languages, its aliases, every part of its Chinese names (so 万正高速
  or 页岩 finds the whole), and the other spelling of English words (aluminium / aluminum). They are
  made with a tokenizer of our own (`search_tokenizer`); the engine writes them into its index
  (scripts/engine/plugin.py), and mkdocs.yml gives the field its boost.
"""
from .keys import _converters, _to_simplified, keys, search_tokenizer, user_dictionary

__all__ = ["keys", "search_tokenizer", "user_dictionary", "warm"]


def warm() -> None:
    """Load what every record's keys use (the character converters) once, in make serve's process,
    so that each rebuild's workers, which make only the changed records' keys, start with it."""
    _converters()
    _to_simplified()
