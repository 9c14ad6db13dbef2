"""Write records as the data files are written by hand: lists indented under their key, keys in
the order given, Unicode as it is, one line per value; ids, sources and dates in double quotes,
and lists of ids on one line (`tasks: ["central-city", "transport-network"]`)."""
from __future__ import annotations

import yaml

QUOTED = {"id", "source", "date", "year", "project", "horizon"}
ID_LISTS = {"tasks", "areas", "places", "documents", "carries_out", "targets"}


class _Quoted(str):
    pass


class _Flow(list):
    pass


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))
_Dumper.add_representer(_Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))


def _styled(value, key=None):
    if isinstance(value, dict):
        return {k: _styled(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if key in ID_LISTS and all(isinstance(v, str) for v in value):
            return _Flow(_Quoted(v) for v in value)
        return [_styled(v) for v in value]
    if isinstance(value, str) and key in QUOTED:
        return _Quoted(value)
    return value


def dump_records(records: list) -> str:
    return yaml.dump(_styled(records), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)
