"""After-action report (self-contained HTML, PDF, or an editable Word document) and analyst exports.

``write_report(game, path)`` picks the format from the extension. The content is decided once by
:mod:`wargame.report.model`; the HTML (and the PDF's layout) comes from one Jinja2 template with
autoescaping (``templates/report.html.j2``), the Word document from the same content with python-docx
(:mod:`wargame.report.word`). Charts are drawn with QPainter; the maps are
:func:`wargame.app.mapmodes.snapshot` pictures drawn by :mod:`wargame.render.map`, the renderer of the
desktop application's map. Only QtGui is used (a ``QGuiApplication``, offscreen without a display):
``wargame report`` runs where QtWidgets cannot load.
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
    from wargame.report.model import Report

__all__ = ["FORMATS", "build_report", "render_html", "write_export", "write_report"]

FORMATS = (".html", ".pdf", ".docx")
ProgressFn = Callable[[int, int], None]

PAGE_MM = (210.0, 297.0)
"""A4."""
MARGIN_MM = 15.0
FOOTER_MM = 8.0
CONTENT_MM = PAGE_MM[0] - 2 * MARGIN_MM
"""The width text, tables, maps and charts fill (mm)."""
CSS_PX_PER_MM = 96.0 / 25.4
MAP_MM = 96.0
"""Height of a map on the page (two maps and their captions fit a page)."""
CHART_MM = 56.0
MAP_PX = (900, round(900 * MAP_MM / CONTENT_MM))
"""A map's size in logical pixels (drawn at twice that for print)."""
CHART_PX = (1400, round(1400 * CHART_MM / CONTENT_MM))


def _images(game: Game, report: Report, progress: ProgressFn | None, total: int) -> dict[str, Any]:
    """Draw every figure of the report; returns resource name → QImage."""
    from wargame.app.mapmodes import attack_box, snapshot
    from wargame.app.review import series
    from wargame.render.map import legend_size, render_report_map
    from wargame.report.charts import LineSpec, line_chart
    from wargame.report.export import forces_in_theatre

    sc = game.scenario
    out: dict[str, Any] = {}
    done = 0
    fit = forces_in_theatre(game)
    last = game.last_turn
    for fig in report.charts:
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
        w, h = CHART_PX
        if fig.metric == "support":
            img = line_chart(fig.title, lines, y_label="support %", y_min=0, y_max=100, width=w, height=h)
        elif fig.metric == "budget_musd":
            img = line_chart(fig.title, lines, y_label="% of turn-0 reserve", width=w, height=h)
        else:
            img = line_chart(fig.title, lines, y_label="forces", y_min=0, integer_y=True, step=True, width=w, height=h)
        out[fig.name] = img
        done += 1
        if progress:
            progress(done, total)
    for m in report.moments:
        world = game.world_at(m.turn)
        pic = snapshot(sc, world, m.attack, print_ready=True)
        key_w = legend_size(pic.legend, pic.legend_title).width() + 16
        aspect = max(1.0, (MAP_PX[0] - key_w) / MAP_PX[1])
        pic = snapshot(sc, world, m.attack, attack_box(sc, world, m.attack, aspect), print_ready=True)
        out[m.map.name] = render_report_map(pic, *MAP_PX)
        done += 1
        if progress:
            progress(done, total)
    return out


def render_html(report: Report, *, qt: bool, src: Callable[[str], str]) -> str:
    """The report as HTML from the Jinja2 template (autoescaped): ``qt`` for the PDF's QTextDocument subset,
    else the self-contained web page; ``src`` gives an image's URI from its name."""
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("wargame.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    return env.get_template("report.html.j2").render(
        r=report,
        qt=qt,
        src=src,
        page_px=round(CONTENT_MM * CSS_PX_PER_MM),
        page_mm=CONTENT_MM,
        map_mm=MAP_MM,
        chart_mm=CHART_MM,
    )


def build_report(
    game: Game, progress: ProgressFn | None = None, *, full_log: bool = False
) -> tuple[Report, dict[str, Any]]:
    """The report's content and its images (name → QImage)."""
    from wargame.report.model import build_report_model

    report = build_report_model(game, full_log=full_log)
    total = len(report.figures) + 1
    return report, _images(game, report, progress, total)


def _png_bytes(image: Any) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG", 60)
    buf.close()
    return bytes(data.data())


def _write_html(report: Report, images: dict[str, Any], path: Path) -> None:
    uris = {
        name: "data:image/png;base64," + base64.b64encode(_png_bytes(img)).decode("ascii")
        for name, img in images.items()
    }
    path.write_text(render_html(report, qt=False, src=lambda name: uris[name]), encoding="utf-8")


def _write_pdf(report: Report, images: dict[str, Any], path: Path) -> None:
    """Lay the Qt-flavoured HTML out on A4 pages in CSS pixels and print them page by page, with a footer."""
    from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
    from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setResolution(300)
    writer.setTitle(report.title)
    writer.setCreator("wargame")
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9.0)
    doc.setDefaultFont(font)
    for name, img in images.items():
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"mem://{name}"), img)
    doc.setHtml(render_html(report, qt=True, src=lambda name: f"mem://{name}"))
    page_w = CONTENT_MM * CSS_PX_PER_MM
    page_h = (PAGE_MM[1] - 2 * MARGIN_MM - FOOTER_MM) * CSS_PX_PER_MM
    doc.setPageSize(QSizeF(page_w, page_h))
    scale = writer.resolution() / 96.0
    pages = doc.pageCount()
    painter = QPainter(writer)
    try:
        foot = QFont("DejaVu Sans")
        foot.setPixelSize(10)  # CSS pixels: the painter is scaled from 96 dpi to the writer's resolution
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.scale(scale, scale)
            painter.translate(MARGIN_MM * CSS_PX_PER_MM, MARGIN_MM * CSS_PX_PER_MM - page * page_h)
            doc.drawContents(painter, QRectF(0, page * page_h, page_w, page_h))
            painter.restore()
            painter.save()
            painter.scale(scale, scale)
            painter.setFont(foot)
            painter.setPen(QColor("#404040"))
            y = (PAGE_MM[1] - MARGIN_MM) * CSS_PX_PER_MM
            box = QRectF(QPointF(MARGIN_MM * CSS_PX_PER_MM, y - 14), QSizeF(page_w, 16))
            left = painter.fontMetrics().elidedText(report.title, Qt.TextElideMode.ElideRight, int(page_w * 0.75))
            painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom), left)
            painter.drawText(
                box, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom), f"page {page + 1} of {pages}"
            )
            painter.restore()
    finally:
        painter.end()
    del writer


def write_report(game: Game, path: str | Path, *, full_log: bool = False, progress: ProgressFn | None = None) -> Path:
    """Write the after-action report to ``path``: ``.html`` (self-contained), ``.pdf`` or ``.docx`` (editable).

    ``full_log`` appends every event of the game. The file appears whole or not at all.
    """
    out = Path(path)
    ext = out.suffix.lower()
    if ext not in FORMATS:
        raise AppError(f"the report must be a .html, .pdf or .docx file, not {out.name!r}")
    if out.exists() and out.is_dir():
        raise AppError(f"{out} is a folder")
    if not out.parent.is_dir():
        raise AppError(f"the folder {out.parent} does not exist")
    from wargame.render import ensure_gui_app

    ensure_gui_app()
    report, images = build_report(game, progress, full_log=full_log)
    tmp = temp_beside(out, suffix=f".partial{ext}")  # a name no other writer uses
    try:
        if ext == ".html":
            _write_html(report, images, tmp)
        elif ext == ".pdf":
            _write_pdf(report, images, tmp)
        else:
            from wargame.report.word import write_docx

            write_docx(report, {name: _png_bytes(img) for name, img in images.items()}, tmp)
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
