"""Work split over both cores: a function run over a few items in forked worker processes.

The build is Python from end to end, so threads would take turns on one core. Forked workers start
with everything the parent holds (the dataset, the model, imported modules, jieba's dictionary)
without pickling it: what they need is handed to each worker's function as `state`, inherited by the
fork, and only each item and its result travel between processes. The module keeps no state.

The first failure ends the run: every other worker is killed and waited for before the error is
raised, so no worker goes on writing into a folder the next build empties, and the error is the
failing worker's own, with the worker's traceback attached as its cause.
"""
from __future__ import annotations

import gc
import multiprocessing
import traceback
from multiprocessing.connection import wait
from typing import Callable, Iterable, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class WorkerDied(RuntimeError):
    """A worker process ended without a result: killed (out of memory) or crashed in C code."""


class RemoteTraceback(Exception):
    """The traceback of an error raised in a worker, shown as the cause of the error raised here."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def __str__(self) -> str:
        return f"\n\nin the worker:\n{self.text}"


def map_forked(function: Callable[[T, dict], R], items: Iterable[T], **state) -> list[R]:
    """[function(item, state) for item in items], each item in a worker of its own, forked from this
    process as it is now (so no item sees what another left behind). The build runs where processes
    fork (Linux, macOS; the Makefile, git and /proc are assumed too)."""
    items = list(items)
    if len(items) < 2:
        return [function(item, state) for item in items]
    # one process per item, by hand: multiprocessing.Pool waits forever for a worker that was killed
    # (CPython bpo-22393), and an executor may hand two items to one process
    context = multiprocessing.get_context("fork")
    # what the parent holds is moved out of the collector's reach before forking: a collection in a
    # worker would otherwise write to every object it visits, copying the parent's pages into it
    gc.freeze()
    workers = []
    for item in items:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_run, args=(function, item, state, send), daemon=True)
        process.start()
        send.close()
        workers.append((process, receive))
    results: dict[int, R] = {}
    try:
        waiting = {receive: index for index, (_, receive) in enumerate(workers)}
        while waiting:
            for receive in wait(list(waiting)):   # whichever worker finishes or dies first
                index = waiting.pop(receive)
                process = workers[index][0]
                try:
                    ok, value, remote = receive.recv()
                except EOFError:   # the pipe closed with no result: the worker died
                    process.join()
                    raise WorkerDied(f"a build worker died without finishing (exit code {process.exitcode}: out of "
                                     "memory, or a crash in a C extension)") from None
                if not ok:
                    raise value from RemoteTraceback(remote)
                results[index] = value
    finally:
        for process, receive in workers:   # on success they have ended; on a failure, end the rest now
            if process.is_alive():
                process.kill()
            process.join()
            receive.close()
        gc.unfreeze()
    return [results[index] for index in range(len(items))]


def _run(function, item, state, send) -> None:
    try:
        send.send((True, function(item, state), ""))
    except BaseException as err:   # raised again in the parent, with this worker's traceback
        remote = traceback.format_exc()
        try:
            send.send((False, err, remote))
        except Exception:   # an error that cannot be pickled still reaches the parent as text
            send.send((False, RuntimeError(f"{type(err).__name__}: {err}"), remote))
    finally:
        send.close()
