"""The three themes the app offers, chosen for rooms and projectors rather than for looks.

- ``facilitator-high-contrast`` (the default): white and yellow on black with strong borders, the
  most readable on a washed-out projector.
- ``facilitator-colour-blind``: the Okabe–Ito palette (blue, sky blue, orange, vermillion, yellow),
  which stays distinct for the common kinds of colour blindness; it never relies on red against
  green.
- ``facilitator-light``: dark text on near-white, for bright rooms where a dark screen disappears.

Colour is never the only signal anywhere in the app: every status also has a word or a symbol.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = "facilitator-high-contrast"
COLOUR_BLIND = "facilitator-colour-blind"
LIGHT = "facilitator-light"

# What the command palette and notifications call each theme.
THEME_LABELS: dict[str, str] = {
    HIGH_CONTRAST: "high contrast",
    COLOUR_BLIND: "colour-blind safe",
    LIGHT: "light, for bright rooms",
}

THEMES: tuple[Theme, ...] = (
    Theme(
        name=HIGH_CONTRAST,
        primary="#FFFF00",
        secondary="#00FFFF",
        accent="#FFD700",
        warning="#FFD700",
        error="#FF6E6E",
        success="#7FDBFF",
        foreground="#FFFFFF",
        background="#000000",
        surface="#000000",
        panel="#1C1C1C",
        boost="#FFFFFF",
        dark=True,
        text_alpha=1.0,
        variables={
            "border": "#FFFF00",
            "border-blurred": "#FFFFFF",
            "block-cursor-foreground": "#000000",
            "block-cursor-background": "#FFFF00",
            "block-cursor-text-style": "bold",
            "block-cursor-blurred-foreground": "#000000",
            "block-cursor-blurred-background": "#BBBBBB",
            "footer-key-foreground": "#FFFF00",
            "footer-background": "#000000",
            "footer-description-foreground": "#FFFFFF",
            "input-selection-background": "#FFFF00 40%",
            "text-muted": "#DDDDDD",
            "foreground-muted": "#DDDDDD",
            "scrollbar": "#BBBBBB",
            "scrollbar-background": "#000000",
        },
    ),
    Theme(
        name=COLOUR_BLIND,
        primary="#0072B2",
        secondary="#56B4E9",
        accent="#E69F00",
        warning="#F0E442",
        error="#D55E00",
        success="#56B4E9",
        foreground="#FFFFFF",
        background="#000000",
        surface="#0A0A0A",
        panel="#1A1A1A",
        dark=True,
        text_alpha=1.0,
        variables={
            "border": "#E69F00",
            "border-blurred": "#BBBBBB",
            "block-cursor-foreground": "#FFFFFF",
            "block-cursor-background": "#0072B2",
            "block-cursor-blurred-background": "#0072B2 50%",
            "footer-key-foreground": "#E69F00",
            "footer-background": "#000000",
            "text-muted": "#DDDDDD",
        },
    ),
    Theme(
        name=LIGHT,
        primary="#0B4F9C",
        secondary="#5A2D82",
        accent="#8A4B00",
        warning="#8A4B00",
        error="#A3120A",
        success="#0B4F9C",
        foreground="#111111",
        background="#FAFAFA",
        surface="#FFFFFF",
        panel="#E6E6E6",
        dark=False,
        text_alpha=1.0,
        variables={
            "border": "#0B4F9C",
            "border-blurred": "#555555",
            "block-cursor-foreground": "#FFFFFF",
            "block-cursor-background": "#0B4F9C",
            "block-cursor-blurred-foreground": "#111111",
            "block-cursor-blurred-background": "#C9D8EC",
            "footer-key-foreground": "#0B4F9C",
            "footer-background": "#E6E6E6",
            "text-muted": "#333333",
        },
    ),
)

THEME_NAMES: tuple[str, ...] = tuple(theme.name for theme in THEMES)
DEFAULT_THEME = HIGH_CONTRAST


def next_theme(current: str) -> str:
    """The theme after ``current`` in the cycle (the default when ``current`` is not one of ours)."""
    if current not in THEME_NAMES:
        return DEFAULT_THEME
    return THEME_NAMES[(THEME_NAMES.index(current) + 1) % len(THEME_NAMES)]
