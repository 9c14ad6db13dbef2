"""The pictures as the reader sees them, at desktop and phone widths in both languages: where a
picture is drawn, every label is visible (nothing opaque painted over it), whole, inside the picture,
clear of the other labels and at least 11 px on screen; where the column is too narrow for that, the
picture gives way to a list of the same links, and the list is what the reader sees."""
import pytest

# reads pages and never searches: the page fixture leaves the search index out (conftest)
pytestmark = pytest.mark.no_search

SEEN = """(frameSelector) => {
  const frame = document.querySelector(frameSelector);
  const drawing = frame.querySelector('svg.picture');
  const list = frame.querySelector('.picture-list');
  const box = drawing.getBoundingClientRect();
  const shown = el => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().width > 0;
  const out = {drawn: shown(drawing), listed: !!list && shown(list), labels: [],
               listLinks: list ? [...list.querySelectorAll('a')].map(a => a.getAttribute('href')) : [],
               drawnLinks: [...frame.querySelectorAll('svg.picture-links a')].map(a => a.getAttribute('href')),
               layerFill: getComputedStyle(frame.querySelector('.picture-links a > :not(title)')).fill,
               frameWidth: frame.getBoundingClientRect().width, widest: 0};
  for (const el of frame.querySelectorAll('*')) {
    if (shown(el)) out.widest = Math.max(out.widest, el.getBoundingClientRect().right - frame.getBoundingClientRect().left);
  }
  if (!out.drawn) return out;
  const scale = drawing.getScreenCTM().a;
  for (const label of drawing.querySelectorAll('text')) {
    const r = label.getBoundingClientRect();
    const line = (label.querySelector('tspan') || label).getBoundingClientRect();   // on a glyph row
    const x = line.left + line.width / 2, y = line.top + line.height / 2;
    const above = [];
    for (const el of document.elementsFromPoint(x, y)) {
      if (drawing.contains(el)) break;   // the drawing itself: its boxes are painted under the label
      if (el instanceof SVGElement && el.tagName !== 'svg' && el.tagName !== 'a') above.push([el.tagName, getComputedStyle(el).fill]);
    }
    out.labels.push({text: label.textContent, cls: label.getAttribute('class'), rect: [r.left, r.top, r.right, r.bottom],
      px: parseFloat(getComputedStyle(label).fontSize) * scale,
      inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
      above});
  }
  return out;
}"""

TRANSPARENT = ("transparent", "rgba(0, 0, 0, 0)", "none")


def apart(a, b) -> bool:
    ax0, ay0, ax1, ay1 = a["rect"]
    bx0, by0, bx1, by1 = b["rect"]
    return ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0


@pytest.mark.parametrize("width, scheme", [(1280, "light"), (390, "light"), (1280, "dark")])
@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("where, frame", [("", ".connections-frame"), ("", ".corridor-map-frame"),
                                          ("places/", ".corridor-map-frame"),
                                          ("areas/ecological-civilisation/", ".connections-frame")])
def test_pictures_are_read_whole_or_listed(page, served, width, scheme, prefix, where, frame):
    page.set_viewport_size({"width": width, "height": 900})
    page.emulate_media(color_scheme=scheme)   # Material follows the reader's setting on first visit
    page.goto(f"{served}/{prefix}{where}")
    page.locator(frame).scroll_into_view_if_needed()
    seen = page.evaluate(SEEN, frame)
    assert seen["drawn"] != seen["listed"], "either the picture or its list, never both or neither"
    assert seen["widest"] <= seen["frameWidth"] + 1, "nothing in the picture is wider than its column"
    # the link layer repeats the marks to be clicked, transparent over them
    assert seen["layerFill"] in TRANSPARENT
    if seen["listed"]:
        assert width == 390
        # the list links to everything the picture does (the map's per-place counts too)
        assert set(seen["listLinks"]) == set(seen["drawnLinks"])
        return
    assert width == 1280, "on a desktop the picture is drawn"
    labels = seen["labels"]
    assert labels
    for label in labels:
        assert label["inside"], label
        assert label["px"] >= 11, f"{label['text']!r} is {label['px']:.1f} px on screen"
        # anything over a label is the transparent link layer, never an opaque box
        assert all(fill in TRANSPARENT for _, fill in label["above"]), label
    names = [label for label in labels if label["cls"] in ("box-label", "place-label")]
    texts = [label["text"] for label in names]
    assert len(set(texts)) == len(texts), "labels must be distinct"
    marks = [label for label in labels if label["cls"] in ("box-label", "place-label", "count-label")]
    for i, a in enumerate(marks):
        for b in marks[i + 1:]:
            assert apart(a, b), (a["text"], b["text"])
