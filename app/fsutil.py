"""Atomic, private file writes: temp file in the same folder, 0600 before the first
byte, fsync, ``os.replace``, fsync of the folder."""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def _private_temp(target: Path) -> Iterator[tuple[Path, BinaryIO]]:
    """A new 0600 temp file beside ``target``, fsynced when the block ends; removed
    if the block fails."""
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(tmp, flags, 0o600)
    except OSError as exc:  # name the file the person chose, not our temp file
        raise OSError(exc.errno, exc.strerror, str(target)) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield tmp, fh
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], *, overwrite: bool = True) -> Iterator[BinaryIO]:
    """Stream into a private temp file beside ``path``; on success fsync and rename it
    over ``path``; on any error remove it and leave ``path`` untouched."""
    target = Path(path)
    if not overwrite and target.exists():
        raise FileExistsError(str(target))
    with _private_temp(target) as (tmp, fh):
        yield fh
    Staged(target, tmp, overwrite).publish()


def atomic_write(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` so that readers see either the old or the new file."""
    with atomic_writer(path, overwrite=overwrite) as fh:
        fh.write(data)


def make_private_dir(path: str | os.PathLike[str]) -> Path:
    folder = Path(path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name != "nt":
        os.chmod(folder, 0o700)
    return folder


class Staged:
    """Bytes written and fsynced to a private temp file beside ``target``, not yet under
    its name: :meth:`publish` renames them into place, :meth:`discard` removes them. A
    crash in between leaves only the hidden temp file, never a half-done target."""

    def __init__(self, target: Path, tmp: Path, overwrite: bool) -> None:
        self.target, self.tmp, self.overwrite = target, tmp, overwrite

    def publish(self) -> None:
        try:
            if not self.overwrite and self.target.exists():
                raise FileExistsError(str(self.target))
            os.replace(self.tmp, self.target)
        except BaseException:
            self.discard()
            raise
        fsync_dir(self.target.parent)

    def discard(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.tmp.unlink()


def stage(path: str | os.PathLike[str], data: bytes, *, overwrite: bool = True) -> Staged:
    """Write ``data`` durably beside ``path`` without putting it in place yet."""
    target = Path(path)
    if not overwrite and target.exists():
        raise FileExistsError(str(target))
    with _private_temp(target) as (tmp, fh):
        fh.write(data)
    return Staged(target, tmp, overwrite)
