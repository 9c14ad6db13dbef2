"""Search tuned to the dataset, on top of Material's built-in search.

- `user_dictionary` lists every name the dataset knows, so jieba keeps 綦万正高速 or 旗能二期 whole
  when it segments Chinese pages at build time.
- `keys` gives each record (its page, or its section on a shared page) a hidden `keys` field in the
  search index: its names in both languages, its aliases, every part of its Chinese names (so 万正高速
  or 页岩 finds the whole), and the other spelling of English words (aluminium / aluminum).
- `add_keys` writes them into the index MkDocs built; mkdocs.yml gives the field its boost.
- `mend` fixes how Material's worker splits a Chinese query before it searches (worker.py); the
  MkDocs hooks apply it.
"""
from .keys import add_keys, keys, user_dictionary
from .worker import WorkerChanged, mend

__all__ = ["add_keys", "keys", "user_dictionary", "mend", "WorkerChanged"]
