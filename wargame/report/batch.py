"""The batch report: the distribution of a batch's runs as a self-contained HTML page or a PDF.

``write_batch_report(results, path)`` reads the results through :mod:`wargame.app.batch`, computes the
analysis with :mod:`wargame.app.batch_analysis` and draws its charts with :mod:`wargame.render.stats` (the
Analysis window draws the same). The page is written through a temporary file and renamed: never half a file.

It shares the after-action report's PNG encoder; the after-action report's page layout is being reworked onto
templates, so this module prints its own plain page (a QTextDocument printed by QPdfWriter) and the two can
change apart.
"""

from __future__ import annotations

import base64
import html
import os
from pathlib import Path
from typing import Any

from wargame.app import AppError
from wargame.app.batch import open_results
from wargame.app.batch_analysis import Analysis, analyse
from wargame.render.stats import analysis_images, ordered_timings
from wargame.report import _png_bytes

__all__ = ["batch_html", "write_batch_report"]


def _esc(v: object) -> str:
    return html.escape(str(v))


def _table(head: list[str], rows: list[list[object]]) -> str:
    th = "".join(f"<th>{_esc(h)}</th>" for h in head)
    body = "".join("<tr>" + "".join(f"<td>{_esc(c)}</td>" for c in r) + "</tr>" for r in rows)
    return f'<table border="1" cellspacing="0" cellpadding="3" width="100%"><tr>{th}</tr>{body}</table>'


def batch_html(a: Analysis, images: dict[str, Any], results_name: str) -> str:
    """The report's HTML; images are ``mem://NAME``."""
    parts = [
        "<html><head><meta charset='utf-8'>",
        f"<title>Batch analysis: {_esc(a.scenario)}</title>",
        "<style>body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;max-width:60em;margin:auto}"
        "table{border-collapse:collapse;margin:0.5em 0}th{background:#eeeeee;text-align:left}"
        ".partial{border:2px solid #D55E00;padding:0.4em;font-weight:bold}img{max-width:100%}"
        "code{font-family:'DejaVu Sans Mono',monospace}</style></head><body>",
        f"<h1>Batch analysis: {_esc(a.scenario)}</h1>",
    ]
    if not a.complete:
        why = a.stopped or "stopped"
        parts.append(
            f"<p class='partial'>PARTIAL RESULTS: {a.runs} of {a.planned} planned runs ({_esc(why)}). "
            "Frequencies and intervals describe the finished runs only.</p>"
        )
    vary = "; ".join(f"{n} = {', '.join(vs)}" for n, vs in a.variations) or "nothing (seeds only)"
    parts.append(
        f"<p>{a.runs} runs of <b>{_esc(a.scenario)}</b>, {a.turns} turns at most, batch seed {a.batch_seed}. "
        f"Varied: {_esc(vary)}. Every state is played by the computer (the aggressor AI and the default policy). "
        f"Results: <code>{_esc(results_name)}</code>.</p>"
    )
    parts.append("<h2>Outcomes</h2>")
    parts.append('<p><img src="mem://frequencies" width="520"></p>')
    rows = [[f.label, f"{f.k} / {f.n}", f"{f.share:.1%}", f"{f.low:.1%} – {f.high:.1%}"] for f in a.frequencies]
    parts.append(_table(["outcome", "runs", "share", "95 % interval (Wilson)"], rows))
    if a.never:
        parts.append(f"<p>Never happened in any run: {_esc(', '.join(a.never))}.</p>")
    parts.append("<h2>Timings</h2>")
    tims = ordered_timings(a)
    if tims:
        rows = [
            [t.label, f"{t.median:g}", min(t.values), max(t.values), len(t.values), t.never, a.docs.get(t.column, "")]
            for t in tims
        ]
        parts.append(_table(["timing (turn)", "median", "earliest", "latest", "runs", "never", "meaning"], rows))
        for t in tims:
            if f"hist_{t.column}" in images:
                parts.append(f'<img src="mem://hist_{t.column}" width="255">')
    else:
        parts.append("<p>Nothing with a timing happened.</p>")
    parts.append("<h2>Sensitivity</h2>")
    if "tornado" in images:
        parts.append('<p><img src="mem://tornado" width="520"></p>')
        rows = [[b.name, v, f"{m:,.3f}", n] for b in a.tornado for v, m, n in b.means]
        parts.append(_table(["varied", "value", f"mean {a.metric}", "runs"], rows))
        parts.append(
            "<p>Each bar runs from the lowest to the highest mean of the metric over the values of one varied "
            "name (the other varied names averaged out); the same seeds are played at every value.</p>"
        )
    else:
        parts.append("<p>No value was varied (or only one value of each): no sensitivity to show.</p>")
    parts.append("<h2>Typical runs, to replay</h2>")
    rows = [
        [t.label, t.run, t.group, t.detail, f"wargame batch replay {results_name} --run {t.run} -o run{t.run}.wargame"]
        for t in a.typical
    ]
    parts.append(_table(["typical of", "run", "runs in group", "why this one", "replay"], rows))
    parts.append(
        "<p>The run closest to its group's medians of score, end turn, casualties and spending (each distance in "
        "units of that measure's spread over the batch).</p>"
    )
    parts.append("<h2>Columns of the results</h2>")
    parts.append(_table(["column", "meaning"], [[c, d] for c, d in a.docs.items()]))
    parts.append("</body></html>")
    return "\n".join(parts)


def _write(text: str, images: dict[str, Any], tmp: Path, pdf: bool, title: str) -> None:
    if not pdf:
        for name, img in images.items():
            uri = "data:image/png;base64," + base64.b64encode(_png_bytes(img)).decode("ascii")
            text = text.replace(f'src="mem://{name}"', f'src="{uri}"')
        tmp.write_text(text, encoding="utf-8")
        return
    from PySide6.QtCore import QMarginsF, QUrl
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    writer = QPdfWriter(str(tmp))
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


def write_batch_report(results: str | Path, path: str | Path, *, metric: str | None = None) -> tuple[Path, Analysis]:
    """Write the batch report of ``results`` to ``path`` (``.html`` or ``.pdf``); returns it and the analysis."""
    out = Path(path)
    ext = out.suffix.lower()
    if ext not in (".html", ".pdf"):
        raise AppError(f"the report must be a .html or .pdf file, not {out.name!r}")
    if out.is_dir():
        raise AppError(f"{out} is a folder")
    if not out.parent.is_dir():
        raise AppError(f"the folder {out.parent} does not exist")
    res = open_results(results)
    a = analyse(res, metric)
    from wargame.render import ensure_gui_app

    ensure_gui_app()
    images = analysis_images(a)
    text = batch_html(a, images, res.path.name)
    tmp = out.with_name(f".{out.name}.partial")
    try:
        _write(text, images, tmp, ext == ".pdf", f"Batch analysis: {a.scenario}")
        if not tmp.is_file() or tmp.stat().st_size == 0:
            raise AppError(f"could not write {out.name}")
        os.replace(tmp, out)
    except OSError as exc:
        raise AppError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return out, a
