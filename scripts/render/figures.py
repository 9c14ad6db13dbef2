"""Targets beside what reports measured: how a figure is written, the rule that says whether a
target was reached, and a small chart of a series, drawn at build time as inline SVG."""
from __future__ import annotations

from html import escape

from scripts.dataset.dates import sort_key

REACHED, NOT_REACHED, NOT_MEASURED, NOT_A_NUMBER = "reached", "not-reached", "not-measured", "not-a-number"


def format_value(indicator_unit: str, value: float, lang: str) -> str:
    """A figure as each language writes it: 506.91亿元 / 50.691 billion yuan; 775,509人 / 775,509 people."""
    if indicator_unit == "yuan":
        if lang == "zh":
            return f"{_trim(value / 1e8)}亿元"
        return f"{_trim(value / 1e9)} billion yuan"
    if indicator_unit == "people":
        if lang == "zh" and value >= 10000 and value % 10000 == 0:
            return f"{_trim(value / 10000)}万人"
        return f"{int(value):,}{'人' if lang == 'zh' else ' people'}"
    if indicator_unit == "km2":
        return f"{_trim(value)}{'平方公里' if lang == 'zh' else ' km²'}"
    return f"{_trim(value)}%"


def _trim(number: float) -> str:
    return f"{number:,.4f}".rstrip("0").rstrip(".")


def outcome(target: dict, figures: list) -> tuple[str, dict | None]:
    """What the data says of a target, by the rule on the methods page:
    - not a number: the target has no indicator a report could measure;
    - not measured: no report gives a figure of its indicator for its own area (figures of another
      area are shown, never compared);
    - reached: the latest figure for its area, from a year up to its horizon (any year for a vision),
      meets the target's value; otherwise not reached, as of that figure's year.
    Returns the outcome and the figure it rests on. Nothing is summed, interpolated or estimated."""
    if "indicator" not in target or "value" not in target:
        return NOT_A_NUMBER, None
    own = [f for f in figures if f["scope"] == target["scope"]]
    if "horizon" in target:
        own = [f for f in own if f["year"] <= target["horizon"][:4]]
    if not own:
        return NOT_MEASURED, None
    latest = max(own, key=lambda f: (sort_key(f["year"]), f["id"]))
    return (REACHED if latest["value"] >= target["value"] else NOT_REACHED), latest


def chart(figures: list, target_value: float, unit: str, lang: str, title: str, desc: str, css_id: str) -> str:
    """A line of one area's figures by year, with the target as a dashed line; text at 12px or more."""
    w, h, left, right, top, bottom = 560, 220, 70, 20, 20, 36
    years = [int(f["year"]) for f in figures]
    values = [f["value"] for f in figures]
    lo, hi = 0, max(values + [target_value]) * 1.1
    y0, y1 = min(years), max(years)
    x = lambda yr: left + (w - left - right) * ((yr - y0) / (y1 - y0) if y1 > y0 else 0.5)   # noqa: E731
    y = lambda v: top + (h - top - bottom) * (1 - (v - lo) / (hi - lo))                      # noqa: E731
    parts = [f'<line class="chart-axis" x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}"/>',
             f'<line class="chart-target" x1="{left}" y1="{y(target_value):.1f}" x2="{w - right}" y2="{y(target_value):.1f}"/>',
             f'<text class="chart-label" x="{left}" y="{y(target_value) - 4:.1f}">{escape(("目标 " if lang == "zh" else "Target ") + format_value(unit, target_value, lang))}</text>']
    points = " ".join(f"{x(yr):.1f},{y(v):.1f}" for yr, v in zip(years, values, strict=True))
    parts.append(f'<polyline class="chart-line" points="{points}"/>')
    for yr, v in zip(years, values, strict=True):
        parts.append(f'<circle class="chart-point" cx="{x(yr):.1f}" cy="{y(v):.1f}" r="4"/>')
        parts.append(f'<text class="chart-label" x="{x(yr):.1f}" y="{h - bottom + 18}" text-anchor="middle">{yr}</text>')
    return (f'<svg class="chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{css_id}-t {css_id}-d" '
            f'xmlns="http://www.w3.org/2000/svg"><title id="{css_id}-t">{escape(title)}</title>'
            f'<desc id="{css_id}-d">{escape(desc)}</desc>{"".join(parts)}</svg>')
