"""The areas–tasks picture as the reader sees it: every label visible (nothing opaque painted over
it), whole, inside the picture and clear of the others, at desktop and phone widths."""
import pytest

LABELS_SEEN = """() => {
  const out = [];
  const frame = document.querySelector('.connections-frame');
  const box = frame.getBoundingClientRect();
  for (const label of frame.querySelectorAll('svg.picture .box-label')) {
    const r = label.getBoundingClientRect();
    const line = (label.querySelector('tspan') || label).getBoundingClientRect();   // on a glyph row
    const x = line.left + line.width / 2, y = line.top + line.height / 2;
    const drawing = label.closest('svg.picture');
    const above = [];
    for (const el of document.elementsFromPoint(x, y)) {
      if (drawing.contains(el)) break;   // the drawing itself: its boxes are painted under the label
      const style = getComputedStyle(el);
      if (el instanceof SVGElement && el.tagName !== 'svg' && el.tagName !== 'a') {
        above.push([el.tagName, style.fill]);
      }
    }
    out.push({text: label.textContent, rect: [r.left, r.top, r.right, r.bottom],
              inside: r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1,
              above});
  }
  return out;
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_connection_labels_are_visible_whole_and_apart(page, served, width, prefix):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{served}/{prefix}")
    page.locator(".connections-frame").scroll_into_view_if_needed()
    labels = page.evaluate(LABELS_SEEN)
    assert len(labels) == 10   # four areas, six tasks
    for label in labels:
        assert label["inside"], label
        # anything drawn over a label is the transparent link layer, never an opaque box
        assert all(fill in ("transparent", "rgba(0, 0, 0, 0)", "none") for _, fill in label["above"]), label
    texts = [label["text"] for label in labels]
    assert len(set(texts)) == len(texts), "labels must be distinct"
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            ax0, ay0, ax1, ay1 = a["rect"]
            bx0, by0, bx1, by1 = b["rect"]
            assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, (a["text"], b["text"])
    fill = page.evaluate("() => getComputedStyle(document.querySelector('.connections-frame .picture-links rect')).fill")
    assert fill in ("transparent", "rgba(0, 0, 0, 0)")
