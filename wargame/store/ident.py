"""The saved game's file identity, importable without SQLAlchemy (the application checks a file's header
before it opens the store)."""

from __future__ import annotations

APPLICATION_ID = 0x57474D31
"""``PRAGMA application_id`` of every wargame saved game ("WGM1")."""
