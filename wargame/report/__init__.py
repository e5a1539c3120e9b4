"""After-action report (self-contained HTML or PDF) and analyst exports of a saved game.

``write_report(game, path)`` picks the format from the extension. Charts are drawn with QPainter;
the maps are :func:`wargame.app.mapmodes.snapshot` pictures drawn by :mod:`wargame.render.map`, the
renderer of the desktop application's map, so they look the same. Only QtGui is used (a
``QGuiApplication``, offscreen without a display): ``wargame report`` runs where QtWidgets cannot load.
The text comes from :mod:`wargame.report.content` and the review read models, the same for both formats.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wargame.app import AppError
from wargame.app.files import temp_beside
from wargame.report.export import write_export

if TYPE_CHECKING:
    from wargame.app import Game

__all__ = ["FORMATS", "build_report", "write_export", "write_report"]

FORMATS = (".html", ".pdf")
ProgressFn = Callable[[int, int], None]


def _images(game: Game, plan: Any, progress: ProgressFn | None, total: int) -> dict[str, Any]:
    """Draw every figure of the plan; returns resource name → QImage."""
    from wargame.app.mapmodes import snapshot
    from wargame.app.review import series
    from wargame.render.map import render_image
    from wargame.report.charts import LineSpec, line_chart
    from wargame.report.export import forces_in_theatre

    sc = game.scenario
    out: dict[str, Any] = {}
    done = 0
    fit = forces_in_theatre(game)
    last = game.last_turn
    for fig in plan.figures:
        if fig.kind != "chart":
            continue
        lines: list[LineSpec] = []
        for s in fig.states:
            name = f"{s} {sc.states[s].name}"[:15]
            if fig.metric == "support":
                lines.append(LineSpec(name, series(game, "support", s)))
            elif fig.metric == "budget_musd":
                pts = series(game, "budget_musd", s)
                base = pts[0][1] if pts and pts[0][1] > 0 else None
                if base:
                    lines.append(LineSpec(name, [(t, 100.0 * v / base) for t, v in pts]))
            else:
                row = fit.get(s, {})
                lines.append(LineSpec(name, [(t, float(row.get(t, 0))) for t in range(last + 1)]))
        if fig.metric == "support":
            img = line_chart(fig.title, lines, y_label="support %", y_min=0, y_max=100)
        elif fig.metric == "budget_musd":
            img = line_chart(fig.title, lines, y_label="% of turn-0 reserve")
        else:
            img = line_chart(fig.title, lines, y_label="forces", y_min=0, integer_y=True, step=True)
        out[fig.name] = img
        done += 1
        if progress:
            progress(done, total)
    for fig in (f for f in plan.figures if f.kind == "map"):
        out[fig.name] = render_image(snapshot(sc, game.world_at(fig.turn), fig.attack))
        done += 1
        if progress:
            progress(done, total)
    return out


def build_report(game: Game, progress: ProgressFn | None = None) -> tuple[str, dict[str, Any]]:
    """The report's HTML (images as ``mem://NAME``) and its images (name → QImage)."""
    from wargame.report.content import plan_report, report_html

    plan = plan_report(game)
    total = len(plan.figures) + 1
    images = _images(game, plan, progress, total)
    return report_html(game, plan), images


def _png_bytes(image: Any) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def _write_html(text: str, images: dict[str, Any], path: Path) -> None:
    for name, img in images.items():
        uri = "data:image/png;base64," + base64.b64encode(_png_bytes(img)).decode("ascii")
        text = text.replace(f'src="mem://{name}"', f'src="{uri}"')
    path.write_text(text, encoding="utf-8")


def _write_pdf(text: str, images: dict[str, Any], path: Path, title: str) -> None:
    from PySide6.QtCore import QMarginsF, QUrl
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("wargame")
    doc = QTextDocument()
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.0)
    doc.setDefaultFont(font)
    for name, img in images.items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"mem://{name}"), img)
    doc.setHtml(text)
    doc.print_(writer)
    del writer


def write_report(game: Game, path: str | Path, *, progress: ProgressFn | None = None) -> Path:
    """Write the after-action report to ``path``: ``.html`` (self-contained) or ``.pdf``."""
    out = Path(path)
    ext = out.suffix.lower()
    if ext not in FORMATS:
        raise AppError(f"the report must be a .html or .pdf file, not {out.name!r}")
    if out.exists() and out.is_dir():
        raise AppError(f"{out} is a folder")
    if not out.parent.is_dir():
        raise AppError(f"the folder {out.parent} does not exist")
    from wargame.render import ensure_gui_app

    ensure_gui_app()
    text, images = build_report(game, progress)
    tmp = temp_beside(out, suffix=f".partial{ext}")  # a name no other writer uses
    try:
        if ext == ".html":
            _write_html(text, images, tmp)
        else:
            _write_pdf(text, images, tmp, f"After-action report: {game.meta.title or game.scenario.name}")
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise AppError(f"could not write {out.name}")
        os.replace(tmp, out)
    except OSError as exc:
        raise AppError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    if progress:
        progress(len(images) + 1, len(images) + 1)
    return out
