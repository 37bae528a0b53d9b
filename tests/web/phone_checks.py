"""Checks run inside a page a phone is showing: axe-core (light and dark), and the layout at
320 px wide and at 200% zoom (nothing wider than the screen, touch targets at least 44×44 px).

Only on pages with scripts on: axe and the layout probe run as scripts in the page. The HTML is
the same with scripts off (the one script only follows the stage).
"""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

PHONE_WIDTH, PHONE_HEIGHT = 360, 740
NARROW = (320, 740)  # the narrowest phones in use
# 200% zoom on a 360×740 phone lays the page out in 180×370 CSS pixels: what a person who zooms
# in sees. (Pinch-zoom only magnifies; browser zoom, as here, makes the page reflow.)
ZOOMED = (180, 370)
SMALLEST_TARGET = 44  # CSS px: WCAG 2.5.5 (enhanced), Apple's and Android's own guidance

_axe = Axe()
# Every rule axe runs by default (WCAG 2.0–2.2 A and AA, and best practice), and the AAA contrast
# rule too: the pages promise high contrast, so 7:1 for text (4.5:1 for large text).
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"color-contrast-enhanced": {"enabled": True}}}
CONTRAST_ONLY = {"resultTypes": ["violations"], "runOnly": ["color-contrast", "color-contrast-enhanced"]}

# What a finger must be able to hit: buttons, links, text boxes, and the labels of radio buttons
# and tick boxes (the label is what a person presses; the score circles are labels too).
LAYOUT_PROBE = """(smallest) => {
  const doc = document.documentElement;
  const problems = [];
  const shown = (el) => {
    if (el.closest('.visually-hidden, [hidden]')) return false;
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  };
  const describe = (el) => {
    const words = (el.innerText || el.value || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    const id = el.id ? ` id=${el.id}` : '', kind = el.className ? ` class=${el.className}` : '';
    return `<${el.tagName.toLowerCase()}${id}${kind}> "${words}"`;
  };
  if (doc.scrollWidth > doc.clientWidth) {
    problems.push(`the page is ${doc.scrollWidth}px wide on a ${doc.clientWidth}px screen (it scrolls sideways)`);
  }
  for (const el of document.body.querySelectorAll('*')) {
    if (!shown(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.right > doc.clientWidth + 0.5 || box.left < -0.5) {
      const from = Math.round(box.left), to = Math.round(box.right);
      problems.push(`${describe(el)} reaches past the edge of the screen (${from} to ${to}px)`);
    }
  }
  const targets = document.querySelectorAll(
    'button, a[href], input[type=text], textarea, label:has(> input[type=radio]), label:has(> input[type=checkbox]), '
    + 'input[type=radio] + label, input[type=checkbox] + label, input[type=radio], input[type=checkbox]');
  for (const el of targets) {
    if (!shown(el)) continue;
    // A radio button or tick box counts through its label, which is pressed with it.
    let box = el.getBoundingClientRect();
    if (el.matches('input[type=radio], input[type=checkbox]')) {
      const label = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`));
      if (!label) { problems.push(`${describe(el)} has no label to press`); continue; }
      const around = label.getBoundingClientRect();
      const left = Math.min(box.left, around.left), right = Math.max(box.right, around.right);
      const top = Math.min(box.top, around.top), bottom = Math.max(box.bottom, around.bottom);
      box = { width: right - left, height: bottom - top };
    }
    if (box.width < smallest - 0.5 || box.height < smallest - 0.5) {
      problems.push(`${describe(el)} is only ${Math.round(box.width)}x${Math.round(box.height)}px to press`);
    }
  }
  return problems;
}"""


def axe_report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']} [{violation['helpUrl']}]")
        for node in violation["nodes"]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def axe_problems(page, options: dict) -> list[dict]:
    return _axe.run(page, options=options).response["violations"]


def check_page(page, what: str) -> None:
    """axe finds nothing (light, then contrast in dark), and the page fits at 320 px and at 200% zoom."""
    problems: list[str] = []
    found = axe_problems(page, AXE_OPTIONS)
    if found:
        problems.append(f"axe, light: {len(found)} kinds of problem\n{axe_report(found)}")
    page.emulate_media(color_scheme="dark")
    try:
        found = axe_problems(page, CONTRAST_ONLY)
        if found:
            problems.append(f"axe, dark: {len(found)} kinds of problem\n{axe_report(found)}")
    finally:
        page.emulate_media(color_scheme="light")
    for width, height in [(PHONE_WIDTH, PHONE_HEIGHT), NARROW, ZOOMED]:
        page.set_viewport_size({"width": width, "height": height})
        for problem in page.evaluate(LAYOUT_PROBE, SMALLEST_TARGET):
            problems.append(f"at {width}x{height}: {problem}")
    page.set_viewport_size({"width": PHONE_WIDTH, "height": PHONE_HEIGHT})
    assert not problems, f"The {what} page ({page.url}) has problems:\n" + "\n".join(problems)
