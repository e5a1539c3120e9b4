"""Exercises across computers in the desktop app (issue 15): host one, join one as a seat, run it as the white cell.

* :class:`ExerciseLink` wraps the server's client (:mod:`wargame.server`): its thread's messages arrive here, in
  order, on the GUI thread;
* :class:`ViewPane` shows one role's view as the server sent it (map, turn, the events that role saw): a seat's window
  shows only that, never the game itself (the seat's computer holds no game);
* :class:`SeatWindow` is a seat's window: its view, its decisions for the open turn, the turn timer, *Submit turn*;
* :class:`DashboardWindow` is the facilitator's: every seat's connection, submission and pending decisions, the
  turn timer, *Advance*, the MSEL controls, "view as" any seat, and the room display (:class:`RoomWindow`, the
  public picture for the projector, on a second screen when there is one);
* :class:`HostDialog` and :func:`host_exercise` start a server for a saved game from the app.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wargame.app import describe, views
from wargame.app.views import Role
from wargame.gui.mapview import MapView
from wargame.server import ExerciseClient

DECISIONS = (("mobilise", "Mobilise a force"), ("deploy", "Deploy a force"))
"""What a seat's window offers (the server checks every decision against the seat's rights)."""


class ExerciseLink(QObject):
    """One connection to an exercise. ``message`` carries every message from the server, on the GUI thread."""

    message = Signal(dict)
    _incoming = Signal(object)

    def __init__(self, link: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._incoming.connect(self._arrived, Qt.ConnectionType.QueuedConnection)
        self.client = ExerciseClient(link, self._incoming.emit)
        self.role: Role | None = None
        self.latest: dict[str, dict[str, Any]] = {}

    def start(self) -> ExerciseLink:
        """Connect in the background (the window shows "connecting…" until the server answers)."""
        self.client.start(wait=False)
        return self

    def send(self, msg: dict[str, Any]) -> str:
        return self.client.send(msg)

    def close(self) -> None:
        self.client.close()

    def _arrived(self, msg: dict[str, Any]) -> None:
        kind = str(msg.get("type"))
        if kind == "welcome":
            self.role = Role.from_dict(msg["role"])
        self.latest[kind] = msg
        self.message.emit(msg)


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "no turn timer"
    s = max(0, int(seconds))
    return f"{s // 60}:{s % 60:02d} left"


_QUIET = ("NOT_A_PARTY", "NOT_IN_FORCE")


def readable_events(view: dict[str, Any]) -> list[str]:
    """The events of a view in words a room can read: codes as words, ids of states, places and forces as their
    names (from the view's own names), and verdicts on treaties the attack does not concern left out (the main
    window folds them the same way)."""
    names = view.get("names", {})
    named = describe.id_words({**names.get("states", {}), **names.get("locations", {}), **names.get("forces", {})})
    out = []
    for e in view.get("events", []):
        text = str(e.get("summary") or e.get("kind"))
        if e.get("kind") == "verdict" and any(code in text for code in _QUIET):
            continue
        out.append(named(describe.clean(text)))
    return out


class ViewPane(QWidget):
    """One role's view of a turn: a heading, the map and the events that role saw."""

    def __init__(self, parent: QWidget | None = None, *, big: bool = False) -> None:
        super().__init__(parent)
        self.heading = QLabel("Waiting for the server…")
        self.heading.setObjectName("view_heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * (1.8 if big else 1.2))
        font.setBold(True)
        self.heading.setFont(font)
        self.map = MapView()
        self.events = QListWidget()
        self.events.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.map)
        split.addWidget(self.events)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.heading)
        lay.addWidget(split, 1)
        self.view: dict[str, Any] | None = None

    def show_view(self, view: dict[str, Any]) -> None:
        self.view = view
        role = Role.from_dict(view["role"])
        self.heading.setText(f"Turn {view['turn']} · {view['date']} · as seen by {role.label()}")
        if "picture" in view:
            self.map.set_picture(views.picture_from(view["picture"]))
        self.events.clear()
        self.events.addItems(readable_events(view) or ["Nothing this role saw happened this turn."])

    def texts(self) -> str:
        """Every text the pane shows (tests: what a seat can read)."""
        items = [self.events.item(i).text() for i in range(self.events.count())]
        tips = [*self.map.picture().tooltips.values(), *(m.hover for m in self.map.picture().markers)]
        return "\n".join([self.heading.text(), *items, *tips])


class _ExerciseWindow(QMainWindow):
    """What a seat's window and the dashboard share: the link, the connection line, refusals in the status bar."""

    def __init__(self, link: ExerciseLink, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.link = link
        link.setParent(self)
        self.connection = QLabel("connecting…")
        self.statusBar().addPermanentWidget(self.connection)
        self.last_error = ""
        link.message.connect(self.on_message)
        for kind in ("welcome", "refused", "view", "status", "pending"):  # arrived before this window listened
            if kind in link.latest:
                self.on_message(link.latest[kind])

    def on_message(self, msg: dict[str, Any]) -> None:
        kind = msg.get("type")
        if kind == "connection":
            self.connection.setText("connected" if msg["state"] == "up" else "reconnecting…")
        elif kind == "welcome":
            self.connection.setText("connected")
        elif kind in ("error", "refused"):
            self.last_error = str(msg.get("message", ""))
            self.statusBar().showMessage(("Refused: " if kind == "error" else "Cannot join: ") + self.last_error)
            if kind == "refused":
                self.connection.setText("not joined")
                pane = getattr(self, "pane", None)
                if isinstance(pane, ViewPane):
                    pane.heading.setText(f"Cannot join: {self.last_error}")
        elif kind == "info":
            self.statusBar().showMessage(str(msg.get("message", "")), 8000)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.link.close()
        super().closeEvent(event)


class SeatWindow(_ExerciseWindow):
    """A seat's window: only what the server sent this seat, its decisions for the open turn, and Submit."""

    def __init__(self, link: ExerciseLink, parent: QWidget | None = None) -> None:
        self.pane = ViewPane()
        self.turn_label = QLabel("")
        self.action = QComboBox()
        for key, text in DECISIONS:
            self.action.addItem(text, key)
        self.force = QComboBox()
        self.destination = QComboBox()
        self.note = QLineEdit()
        self.note.setPlaceholderText("a note for the record (optional)")
        self.record = QPushButton("Record decision")
        self.pending = QListWidget()
        self.cancel = QPushButton("Cancel selected")
        self.submit = QPushButton("Submit turn")
        self.submit.setDefault(True)
        self.open_turn = 0
        self.side = QGroupBox("Decisions for the open turn (sealed until it resolves)")
        super().__init__(link, parent)
        form = QFormLayout()
        form.addRow("Decision", self.action)
        form.addRow("Force", self.force)
        form.addRow("Destination", self.destination)
        form.addRow("Note", self.note)
        box = self.side
        side = QVBoxLayout(box)
        side.addWidget(self.turn_label)
        side.addLayout(form)
        side.addWidget(self.record)
        side.addWidget(QLabel("Recorded, not yet resolved:"))
        side.addWidget(self.pending, 1)
        side.addWidget(self.cancel)
        side.addWidget(self.submit)
        split = QSplitter()
        split.addWidget(self.pane)
        split.addWidget(box)
        split.setStretchFactor(0, 3)
        self.setCentralWidget(split)
        self.record.clicked.connect(self.record_decision)
        self.cancel.clicked.connect(self.cancel_selected)
        self.submit.clicked.connect(self.submit_turn)
        self.action.currentIndexChanged.connect(lambda _i: self._enable())
        self._enable()
        self.resize(1400, 850)

    def _enable(self) -> None:
        self.destination.setEnabled(self.action.currentData() == "deploy")

    def on_message(self, msg: dict[str, Any]) -> None:
        super().on_message(msg)
        kind = msg.get("type")
        role = self.link.role
        if kind == "welcome" and role is not None:
            self.setWindowTitle(
                f"{role.label()} — exercise seat" if role.kind == "seat" else f"Exercise — {role.label()}"
            )
            self.side.setVisible(role.kind == "seat")  # an observer or the room display decides nothing
        elif kind == "view" and "as" not in msg:
            view = msg["view"]
            self.pane.show_view(view)
            names = view.get("names", {})
            mine = role.states if role is not None else frozenset()
            keep = self.force.currentData()
            self.force.clear()
            for fid, owner in sorted(names.get("force_owners", {}).items()):
                if owner in mine:
                    self.force.addItem(names["forces"].get(fid, fid), fid)
            if keep is not None and self.force.findData(keep) >= 0:
                self.force.setCurrentIndex(self.force.findData(keep))
            if self.destination.count() == 0:
                self._fill_destinations(names)
        elif kind == "status":
            self.open_turn = int(msg["turn"])
            sealed = bool(msg.get("submitted"))
            state = "submitted: sealed until it resolves" if sealed else "open"
            self.turn_label.setText(f"Turn {self.open_turn}: {state} · {_clock(msg.get('seconds_left'))}")
            for w in (self.record, self.cancel, self.submit):
                w.setEnabled(not sealed and not msg.get("ended"))
        elif kind == "pending":
            self.pending.clear()
            for c in msg.get("commands", []):
                self.pending.addItem(f"#{c['id']} {c['description']}")
                self.pending.item(self.pending.count() - 1).setData(Qt.ItemDataRole.UserRole, c["id"])

    def _fill_destinations(self, names: dict[str, Any]) -> None:
        """Places first, as "Narva, Estonia" (A to Z), then whole states: a seat sends forces to places."""
        states = names.get("states", {})
        places, whole = [], []
        for lid, name in names.get("locations", {}).items():
            if lid in states:
                whole.append((f"{name} (the whole state)", lid))
            else:
                owner = states.get(lid.split("-", 1)[0], "")
                places.append((f"{name}, {owner}" if owner and owner not in name else name, lid))
        for text, lid in [*sorted(places), *sorted(whole)]:
            self.destination.addItem(text, lid)

    def record_decision(self) -> None:
        role = self.link.role
        if role is None or self.force.currentData() is None:
            self.statusBar().showMessage("No force of yours to decide for yet.", 5000)
            return
        fields: dict[str, Any] = {"force": self.force.currentData()}
        if self.action.currentData() == "deploy":
            fields["destination"] = self.destination.currentData()
        state = next(iter(sorted(role.states)))
        owners = (self.pane.view or {}).get("names", {}).get("force_owners", {})
        state = str(owners.get(fields["force"], state))
        msg: dict[str, Any] = {
            "type": "decide",
            "turn": self.open_turn,
            "state": state,
            "action": self.action.currentData(),
            "fields": fields,
        }
        if self.note.text().strip():
            msg["note"] = self.note.text().strip()[:200]
        self.link.send(msg)
        self.note.clear()

    def cancel_selected(self) -> None:
        item = self.pending.currentItem()
        if item is not None:
            self.link.send({"type": "cancel", "command": int(item.data(Qt.ItemDataRole.UserRole))})

    def submit_turn(self) -> None:
        self.link.send({"type": "submit", "turn": self.open_turn})


class RoomWindow(QWidget):
    """The room display: the public picture, large, for the projector (a second screen when there is one)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("Room display")
        self.pane = ViewPane(big=True)
        QVBoxLayout(self).addWidget(self.pane)
        self.resize(1280, 800)

    def place(self) -> None:
        screens = QGuiApplication.screens()
        if len(screens) > 1:
            self.setGeometry(screens[1].geometry())
            self.showFullScreen()
        else:
            self.show()


class DashboardWindow(_ExerciseWindow):
    """The facilitator's dashboard (the white cell sees everything and can view as any seat)."""

    COLUMNS = ("Seat", "States", "Connected", "Submitted", "Pending decisions")

    def __init__(
        self,
        link: ExerciseLink,
        links: dict[str, str] | None = None,
        on_close: Callable[[], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.on_close = on_close
        self.turn_label = QLabel("")
        self.timer_label = QLabel("")
        self.seconds_left: float | None = None
        self.advance = QPushButton("Advance turn")
        self.timer_seconds = QSpinBox()
        self.timer_seconds.setRange(0, 7 * 24 * 3600)
        self.timer_seconds.setSuffix(" s")
        self.timer_seconds.setSpecialValueText("no timer")
        self.set_timer = QPushButton("Set turn timer")
        self.room_button = QPushButton("Room display")
        self.seats = QTableWidget(0, len(self.COLUMNS))
        self.seats.setHorizontalHeaderLabels(list(self.COLUMNS))
        self.seats.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.seats.horizontalHeader().setStretchLastSection(True)
        self.seats.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.msel = QTableWidget(0, 5)
        self.msel.setHorizontalHeaderLabels(["Serial", "Turn", "Status", "Time", "Message"])
        self.msel.horizontalHeader().setStretchLastSection(True)
        self.msel.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.msel.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.msel_buttons = {op: QPushButton(text) for op, text in (("fire", "Fire now"), ("hold", "Hold"),
                                                                     ("skip", "Skip"))}  # fmt: skip
        self.view_as = QComboBox()
        self.view_as.addItem("white cell (everything)", "")
        self.pane = ViewPane()
        self.links_box = QPlainTextEdit()
        self.links_box.setReadOnly(True)
        self.room: RoomWindow | None = None
        self.last_turn = -1
        self.countdown = QTimer()
        self.countdown.setInterval(1000)
        super().__init__(link, parent)
        self.countdown.setParent(self)
        self.countdown.timeout.connect(self._tick)
        top = QHBoxLayout()
        for w in (self.turn_label, self.timer_label):
            top.addWidget(w)
        top.addStretch(1)
        for w in (self.advance, self.timer_seconds, self.set_timer, self.room_button):
            top.addWidget(w)
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(QLabel("Seats (who has submitted; the white cell sees what)"))
        left.addWidget(self.seats, 2)
        left.addWidget(QLabel("MSEL"))
        left.addWidget(self.msel, 2)
        row = QHBoxLayout()
        for b in self.msel_buttons.values():
            row.addWidget(b)
        row.addStretch(1)
        left.addLayout(row)
        if links:
            self.links_box.setPlainText("\n".join(f"{name}: {url}" for name, url in links.items()))
            left.addWidget(QLabel("Join links (each works once; send each seat its own)"))
            left.addWidget(self.links_box, 1)
        holder = QWidget()
        holder.setLayout(left)
        right = QWidget()
        rl = QVBoxLayout(right)
        vrow = QHBoxLayout()
        vrow.addWidget(QLabel("View as"))
        vrow.addWidget(self.view_as, 1)
        rl.addLayout(vrow)
        rl.addWidget(self.pane, 1)
        split = QSplitter()
        split.addWidget(holder)
        split.addWidget(right)
        split.setStretchFactor(1, 2)
        self.setCentralWidget(split)
        self.setWindowTitle("Exercise control — white cell")
        self.advance.clicked.connect(self.advance_turn)
        self.set_timer.clicked.connect(
            lambda: self.link.send({"type": "deadline", "seconds": int(self.timer_seconds.value())})
        )
        self.room_button.clicked.connect(self.show_room)
        for op, b in self.msel_buttons.items():
            b.clicked.connect(lambda _c=False, op=op: self.msel_op(op))
        self.view_as.currentIndexChanged.connect(lambda _i: self.request_view())
        self.countdown.start()
        self.resize(1500, 900)

    def on_message(self, msg: dict[str, Any]) -> None:
        super().on_message(msg)
        kind = msg.get("type")
        if kind == "view":
            who = str(msg.get("as", ""))
            turn = int(msg["view"]["turn"])
            if who == "room" and self.room is not None:
                self.room.pane.show_view(msg["view"])
            elif who == str(self.view_as.currentData() or ""):
                self.pane.show_view(msg["view"])
            if not who and turn != self.last_turn:  # a turn resolved: the chosen view and the room follow
                self.last_turn = turn
                if self.view_as.currentData():
                    self.request_view()
                if self.room is not None:
                    self.link.send({"type": "view", "as": "room"})
        elif kind == "status":
            self._status(msg)

    def _status(self, msg: dict[str, Any]) -> None:
        ended = " (the game has ended)" if msg.get("ended") else ""
        self.turn_label.setText(f"Turn {msg['turn']} open{ended}")
        self.advance.setText(f"Advance turn {msg['turn']}")
        self.advance.setEnabled(not msg.get("ended"))
        self.seconds_left = msg.get("seconds_left")
        self.timer_label.setText(_clock(self.seconds_left))
        seats = msg.get("seats", [])
        if self.view_as.count() == 1 and seats:
            for s in seats:
                self.view_as.addItem(f"{s['name']} ({', '.join(s['states'])})", s["name"])
            self.view_as.addItem("observer (public picture)", "observer")
            self.view_as.addItem("room display", "room")
        self.seats.setRowCount(len(seats))
        for r, s in enumerate(seats):
            cells = (
                s["name"],
                ", ".join(s["states"]),
                "yes" if s["connected"] else "no",
                "submitted" if s["submitted"] else "not yet",
                "; ".join(s["pending"]) or "none",
            )
            for c, text in enumerate(cells):
                self.seats.setItem(r, c, QTableWidgetItem(text))
        rows = msg.get("msel", [])
        self.msel.setRowCount(len(rows))
        for r, m in enumerate(rows):
            cells = (m["serial"], "" if m["turn"] is None else str(m["turn"]), m["status"], m["time"], m["message"])
            for c, text in enumerate(cells):
                self.msel.setItem(r, c, QTableWidgetItem(text))

    def _tick(self) -> None:
        if self.seconds_left is not None:
            self.seconds_left = max(0.0, self.seconds_left - 1.0)
            self.timer_label.setText(_clock(self.seconds_left))

    def request_view(self) -> None:
        who = str(self.view_as.currentData() or "")
        if not who:
            view = self.link.latest.get("view")
            if view is not None and "as" not in view:
                self.pane.show_view(view["view"])
            self.link.send({"type": "view"})
        else:
            self.link.send({"type": "view", "as": who})

    def advance_turn(self) -> None:
        status = self.link.latest.get("status")
        if status is not None:
            self.link.send({"type": "advance", "turn": int(status["turn"])})

    def msel_op(self, op: str) -> None:
        row = self.msel.currentRow()
        if row < 0:
            self.statusBar().showMessage("Choose an MSEL row first.", 4000)
            return
        self.link.send({"type": "msel", "op": op, "serial": self.msel.item(row, 0).text()})

    def show_room(self) -> RoomWindow:
        if self.room is None:
            self.room = RoomWindow(self)
        self.room.place()
        self.link.send({"type": "view", "as": "room"})
        return self.room

    def closeEvent(self, event: QCloseEvent) -> None:
        self.countdown.stop()
        if self.room is not None:
            self.room.close()
        super().closeEvent(event)
        if self.on_close is not None:
            self.on_close()


def open_joined(link: ExerciseLink, parent: QWidget | None = None) -> QObject:
    """The window for the role the server gives this link (a seat's window, or the dashboard), once it answers."""
    holder: dict[str, QMainWindow] = {}

    def first(msg: dict[str, Any]) -> None:
        if holder:
            return
        if msg.get("type") == "refused":
            win: QMainWindow = SeatWindow(link, parent)
        elif msg.get("type") == "welcome":
            role = Role.from_dict(msg["role"])
            win = DashboardWindow(link, parent=parent) if role.white else SeatWindow(link, parent)
        else:
            return
        holder["win"] = win
        win.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        win.show()

    link.message.connect(first)
    return link


# ------------------------------------------------------------------------------------------ hosting
class HostDialog(QDialog):
    """Host exercise…: the saved game, its seats, where to listen, a turn timer."""

    def __init__(self, game_path: str = "", seats: list[str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Host exercise")
        self.path = QLineEdit(game_path)
        self.seats = QPlainTextEdit("\n".join(seats or []))
        self.seats.setPlaceholderText("one seat a line: NAME=STATE[,STATE…][+ALLY,…]  e.g.  US cell=USA")
        self.bind = QLineEdit("127.0.0.1")
        self.bind.setToolTip("127.0.0.1: this computer only; 0.0.0.0: every network this computer is on")
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setValue(8765)
        self.timer = QDoubleSpinBox()
        self.timer.setRange(0, 7 * 24 * 3600)
        self.timer.setSuffix(" s")
        self.timer.setSpecialValueText("no timer")
        form = QFormLayout(self)
        form.addRow("Saved game", self.path)
        form.addRow("Seats", self.seats)
        form.addRow("Listen on", self.bind)
        form.addRow("Port", self.port)
        form.addRow("Turn timer", self.timer)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict[str, Any]:
        seats = [line.strip() for line in self.seats.toPlainText().splitlines() if line.strip()]
        return {
            "game": self.path.text().strip(),
            "seats": seats,
            "bind": self.bind.text().strip() or "127.0.0.1",
            "port": int(self.port.value()),
            "seconds": float(self.timer.value()),
        }


class Hosted:
    """A server started from the app: the game, the exercise and the server's thread (stopped together)."""

    def __init__(self, game: str | Path, seats: list[str], bind: str = "127.0.0.1", port: int = 8765) -> None:
        from wargame import server

        self.game = server.open_hosted(game)
        try:
            self.exercise = server.Exercise(self.game, server.seat_roles(seats))
            self.host = server.Host(self.exercise, bind, port)
            self.thread: threading.Thread = self.host.run_in_thread()
        except BaseException:
            self.game.close()
            raise
        shown = "127.0.0.1" if bind in ("", "0.0.0.0") else bind
        self.links = {n: server.join_link(shown, self.host.port, t) for n, t in self.exercise.issue_tokens().items()}

    def stop(self) -> None:
        self.host.stop()
        self.thread.join(30)
        self.game.close()


def host_exercise(values: dict[str, Any], parent: QWidget | None = None) -> DashboardWindow:
    """Start a server for ``values`` (:meth:`HostDialog.values`) and open its dashboard, joined as the white cell.
    Raises AppError (one line) when the game or the seats are wrong, OSError when the port is taken."""
    hosted = Hosted(values["game"], values["seats"], values["bind"], values["port"])
    link = ExerciseLink(hosted.links.pop("facilitator")).start()
    win = DashboardWindow(link, hosted.links, on_close=hosted.stop, parent=parent)
    if values.get("seconds"):
        link.send({"type": "deadline", "seconds": values["seconds"]})
    win.hosted = hosted  # type: ignore[attr-defined]
    return win
