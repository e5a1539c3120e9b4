"""The after-action report as an editable Word document (python-docx, no Qt).

The same :class:`~wargame.report.model.Report` as the HTML and PDF, under the same headings, as Word
styles (Title, Heading 1-3, List Bullet, a grid table style with header rows that repeat on every page), and
with the same forced page breaks, so the facilitator can edit, restyle and finish it in a word processor.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from wargame.report.model import Report

__all__ = ["write_docx"]

_TABLE_STYLE = "Table Grid"


def _table(doc, head: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float] | None = None) -> None:  # type: ignore[no-untyped-def]
    table = doc.add_table(rows=1, cols=len(head))
    table.style = _TABLE_STYLE
    hdr = table.rows[0]
    tr_pr = hdr._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, text in zip(hdr.cells, head, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(text))
        run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = str(value)
    if widths:
        total = sum(widths)
        for col, w in zip(table.columns, widths, strict=True):
            for cell in col.cells:
                cell.width = Mm(180 * w / total)
    doc.add_paragraph()


def _bullets(doc, items: Sequence[str]) -> None:  # type: ignore[no-untyped-def]
    for it in items:
        doc.add_paragraph(it, style="List Bullet")


def write_docx(report: Report, images: dict[str, bytes], path: Path) -> None:
    """Write ``report`` to ``path`` (.docx); ``images`` maps figure names to PNG bytes."""
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(sec, side, Mm(15))
    normal = doc.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(9.5)
    core = doc.core_properties
    core.title = report.title
    core.author = "wargame"

    h = report.headings
    doc.add_heading(report.title, level=0)
    doc.add_paragraph(f"{report.scenario} — {report.period}")
    doc.add_heading(h[0], level=1)
    score = "; ".join(f"{'✓' if met else '✗'} {label} ({p}/{mx})" for met, label, _d, p, mx in report.score)
    _table(
        doc,
        ["", ""],
        [*report.facts, ("outcome", f"{report.outcome} {report.score_line}" + (f": {score}." if score else ""))],
        [14, 86],
    )
    doc.add_heading("The crisis in five sentences", level=2)
    doc.add_paragraph(" ".join(report.crisis))
    doc.add_heading("Key verdicts", level=2)
    _table(
        doc,
        ["date", "article", "attack", "verdict", "why"],
        [(v.date, v.citation, f"{v.attack}: {v.attack_text}", v.code, v.reason) for v in report.key_verdicts],
        [7, 17, 24, 19, 33],
    )
    doc.add_heading("Decisions that mattered", level=2)
    _bullets(doc, report.mattered or ["None stood out: every state followed its doctrine."])
    doc.add_heading("Branches explored", level=2)
    _bullets(doc, report.branches)

    doc.add_page_break()
    doc.add_heading(h[1], level=1)
    _table(
        doc,
        ["turn", "date", "what happened", "map shows"],
        [(m.turn, m.date, m.text, m.attack or "—") for m in report.moments],
        [6, 12, 60, 22],
    )
    for i, m in enumerate(report.moments):
        if i % 2 == 0:
            doc.add_page_break()
        doc.add_heading(f"Turn {m.turn} ({m.date}) — {m.attack_text}", level=3)
        if m.map.name in images:
            doc.add_picture(io.BytesIO(images[m.map.name]), width=Mm(180))
        doc.add_paragraph("; ".join(f"{code}: {who}" for code, who in m.caption))

    doc.add_page_break()
    doc.add_heading(h[2], level=1)
    _table(
        doc,
        ["turns", "who", "what", "why"],
        [(d.turns, d.who, d.what, d.why) for d in report.decisions],
        [6, 20, 28, 46],
    )
    doc.add_heading("How the key verdicts were reached", level=2)
    for v in report.key_verdicts:
        para = doc.add_paragraph()
        para.add_run(f"{v.citation} — {v.attack}: {v.code}").bold = True
        for g in v.gates:
            para.add_run("\n" + g)
    doc.add_heading(h[3], level=1)
    if report.notes:
        _table(doc, ["turn", "seat", "note"], report.notes, [6, 14, 80])
    else:
        doc.add_paragraph("No notes recorded.")
    if report.overrides:
        _table(doc, ["turn", "seat", "override", "rationale"], report.overrides, [6, 14, 35, 45])
    else:
        doc.add_paragraph("No white-cell overrides: every outcome is the engine's.")

    doc.add_page_break()
    doc.add_heading(h[4], level=1)
    doc.add_heading("Observations", level=2)
    if report.observations:
        _table(
            doc,
            ["#", "team or state", "strength or area for improvement", "core capability", "about"],
            [
                (o["id"], o["team"], f"{o['kind']}: {o['text']}", o["capability"], o["about"])
                for o in report.observations
            ],
            [4, 14, 44, 16, 22],
        )
    else:
        doc.add_paragraph("No observations recorded.")
    doc.add_heading("Improvement plan", level=2)
    if report.plan:
        _table(
            doc,
            ["#", "issue", "corrective action", "core capability", "owner", "due"],
            [
                (
                    p["id"],
                    p["issue"] + (f" ({p['observation']})" if p["observation"] else ""),
                    p["action"],
                    p["capability"],
                    p["owner"],
                    p["due"],
                )
                for p in report.plan
            ],
            [4, 24, 34, 14, 12, 12],
        )
    else:
        doc.add_paragraph("No improvement plan recorded.")
    doc.add_heading("Participant feedback", level=2)
    if report.feedback_count:
        doc.add_paragraph(
            f"{report.feedback_count} participant(s) gave feedback; ratings from 1 (strongly disagree) to 5 (strongly agree)."
        )
        _table(
            doc,
            ["statement", "answers", "mean", "1", "2", "3", "4", "5"],
            [
                (q.statement, q.answers, f"{q.mean:.1f}" if q.mean is not None else "—", *q.counts)
                for q in report.ratings
            ],
            [52, 10, 8, 6, 6, 6, 6, 6],
        )
        n = max(len(report.top_strengths), len(report.top_improvements))
        _table(
            doc,
            ["strengths named most", "improvements named most"],
            [
                (
                    f"{report.top_strengths[i][0]} ({report.top_strengths[i][1]})"
                    if i < len(report.top_strengths)
                    else "",
                    f"{report.top_improvements[i][0]} ({report.top_improvements[i][1]})"
                    if i < len(report.top_improvements)
                    else "",
                )
                for i in range(n)
            ],
            [50, 50],
        )
        for who, text in report.comments:
            doc.add_paragraph(f"{who}: {text}")
    else:
        doc.add_paragraph("No feedback forms recorded.")

    a = report.appendix_headings
    doc.add_page_break()
    doc.add_heading(a[0], level=1)
    doc.add_paragraph(report.briefing)
    doc.add_heading("Assumptions that differ from the pack", level=2)
    if report.variant:
        _table(doc, ["assumption", "pack", "this game"], report.variant, [30, 35, 35])
    else:
        doc.add_paragraph("None: this game uses the bundled pack as it is, with its default seed and AI policies.")
    doc.add_heading("Verdicts and collective outcomes at the end", level=2)
    _table(doc, ["article", "attack", "verdict", "collective"], report.end_verdicts, [40, 15, 25, 20])

    doc.add_page_break()
    doc.add_heading(a[1], level=1)
    _table(doc, ["figure", "value"], report.stats, [40, 60])
    _table(doc, ["state", "support %", "budget US$ m", "casualties"], report.states_end, [40, 20, 20, 20])
    for c in report.charts:
        if c.name in images:
            doc.add_picture(io.BytesIO(images[c.name]), width=Mm(180))

    doc.add_heading(a[2], level=1)
    _table(
        doc,
        ["turns", "kind", "what happened", "n"],
        [(ln.turns, ln.kind, ln.text, ln.count) for ln in report.log],
        [9, 13, 70, 8],
    )
    if report.full_log is not None:
        doc.add_page_break()
        doc.add_heading(report.full_log_heading, level=1)
        _table(doc, ["turn", "kind", "event"], report.full_log, [6, 14, 80])
    doc.save(str(path))
