"""Presentation mode (F11): the map alone, full screen, sized for a room, with the turn banner and the card
"what happened this turn"; F11 again brings the window back as it was.

The fonts, symbols and key grow with the screen (readable from the back of a room at 1024×768: labels of
about 18 px there); the banner and card (:mod:`wargame.gui.presentation`) keep off the theatre like the key.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar, QWidget

from wargame.gui import gates
from wargame.gui.a11y import apply_theme
from wargame.gui.actions import ActionSpec
from wargame.gui.controllers import Controller
from wargame.gui.map_panel import MapPanel
from wargame.gui.notices import Changes
from wargame.gui.presentation import CARD_WIDTH, TurnBanner, TurnCard
from wargame.gui.session import Session, Ui


def room_scale(height: int) -> float:
    """How much bigger labels are drawn for a room, from the window's height: 1.6 at 768 px, 2.2 at 1080."""
    return max(1.4, min(2.6, height / 480.0))


class PresentationController(Controller):
    """F11 toggles presentation mode (see the module docstring)."""

    listens = Changes.GAME_CLOSED

    def __init__(self, session: Session, ui: Ui, map_panel: MapPanel) -> None:
        super().__init__(session, ui)
        self.map_panel = map_panel
        view = map_panel.view
        self.banner = TurnBanner(view)
        self.card = TurnCard(view)
        view.add_overlay(self.banner)
        view.add_overlay(self.card)
        session.hub.subscribe(self.banner)
        session.hub.subscribe(self.card)
        self.active = False
        self._saved: tuple[QByteArray, QByteArray, bool, list[QWidget]] | None = None
        view.installEventFilter(self)
        self.high_contrast = str(ui.settings.value("view/highContrast", "false")).lower() == "true"
        if self.high_contrast:
            apply_theme(True)

    def action_specs(self) -> list[ActionSpec]:
        return [
            ActionSpec(
                "view.present",
                "&Presentation mode",
                self.toggle,
                ("F11",),
                "The map alone, full screen, for a projector: big labels, the turn banner and what happened this "
                "turn (F11 again to leave)",
                gates.with_game,
                "&View",
            ),
            ActionSpec(
                "view.high_contrast",
                "&High-contrast theme",
                self.toggle_contrast,
                ("Ctrl+Alt+H",),
                "White on black with yellow focus and selection, for a dim room or low vision (again to go back)",
                gates.always,
                "&View",
            ),
        ]

    def toggle_contrast(self) -> None:
        """Switch the high-contrast theme on or off (remembered in the settings)."""
        self.high_contrast = not self.high_contrast
        apply_theme(self.high_contrast)
        self.ui.settings.setValue("view/highContrast", "true" if self.high_contrast else "false")
        self.ui.status("High-contrast theme " + ("on" if self.high_contrast else "off"), 3000)

    def toggle(self) -> None:
        self.leave() if self.active else self.enter()

    def _window(self) -> QMainWindow | None:
        w = self.ui.widget()
        return w if isinstance(w, QMainWindow) else None

    def enter(self, *, full_screen: bool = True) -> bool:
        """Hide everything but the map, go full screen (``full_screen``), scale the map for a room."""
        win = self._window()
        if self.active or win is None or self.session.game is None:
            return False
        hidden = [w for w in (*win.findChildren(QDockWidget), *win.findChildren(QToolBar)) if w.isVisible()]
        hidden += [w for w in (win.menuBar(), win.statusBar()) if w.isVisible()]
        self._saved = (win.saveGeometry(), win.saveState(), win.isFullScreen(), hidden)
        for w in hidden:
            w.hide()
        self.active = True
        if full_screen:
            win.showFullScreen()
        self.banner.on_changes(Changes.RELOADED, self.session)
        self.card.on_changes(Changes.RELOADED, self.session)
        self.banner.show()
        self.card.show()
        self.arrange()
        self.map_panel.view.setFocus()
        self.ui.status("Presentation mode: F11 leaves it", 4000)
        return True

    def leave(self) -> None:
        """Bring the window back as it was."""
        win = self._window()
        if not self.active or win is None or self._saved is None:
            return
        geometry, state, was_full, hidden = self._saved
        self.active = False
        self.banner.hide()
        self.card.hide()
        self.map_panel.view.set_text_scale(1.0)
        if not was_full:
            win.showNormal()
        for w in hidden:
            w.show()
        win.restoreGeometry(geometry)
        win.restoreState(state)
        self._saved = None

    def arrange(self) -> None:
        """Scale the map's text for the window's size; put the banner at the top, the card where the key is not
        and the theatre is not."""
        if not self.active:
            return
        view = self.map_panel.view
        win = self._window()
        scale = room_scale(win.height() if win is not None else view.height())
        view.set_text_scale(scale)
        self.banner.set_scale(scale)
        self.banner.move((view.width() - self.banner.width()) // 2, 8)
        self.banner.raise_()
        self.card.set_scale(scale, max(260, int(view.width() * CARD_WIDTH)))
        legend = view.legend_widget().geometry() if view.legend_widget().isVisible() else QRect()
        banner = self.banner.geometry()
        size = self.card.size()
        below = banner.bottom() + 8
        spots = [
            QRect(8, below, size.width(), size.height()),  # the top corners, under the banner, first
            QRect(view.width() - size.width() - 8, below, size.width(), size.height()),
            *view.legend_candidates_for(size),
        ]
        spots = [r for r in spots if not r.intersects(legend) and not r.intersects(banner)]
        if spots:
            focus = set(view.picture().focus)

            def cost(ir: tuple[int, QRect]) -> tuple[int, int, int]:
                hits = view.covered_by(ir[1])
                return (sum(h in focus for h in hits), len(hits), ir[0])

            self.card.move(min(enumerate(spots), key=cost)[1].topLeft())
        self.card.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() == QEvent.Type.Resize:
            self.arrange()
        return False

    def on_changes(self, _changes: Changes, session: Session) -> None:
        if session.game is None:
            self.leave()

    def shutdown(self) -> None:
        self.leave()
