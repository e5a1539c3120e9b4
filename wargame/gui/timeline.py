"""The mobilisation timeline: a Gantt of forces (getting ready, in transit, arrived) with today's line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QScrollArea, QWidget

from wargame.app import Game, describe
from wargame.app.types import Event, EventKind, ForceStatus, WorldState
from wargame.gui import palette
from wargame.gui.notices import Changes

if TYPE_CHECKING:
    from wargame.gui.session import Session

PHASE_COLORS: dict[str, str] = {
    "mobilising": palette.ORANGE,
    "transit": palette.SKY_BLUE,
    "arrived": palette.BLUISH_GREEN,
}
PHASE_LABELS: dict[str, str] = {"mobilising": "getting ready", "transit": "in transit", "arrived": "arrived"}


@dataclass(frozen=True)
class Bar:
    """One phase of one force from turn ``start`` to turn ``end``; ``projected`` if ``end`` lies ahead."""

    force: str
    phase: str
    start: int
    end: int
    projected: bool = False


def build_bars(events: list[Event], world: WorldState) -> list[Bar]:
    """Bars from the mobilise/ready/depart/arrive events, closed by the current world at ``world.turn``."""
    today = world.turn
    open_phase: dict[str, tuple[str, int]] = {}
    bars: list[Bar] = []
    for ev in sorted(events, key=lambda e: (e.turn, e.seq)):
        fid = ev.subject
        if ev.kind is EventKind.MOBILISE:
            open_phase[fid] = ("mobilising", ev.turn)
        elif ev.kind in (EventKind.READY, EventKind.DEPART, EventKind.ARRIVE):
            if fid in open_phase:
                phase, start = open_phase.pop(fid)
                bars.append(Bar(fid, phase, start, ev.turn))
            if ev.kind is EventKind.DEPART:
                open_phase[fid] = ("transit", ev.turn)
            elif ev.kind is EventKind.ARRIVE:
                open_phase[fid] = ("arrived", ev.turn)
    for fid, (phase, start) in sorted(open_phase.items()):
        fs = world.forces.get(fid)
        end, projected = today, False
        if fs is not None:
            if phase == "mobilising" and fs.status is ForceStatus.MOBILISING and fs.ready_turn is not None:
                end, projected = max(today, fs.ready_turn), fs.ready_turn > today
            elif phase == "transit" and fs.status is ForceStatus.IN_TRANSIT and fs.arrive_turn is not None:
                end, projected = max(today, fs.arrive_turn), fs.arrive_turn > today
        bars.append(Bar(fid, phase, start, max(end, start), projected))
    return bars


@dataclass(frozen=True)
class InjectMark:
    """A scheduled inject on the timeline: the scenario's own MSEL or an imported one."""

    turn: int
    label: str
    status: str
    """scheduled | fired | skipped | held (held rows have no turn and are not drawn)."""
    tooltip: str = ""


INJECT_COLORS: dict[str, str] = {"scheduled": palette.VERMILLION, "fired": palette.NO_DATA, "skipped": palette.NO_DATA}


def inject_marks(game: object) -> list[InjectMark]:
    """The scenario's scheduled injects still to come and every imported MSEL row with a turn."""
    scenario = getattr(game, "scenario", None)
    world = getattr(game, "world", None)
    out: list[InjectMark] = []
    if scenario is not None and world is not None:
        for inj in scenario.injects:
            turn = world.script.get(inj.serial, inj.turn)  # as the facilitator rescheduled it
            if turn > world.turn:
                a = inj.attack
                out.append(
                    InjectMark(
                        turn,
                        f"S{inj.serial}",
                        "scheduled",
                        f"scenario inject {inj.serial}: {describe.attack_kind(a.kind)} on "
                        f"{describe.state(scenario, a.victim)} at {describe.place(scenario, a.location)}",
                    )
                )
    source = game if isinstance(game, Game) else getattr(game, "game", None)
    if isinstance(source, Game):
        from wargame.app import msel

        for r in msel.rows(source):
            turn = r.fired_turn if r.status == "fired" else r.turn
            if turn is None or r.status == "held":
                continue
            a = r.attack
            out.append(
                InjectMark(
                    turn,
                    r.serial,
                    r.status,
                    f"MSEL {r.serial} ({r.status}): {describe.attack_kind(a['kind'])} on "
                    f"{describe.state(scenario, a['victim'])} at {describe.place(scenario, a['location'])}"
                    + (f" — {r.message}" if r.message else ""),
                )
            )
    return sorted(out, key=lambda m: (m.turn, m.label))


class TimelineCanvas(QWidget):
    """Paints the Gantt: a row of scheduled injects, one row per force, one column per turn, a line at today."""

    ROW = 20
    LABEL_W = 130
    TURN_W = 22
    TOP = 40
    """Room above the rows: the legend on the first line, the turn numbers on the second."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.injects: list[InjectMark] = []
        self.forces: list[str] = []
        self.today = 0
        self.dates: dict[int, str] = {}
        self.setMinimumHeight(80)

    def set_bars(
        self, bars: list[Bar], today: int, dates: dict[int, str], injects: list[InjectMark] | None = None
    ) -> None:
        self.bars = bars
        self.injects = list(injects or [])
        self.today = today
        self.dates = dates
        first_start: dict[str, int] = {}
        for b in bars:
            first_start[b.force] = min(b.start, first_start.get(b.force, b.start))
        self.forces = sorted(first_start, key=lambda f: (first_start[f], f))  # stable: by start, then id
        self.updateGeometry()
        self.resize(self.sizeHint())
        self.update()

    def last_turn_shown(self) -> int:
        return max([self.today + 1] + [b.end for b in self.bars] + [m.turn for m in self.injects])

    def _first_force_row(self) -> int:
        return 1 if self.injects else 0

    def sizeHint(self) -> QSize:
        rows = self._first_force_row() + max(1, len(self.forces))
        legend_w = self.LABEL_W + 60 + 110 * len(PHASE_COLORS)
        return QSize(
            max(legend_w, self.LABEL_W + (self.last_turn_shown() + 2) * self.TURN_W), self.TOP + rows * self.ROW + 24
        )

    def inject_at(self, x: float, y: float) -> InjectMark | None:
        """The inject drawn at widget position (x, y), if any (for tooltips and tests)."""
        if not self.injects or not self.TOP <= y < self.TOP + self.ROW:
            return None
        for m in self.injects:
            cx = self.LABEL_W + m.turn * self.TURN_W
            if abs(x - cx) <= 7:
                return m
        return None

    def event(self, ev) -> bool:  # type: ignore[override]
        from PySide6.QtCore import QEvent
        from PySide6.QtWidgets import QToolTip

        if ev.type() == QEvent.Type.ToolTip:
            m = self.inject_at(ev.pos().x(), ev.pos().y())
            if m is not None:
                QToolTip.showText(ev.globalPos(), m.tooltip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(ev)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        p.setFont(font)
        last = self.last_turn_shown()
        grid = QPen(QColor("#e0e0e0"))
        for t in range(last + 1):
            x = self.LABEL_W + t * self.TURN_W
            p.setPen(grid)
            p.drawLine(x, self.TOP - 4, x, self.height())
            if t % 5 == 0:
                p.setPen(QColor(palette.LABEL_TEXT))
                p.drawText(QRectF(x - 20, 20, 60, 16), Qt.AlignmentFlag.AlignLeft, f"T{t}")
        first = self._first_force_row()
        if self.injects:
            y = self.TOP
            p.setPen(QColor(palette.LABEL_TEXT))
            p.drawText(
                QRectF(4, y, self.LABEL_W - 8, self.ROW),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                "Scheduled injects",
            )
            for m in self.injects:
                cx = self.LABEL_W + m.turn * self.TURN_W
                color = QColor(INJECT_COLORS.get(m.status, palette.VERMILLION))
                p.setPen(QPen(color.darker(140), 1))
                p.setBrush(color if m.status != "skipped" else QColor("#ffffff"))
                diamond = [
                    QPointF(cx, y + 3),
                    QPointF(cx + 6, y + self.ROW / 2),
                    QPointF(cx, y + self.ROW - 3),
                    QPointF(cx - 6, y + self.ROW / 2),
                ]
                p.drawPolygon(diamond)
                p.setPen(QColor(palette.LABEL_TEXT))
                p.drawText(
                    QRectF(cx + 7, y, 40, self.ROW), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, m.label
                )
        rows = {f: i + first for i, f in enumerate(self.forces)}
        for f, i in rows.items():
            y = self.TOP + i * self.ROW
            p.setPen(QColor(palette.LABEL_TEXT))
            p.drawText(
                QRectF(4, y, self.LABEL_W - 8, self.ROW), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, f
            )
        for b in self.bars:
            y = self.TOP + rows[b.force] * self.ROW + 3
            x0 = self.LABEL_W + b.start * self.TURN_W
            w = max(self.TURN_W * (b.end - b.start), 4)
            color = QColor(PHASE_COLORS[b.phase])
            if b.projected:
                color.setAlpha(110)
            p.setPen(
                QPen(
                    QColor(PHASE_COLORS[b.phase]).darker(130),
                    1,
                    Qt.PenStyle.DashLine if b.projected else Qt.PenStyle.SolidLine,
                )
            )
            p.setBrush(color)
            p.drawRoundedRect(QRectF(x0, y, w, self.ROW - 6), 3, 3)
        x = self.LABEL_W + self.today * self.TURN_W
        p.setPen(QPen(QColor(palette.VERMILLION), 2))
        p.drawLine(x, self.TOP - 6, x, self.height())
        p.drawText(
            QRectF(x + 3, self.height() - 18, 160, 16),
            Qt.AlignmentFlag.AlignLeft,
            f"today: {self.dates.get(self.today, '')}",
        )
        lx = self.LABEL_W
        for phase, color in PHASE_COLORS.items():
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(color))
            p.drawRect(QRectF(lx + 60, 6, 10, 10))
            p.setPen(QColor(palette.LABEL_TEXT))
            p.drawText(QRectF(lx + 74, 2, 90, 16), Qt.AlignmentFlag.AlignLeft, PHASE_LABELS[phase])
            lx += 110
        if not self.bars:
            p.drawText(
                self.rect().adjusted(8, self.TOP + first * self.ROW, 0, 0),
                Qt.AlignmentFlag.AlignLeft,
                "No force has mobilised yet.",
            )
        p.end()


class TimelinePanel(QScrollArea):
    """Scrollable mobilisation timeline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = TimelineCanvas()
        self.setWidget(self.canvas)
        self.setWidgetResizable(False)

    listens = Changes.WORLD | Changes.REVIEW | Changes.MSEL_CHANGED

    def on_changes(self, _changes: Changes, session: Session) -> None:
        if session.game is not None:
            self.show_game(session.view())

    def show_game(self, game: Game | Any) -> None:
        """``game``: a :class:`Game` or anything that reads like one (a review's ``TurnView``)."""
        kinds = [EventKind.MOBILISE.value, EventKind.READY.value, EventKind.DEPART.value, EventKind.ARRIVE.value]
        world = game.world
        bars = build_bars(game.events(kinds=kinds), world)
        marks = inject_marks(game)
        last = max([world.turn + 1] + [b.end for b in bars] + [m.turn for m in marks])
        self.canvas.set_bars(bars, world.turn, {t: game.date_of(t).isoformat() for t in range(last + 1)}, marks)

    def injects(self) -> list[InjectMark]:
        return list(self.canvas.injects)

    def bars(self) -> list[Bar]:
        return list(self.canvas.bars)
