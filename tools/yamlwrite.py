"""Write records as the data files are written by hand: lists indented under their key, keys in
the order given, Unicode as it is, one line per value. Used by the tools that draft data."""
from __future__ import annotations

import yaml


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def dump_records(records: list) -> str:
    return yaml.dump(records, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
