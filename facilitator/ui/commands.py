"""The command palette's commands for a screen: every action that works now, by a name a person
would type (``FacilitatorApp.get_system_commands`` adds the app's own after them).

The keys active this moment are not enough. While the cursor is in a box, Textual leaves out of
the screen's active keys every letter the box would type (with the cursor in the idea box,
"Type an idea" was not a command); and a part of the screen such as a stage panel has keys only
while the focus is inside it (after a vote's reveal, nothing was, and no stage key was a
command). So a screen's commands are, one per title, in this order:

1. the shown keys of the focused widget and the containers around it;
2. every key of the screen itself that has a label;
3. the shown keys of the parts the screen names in ``command_nodes()`` (the run screen: the
   current stage's panel), wherever the focus is;
4. the actions a node names in ``COMMAND_NAMES`` that have no key (the run screen's "Record a
   decision" works in any stage).

Cursor movement and the other unshown keys of widgets stay out. An action is offered only when
``check_action`` says it works now. Its title is the node's name for it in ``COMMAND_NAMES`` (action
name to title, or to (title, help line)), else the key's label. The help line is the key's
tooltip and the key, so the palette teaches the keys too.

Titles and help lines are our own words, never user text: the palette reads them as markup.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import partial

from textual.actions import parse
from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen


def screen_commands(screen: Screen) -> Iterable[SystemCommand]:
    """A palette command for every action of ``screen`` that works now (see the module's text)."""
    seen: set[str] = set()
    for node, binding in _bound(screen):
        target, name, parameters = _target(node, binding.action)
        if target is None or not binding.description or not _works(target, name, parameters):
            continue
        title, help_text = _named(node, name)
        title = title or binding.description
        if title in seen:
            continue
        seen.add(title)
        key = screen.app.get_key_display(binding)
        help_text = f"{help_text or binding.tooltip} ({key})" if help_text or binding.tooltip else f"Key: {key}"
        yield SystemCommand(title, help_text, partial(screen.app.run_action, binding.action, node))
    for node in _nodes(screen):
        bound = {parse(binding.action)[1] for binding in _bindings(node)}
        for name in _names_of(node):
            title, help_text = _named(node, name)
            if name in bound or title in seen or not _works(node, name, ()):
                continue
            seen.add(title)
            yield SystemCommand(title, help_text or title, partial(screen.app.run_action, name, node))


def _nodes(screen: Screen) -> list[DOMNode]:
    """The focused widget and its containers, the screen, then the screen's named parts."""
    nodes: list[DOMNode] = []
    focused = screen.focused
    for node in focused.ancestors_with_self if focused is not None else ():
        if isinstance(node, Screen):
            break
        nodes.append(node)
    nodes.append(screen)
    more = getattr(screen, "command_nodes", None)
    for node in more() if more is not None else ():
        if node not in nodes:
            nodes.append(node)
    return nodes


def _bound(screen: Screen) -> Iterator[tuple[DOMNode, Binding]]:
    for node in _nodes(screen):
        for binding in _bindings(node):
            # The screen's own keys all become commands; a widget's only its shown ones (the
            # rest are cursor movement).
            if node is screen or binding.show:
                yield node, binding


def _bindings(node: DOMNode) -> Iterator[Binding]:
    for bindings in node._bindings.key_to_bindings.values():
        yield from bindings


def _named(node: DOMNode, name: str) -> tuple[str, str]:
    """The node's palette title and help line for an action (empty when it names none)."""
    named = _names_of(node).get(name, "")
    return named if isinstance(named, tuple) else (named, "")


def _target(node: DOMNode, action: str) -> tuple[DOMNode | None, str, tuple[object, ...]]:
    """The node an action string runs on, the action's name and its parameters."""
    destination, name, parameters = parse(action)
    if destination == "app":
        node = node.app
    elif destination == "screen":
        node = node.screen
    elif destination:
        return None, name, parameters
    return node, name, parameters


def _works(node: DOMNode, name: str, parameters: tuple[object, ...]) -> bool:
    if getattr(node, f"action_{name}", None) is None:
        return False
    return node.check_action(name, parameters) is True


def _names_of(node: DOMNode) -> dict[str, str | tuple[str, str]]:
    return getattr(node, "COMMAND_NAMES", {})
