"""What the build says while it works: a line per step on stdout, a progress line on a terminal
while pages render (erased when done), and nothing but errors when quiet (`-q`)."""
from __future__ import annotations

import logging
import sys
import time


class Report:
    EVERY = 200   # pages between progress updates: cheap on large datasets, invisible on small ones

    def __init__(self, quiet: bool = False, out=None, terminal=None):
        self.quiet = quiet
        self.out = out or sys.stdout
        terminal = terminal or sys.stderr
        self.terminal = terminal if (not quiet and terminal.isatty()) else None
        self.started = time.monotonic()
        self.warnings = 0

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text, file=self.out, flush=True)

    def warn(self, text: str) -> None:
        self.warnings += 1
        self.say(f"warning: {text}")

    def progress(self, done: int, total: int, what: str) -> None:
        if self.terminal and (done % self.EVERY == 0 or done == total):
            self.terminal.write(f"\r\033[K{what}: {done}/{total}")
            if done == total:
                self.terminal.write("\r\033[K")
            self.terminal.flush()

    def seconds(self) -> float:
        return time.monotonic() - self.started


class LoggedWarnings(logging.Handler):
    """The warnings a logger (MkDocs') gives while attached, kept as their messages."""
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())
