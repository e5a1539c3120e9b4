"""Colour-blind-safe colours for the map, docks and charts.

Colours are plain ``"#rrggbb"`` strings so they can be stored, compared and
passed across layers (no Qt here); ``wargame.gui.palette`` adds the ``QColor`` helpers.

* Categories (alliances, sides, marker kinds): the Okabe–Ito palette
  (Okabe & Ito 2008, "Color Universal Design"), distinguishable under the
  common forms of colour-vision deficiency.
* Sequential scale (opinion 0..100, budget strain 0..100): viridis stops,
  perceptually uniform and readable in grey-scale print.
* Diverging scale (change around a midpoint, e.g. support vs the threshold):
  ColorBrewer PuOr (purple <-> orange), which is colour-blind safe.
"""

from __future__ import annotations

from collections.abc import Sequence

# --- Okabe–Ito categorical palette -------------------------------------------------------------
BLACK = "#000000"
ORANGE = "#e69f00"
SKY_BLUE = "#56b4e9"
BLUISH_GREEN = "#009e73"
YELLOW = "#f0e442"
BLUE = "#0072b2"
VERMILLION = "#d55e00"
REDDISH_PURPLE = "#cc79a7"

#: Category colours in the order to hand them out (black last: it is kept for text and outlines).
OKABE_ITO: tuple[str, ...] = (BLUE, ORANGE, BLUISH_GREEN, VERMILLION, SKY_BLUE, REDDISH_PURPLE, YELLOW, BLACK)

# --- Map base colours ---------------------------------------------------------------------------
SEA = "#dce8f0"
LAND = "#e9e5dc"  # a country with no data / not involved
NO_DATA = "#c8c8c8"
BORDER = "#7a7a7a"
SELECTED_BORDER = BLACK
LABEL_TEXT = "#303030"
LABEL_HALO = "#ffffff"

# --- Roles on the map (all from Okabe–Ito) ---------------------------------------------------------
ALLY = BLUE
PARTNER = SKY_BLUE
ADVERSARY = VERMILLION
ATTACK = VERMILLION
FORCE = BLUISH_GREEN
PLACE = "#505050"
SMALL_STATE = REDDISH_PURPLE

#: Default marker colour per marker kind (see ``mapview.Marker``).
MARKER_COLORS: dict[str, str] = {
    "place": PLACE,
    "state": SMALL_STATE,
    "attack": ATTACK,
    "force": FORCE,
    "control": BLACK,
}

# --- Alliances: two hue families, so that blocs read at a glance -------------------------------------
#: Treaties of the Western system: cool hues (blues, cyans, greens, violets), from Paul Tol's colour-blind-safe
#: "bright", "muted" and "light" schemes (personal.sron.nl/~pault, 2021), most distinct first.
COOL: tuple[str, ...] = (
    "#4477aa",  # blue
    "#66ccee",  # cyan
    "#228833",  # green
    "#332288",  # indigo
    "#44aa99",  # teal
    "#99ddff",  # pale blue
    "#117733",  # dark green
    "#9988dd",  # lavender
    "#bbcc33",  # pear
)
#: Treaties of the Eastern system: warm hues (reds, oranges, browns, pinks), same sources.
WARM: tuple[str, ...] = (
    "#cc3311",  # vermilion
    "#ee7733",  # orange
    "#882255",  # wine
    "#ee3377",  # magenta
    "#ddaa33",  # amber
    "#994400",  # brown
    "#ffaabb",  # pink
)
#: Treaties of neither bloc (or of both): neutral greys and sand.
NEUTRAL: tuple[str, ...] = ("#ddcc77", "#999999", "#bbbbbb", "#666666")

# --- Affiliation of forces (APP-6 / MIL-STD-2525 fill colours) -------------------------------------------
#: The standard's light fills by standard identity; the frame's shape (rectangle, diamond, square, quatrefoil)
#: carries the same meaning for readers who cannot tell the colours apart.
AFFILIATION: dict[str, str] = {
    "friend": "#80e0ff",
    "hostile": "#ff8080",
    "neutral": "#aaffaa",
    "unknown": "#ffff80",
}
#: The darker tones of the same identities, for rings and text on light ground.
AFFILIATION_DARK: dict[str, str] = {
    "friend": "#0072b2",
    "hostile": "#c0392b",
    "neutral": "#009e73",
    "unknown": "#8a7a00",
}

# --- Continuous scales --------------------------------------------------------------------------
#: viridis at nine even stops, low (dark purple) to high (yellow).
SEQUENTIAL: tuple[str, ...] = (
    "#440154",
    "#472d7b",
    "#3b528b",
    "#2c728e",
    "#21918c",
    "#28ae80",
    "#5ec962",
    "#addc30",
    "#fde725",
)
#: ColorBrewer PuOr, nine classes, orange (low) through near-white (mid) to purple (high).
DIVERGING: tuple[str, ...] = (
    "#b35806",
    "#e08214",
    "#fdb863",
    "#fee0b6",
    "#f7f7f7",
    "#d8daeb",
    "#b2abd2",
    "#8073ac",
    "#542788",
)


def parse_hex(color: str) -> tuple[int, int, int]:
    """Parse ``#rgb`` or ``#rrggbb`` into an (r, g, b) tuple; ValueError with the input otherwise."""
    text = color.strip().lower() if isinstance(color, str) else ""
    digits = text[1:] if text.startswith("#") else ""
    if len(digits) == 3:
        digits = "".join(ch * 2 for ch in digits)
    try:
        if len(digits) != 6:
            raise ValueError
        value = int(digits, 16)
    except ValueError:
        raise ValueError(f"not a hex colour (#rrggbb): {color!r}") from None
    return (value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF


def _to_hex(rgb: tuple[float, float, float]) -> str:
    """Format an (r, g, b) tuple of 0..255 floats as ``#rrggbb``."""
    r, g, b = (max(0, min(255, round(c))) for c in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def interpolate(stops: Sequence[str], t: float) -> str:
    """The colour at fraction ``t`` (clamped to 0..1) along evenly spaced ``stops``, linear in RGB."""
    if not stops:
        raise ValueError("interpolate() needs at least one colour stop")
    if len(stops) == 1:
        return _to_hex(parse_hex(stops[0]))
    t = 0.0 if t != t else max(0.0, min(1.0, float(t)))  # NaN -> low end
    position = t * (len(stops) - 1)
    index = min(int(position), len(stops) - 2)
    frac = position - index
    a, b = parse_hex(stops[index]), parse_hex(stops[index + 1])
    return _to_hex(tuple(x + (y - x) * frac for x, y in zip(a, b, strict=False)))  # type: ignore[arg-type]


def sequential(value: float, low: float = 0.0, high: float = 100.0) -> str:
    """Viridis colour for ``value`` in ``low..high`` (opinion 0..100, budget strain 0..100)."""
    if high <= low:
        raise ValueError(f"sequential(): high ({high}) must be greater than low ({low})")
    return interpolate(SEQUENTIAL, (value - low) / (high - low))


def category(index: int) -> str:
    """The ``index``-th Okabe–Ito category colour (cycles after eight)."""
    return OKABE_ITO[index % len(OKABE_ITO)]


def relative_luminance(color: str) -> float:
    """WCAG relative luminance (0 = black, 1 = white) of a hex colour."""

    def channel(c: int) -> float:
        s = c / 255.0
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = parse_hex(color)
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def text_color_for(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG contrast)."""
    lum = relative_luminance(background)
    return BLACK if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"
