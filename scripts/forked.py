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


def available() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def map_forked(function: Callable[[T], R], items: Iterable[T], **state) -> list[R]:
    """[function(item) for item in items], each item in a worker of its own, forked from this process
    as it is now (so no item sees what another left behind); in this process, one item after the
    other, where processes cannot fork (Windows)."""
    items = list(items)
    shared.update(state)
    try:
        if not available() or len(items) < 2:
            return [function(item) for item in items]
        with multiprocessing.get_context("fork").Pool(len(items), maxtasksperchild=1) as pool:
            return pool.map(function, items, chunksize=1)
    finally:
        shared.clear()


def balanced(names: list[str], weight, parts: int = 2) -> list[list[str]]:
    """names in `parts` groups of about equal weight (heaviest first, each to the lightest group)."""
    groups = [[] for _ in range(parts)]
    totals = [0] * parts
    for name in sorted(names, key=weight, reverse=True):
        lightest = totals.index(min(totals))
        groups[lightest].append(name)
        totals[lightest] += weight(name)
    return [g for g in groups if g]
