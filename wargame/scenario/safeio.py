"""Reading a file a user was sent, safely: a regular file only, never more than a limit.

A path may name a device (``/dev/zero``, ``/dev/urandom``: endless), a terminal or pipe (``/dev/stdin``, a FIFO:
blocks until someone writes), a directory, or a file of gigabytes. :func:`read_limited` opens without blocking, checks
with ``fstat`` that the open file is a regular file (so a path swapped between a check and the open cannot fool it),
and reads at most ``limit`` bytes (a file that grows while read is still cut).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileRefused(Exception):
    """A file that cannot or may not be read; the message is one line and says why (with the limit, if any)."""


def _mb(n: int) -> str:
    return f"{n / 1_000_000:,.0f} MB" if n >= 1_000_000 else f"{n:,} bytes"


def read_limited(path: str | os.PathLike[str], limit: int, what: str = "file") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, else :class:`FileRefused`."""
    p = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except FileNotFoundError:
        raise FileRefused(f"file not found: {_show(p)}") from None
    except IsADirectoryError:
        raise FileRefused(f"is a directory, not a file: {_show(p)}") from None
    except OSError as exc:
        raise FileRefused(f"cannot read {_show(p)}: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise FileRefused(f"is a directory, not a file: {_show(p)}")
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(f"not a regular file (a device, pipe or socket): {_show(p)}")
        if st.st_size > limit:
            raise FileRefused(f"the {what} is {_mb(st.st_size)}; the limit is {_mb(limit)}: {_show(p)}")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileRefused(f"the {what} is larger than the limit of {_mb(limit)}: {_show(p)}")
        return b"".join(chunks)
    except OSError as exc:
        raise FileRefused(f"cannot read {_show(p)}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _show(p: Path, limit: int = 160) -> str:
    text = str(p)
    return text if len(text) <= limit else text[: limit // 2 - 1] + "…" + text[-(limit // 2) :]
