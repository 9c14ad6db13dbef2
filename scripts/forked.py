"""Work split over both cores: a function run over a few items in forked worker processes.

The build is Python from end to end, so threads would take turns on one core. Forked workers start
with everything the parent holds (the dataset, the model, imported modules, jieba's dictionary)
without pickling it: the parent puts what they need in `shared` just before forking, and only each
item and its result travel between processes.
"""
from __future__ import annotations

import multiprocessing
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")

shared: dict = {}   # what the workers read; set by map_forked for the time of one call


class WorkerDied(RuntimeError):
    """A worker process ended without a result: killed (out of memory) or crashed in C code."""


def map_forked(function: Callable[[T], R], items: Iterable[T], **state) -> list[R]:
    """[function(item) for item in items], each item in a worker of its own, forked from this process
    as it is now (so no item sees what another left behind). The build runs where processes fork
    (Linux, macOS; the Makefile, git and /proc are assumed too)."""
    items = list(items)
    shared.update(state)
    try:
        if len(items) < 2:
            return [function(item) for item in items]
        # one process per item, by hand: multiprocessing.Pool waits forever for a worker that was
        # killed (CPython bpo-22393), and an executor may hand two items to one process
        context = multiprocessing.get_context("fork")
        running = []
        for item in items:
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_run, args=(function, item, send), daemon=True)
            process.start()
            send.close()
            running.append((process, receive))
        results = []
        for process, receive in running:
            try:
                ok, value = receive.recv()
            except EOFError:   # the pipe closed with no result: the worker died
                process.join()
                for other, _ in running:
                    other.kill()
                raise WorkerDied(f"a build worker died without finishing (exit code {process.exitcode}: out of "
                                 "memory, or a crash in a C extension)") from None
            process.join()
            if not ok:
                raise value
            results.append(value)
        return results
    finally:
        shared.clear()


def _run(function, item, send) -> None:
    try:
        send.send((True, function(item)))
    except BaseException as err:   # raised again in the parent, as Pool did
        try:
            send.send((False, err))
        except Exception:   # an error that cannot be pickled still reaches the parent as text
            send.send((False, RuntimeError(f"{type(err).__name__}: {err}")))
    finally:
        send.close()
