"""Show the world map in a real window with sample colours, markers and arrows, and save a screenshot.

Run on a virtual display to see what a person sees::

    QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1600x900x24" \\
        .venv/bin/python tools/screenshot_map.py --preset World --out docs/screenshots/map.png

The picture is taken from the screen (``QScreen.grabWindow``), not rendered offscreen.
The sample data is illustrative only; the map widget itself knows nothing about the game.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from wargame.gui import palette  # noqa: E402
from wargame.gui.mapview import Arrow, MapView, Marker  # noqa: E402

NATO = (
    "ALB BEL BGR CAN HRV CZE DNK EST FIN FRA DEU GRC HUN ISL ITA LVA LTU LUX MNE NLD MKD NOR POL PRT ROU SVK SVN "
    "ESP SWE TUR GBR USA GRL"
).split()
PARTNERS = "JPN KOR PHL TWN AUS NZL".split()
ADVERSARIES = "RUS CHN PRK BLR".split()

SAMPLE_MARKERS = [
    Marker("MLT", 35.9, 14.4, "Malta", "state", tooltip="Malta (EU member, not in NATO)"),
    Marker("SGP", 1.35, 103.82, "Singapore", "state"),
    Marker("GUM", 13.44, 144.79, "Guam", "place", tooltip="Guam (US territory): Andersen AFB"),
    Marker("USA-HI", 20.8, -156.3, "Hawaii", "place"),
    Marker("EST-NARVA", 59.38, 28.19, "Narva", "place"),
    Marker("atk-1", 59.0, 27.9, "Strike on Narva", "attack"),
    Marker("atk-2", 24.5, 118.4, "Blockade, Kinmen", "attack"),
    Marker("f-1", 54.9, 23.9, "US armoured bde", "force"),
]
SAMPLE_ARROWS = [
    Arrow("mv-1", (31.1, -97.8), (54.9, 23.9), "arrives D+12", palette.BLUE),
    Arrow("mv-2", (21.3, -157.9), (13.44, 144.79), "arrives D+4", palette.BLUE),
    Arrow("mv-3", (-12.4, 130.8), (14.6, 121.0), "arrives D+6", palette.BLUISH_GREEN),
]


def build_view(preset: str) -> MapView:
    """A map with sample alliance colours, markers, arrows and a legend."""
    view = MapView()
    colors = {iso: palette.ALLY for iso in NATO}
    colors.update({iso: palette.PARTNER for iso in PARTNERS})
    colors.update({iso: palette.ADVERSARY for iso in ADVERSARIES})
    view.set_country_colors(colors, default=palette.LAND)
    view.set_markers(SAMPLE_MARKERS)
    view.set_arrows(SAMPLE_ARROWS)
    view.set_legend(
        [
            ("NATO", palette.ALLY),
            ("US treaty partner", palette.PARTNER),
            ("Adversary", palette.ADVERSARY),
            ("Other", palette.LAND),
        ],
        "Alignment",
    )
    view.setWindowTitle(f"wargame map — {preset}")
    view.resize(1600, 900)
    view.set_preset(preset)
    return view


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description="Save a screenshot of the world map widget.")
    parser.add_argument("--preset", default="World", choices=MapView.presets())
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "screenshots" / "map.png")
    parser.add_argument("--zoom", type=float, default=1.0, help="extra zoom factor after framing the preset")
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    view = build_view(args.preset)
    view.show()
    if args.zoom != 1.0:
        view.zoom_by(args.zoom)
    result: dict[str, bool] = {}

    def capture() -> None:
        screen = view.screen()
        pixmap = screen.grabWindow(view.winId())
        if pixmap.isNull() or pixmap.width() == 0:
            pixmap = view.grab()  # platforms without screen grabbing (offscreen)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        result["ok"] = pixmap.save(str(args.out))
        view.close()
        app.quit()

    QTimer.singleShot(800, capture)
    app.exec()
    if not result.get("ok"):
        print(f"screenshot_map: error: could not save {args.out}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
