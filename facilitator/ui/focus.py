"""The focus never rests on a widget that is hidden or disabled.

Keys go to the focused widget first. If that widget is hidden (``display: none``, or inside a
container that is), every key goes somewhere nobody can see: after a vote's reveal hid the voter's
name box, ``]`` was typed into it and the footer offered the hidden box's keys. Textual lets this
happen two ways, and the app (``FacilitatorApp``) watches for both, on every screen:

- a widget hidden or disabled while it has the focus lets go of it (``Widget._on_hide``), and
  the focus goes to nothing, or to a sibling that may itself be hidden: ``focus_lost`` moves it
  to the nearest widget that is shown, in the same part of the screen;
- when a dialog or the command palette closes and nothing had the focus, Textual gives it to the
  first widget that *could* have it, shown or not (``Screen.AUTO_FOCUS`` checks ``visible``,
  never ``display``): ``keep_focus_shown`` moves it on the same way.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widget import Widget


def is_shown(widget: Widget) -> bool:
    """True if ``widget`` can take keys the person can see: on its screen, displayed (with every
    container around it), not invisible, not disabled."""
    if not widget.is_attached or not widget.focusable:
        return False
    for node in widget.ancestors_with_self:
        if isinstance(node, Screen):
            return True
        if not node.display:
            return False
    return False


def keep_focus_shown(screen: Screen, lost: Widget | None = None) -> None:
    """If the focus is on a widget that is not shown (or, after ``lost`` went, on nothing), move it
    to the first shown widget nearest to where it was: inside the closest container of ``lost``
    (or of the focused widget) that is still shown, else anywhere on the screen.

    Focus that is on nothing, and was not taken from a widget that went out of sight, is left
    alone: the screen's own keys work then, and some screens let go of the focus on purpose.
    """
    if not screen.is_attached:
        return
    focused = screen.focused
    if focused is not None and is_shown(focused):
        return
    if focused is None and (lost is None or not lost.is_attached or is_shown(lost)):
        return
    where = focused if focused is not None else lost
    chain = [widget for widget in screen.focus_chain if is_shown(widget)]
    for container in where.ancestors:
        if isinstance(container, Screen):
            break
        if not container.display:
            continue
        near = [widget for widget in chain if container in widget.ancestors]
        if near:
            screen.set_focus(near[0])
            return
    screen.set_focus(chain[0] if chain else None)


def focus_lost(screen: Screen, widget: Widget) -> None:
    """``widget`` let go of the focus: once the screen has settled, make sure the focus is on
    something shown (``keep_focus_shown``). A widget that is simply left (Tab, a click, a dialog
    opening) is still shown, and nothing changes."""
    if widget.is_attached and not is_shown(widget):
        screen.call_after_refresh(keep_focus_shown, screen, widget)
