"""Atomic file writing: regular files into one folder, nothing half-written, nothing clobbered.

:func:`write_files` writes every file in full to a temporary file in the target folder
and only then moves them into place with :func:`os.replace` (atomic on one file
system), with Ctrl-C held back during the moves. It refuses to replace anything that
is not a regular file of that folder: a device (``/dev/full``), a FIFO, a socket, a
folder, or a symbolic link that points outside the folder (or nowhere).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import stat
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from burden.errors import InvalidInputError

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

__all__ = ["check_output_folder", "stale_outputs", "write_files"]


def _kind(mode: int) -> str:
    for test, name in (
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISLNK, "a symbolic link"),
    ):
        if test(mode):
            return name
    return "a special file"


def check_output_folder(folder: str | os.PathLike[str], field: str = "output folder") -> Path:
    """Return `folder` as a Path, refusing an empty path and anything that is not a folder.

    Examples
    --------
    >>> check_output_folder("report").name
    'report'
    """
    text: object = os.fspath(folder)
    if not isinstance(text, str) or not text.strip():
        raise InvalidInputError(
            field, text, "a folder name (an empty path would write into the current folder)"
        )
    target = Path(text)
    if target.exists() and not target.is_dir():
        kind = _kind(target.stat().st_mode) if not target.is_file() else "a file"
        raise InvalidInputError(field, text, f"a folder, not {kind}")
    return target


def _check_target(folder: Path, final: Path) -> None:
    """Refuse to replace anything but a regular file (or a link to one) inside `folder`."""
    try:
        info = final.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return  # nothing there yet (creating the folder reports its own errors)
    if stat.S_ISLNK(info.st_mode):
        try:
            resolved = final.resolve(strict=True)
        except (OSError, RuntimeError):
            raise InvalidInputError(
                "output file", str(final), "a regular file, not a dangling symbolic link"
            ) from None
        if resolved.parent != folder.resolve() or not resolved.is_file():
            raise InvalidInputError(
                "output file",
                str(final),
                "a regular file in the output folder, not a symbolic link to "
                f"{resolved} outside it",
            )
        return
    if not stat.S_ISREG(info.st_mode):
        raise InvalidInputError(
            "output file", str(final), f"a regular file to replace, not {_kind(info.st_mode)}"
        )


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold Ctrl-C back (in the main thread) while files are moved into place."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _is_plain_name(name: object) -> bool:
    """Whether `name` is a visible file name of one line, with no folder in it."""
    return (
        isinstance(name, str)
        and bool(name)
        and Path(name).name == name
        and not name.startswith(".")
        and name.splitlines() == [name]  # one line: a manifest lists one name per line
    )


def stale_outputs(
    folder: str | os.PathLike[str], manifest: str, names: Iterable[str]
) -> list[str]:
    """Return the files an earlier write with `manifest` left in `folder` that `names` lacks.

    The manifest (a hidden file of `folder`, one name per line) lists what the last
    :func:`write_files` call with the same `manifest` wrote; only those files, when
    they are still regular files of the folder, are stale. Nothing else is ever named.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = write_files(tmp, {"a.csv": b"1", "b.csv": b"2"}, manifest=".run")
    ...     stale_outputs(tmp, ".run", ["a.csv"])
    ['b.csv']
    """
    path = Path(folder)
    try:
        listed = (path / manifest).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []  # no manifest (a new folder, or one from an older release): nothing known
    keep = set(names)
    out = []
    for name in listed:
        if name in keep or not _is_plain_name(name):
            continue
        with contextlib.suppress(OSError):
            if stat.S_ISREG((path / name).lstat().st_mode):
                out.append(name)
    return out


def write_files(
    folder: str | os.PathLike[str], files: Mapping[str, bytes], *, manifest: str | None = None
) -> list[Path]:
    """Write `files` into `folder` atomically, in the order given.

    Every file is first written in full to a temporary file in `folder`; only when
    all are written are they moved into place with :func:`os.replace` (atomic on
    one file system), with Ctrl-C held back during the moves. On any error or
    interruption the temporary files are removed, and a folder this call created is
    removed again if it is left empty.

    Parameters
    ----------
    folder : str or PathLike
        Created (with parents) if missing; an empty path is refused.
    files : mapping of str to bytes
        File name (no directories) to contents.
    manifest : str, optional
        A hidden file name (``".burden-report"``): the names written are recorded in
        it, and the files the previous call with this manifest wrote that are not
        written now (:func:`stale_outputs`) are removed after the new ones are in
        place, so a folder never mixes the outputs of two runs.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    InvalidInputError
        If the folder cannot be created or written, a name is not a plain file name,
        or a target is a device, FIFO, socket, folder or a symbolic link leading
        outside the folder.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_files(tmp, {"a.csv": b"x,y"})]
    ['a.csv']
    """
    target = check_output_folder(folder)
    for name in files:
        if not _is_plain_name(name):
            raise InvalidInputError("file name", name, "a plain file name such as 'table.csv'")
    for name in files:
        _check_target(target, target / name)
    if manifest is not None:
        if Path(manifest).name != manifest or not manifest.startswith(".") or manifest in files:
            raise InvalidInputError(
                "manifest", manifest, "a hidden file name such as '.burden-run'"
            )
        _check_target(target, target / manifest)
        stale = stale_outputs(target, manifest, files)
    created = not target.exists()
    staged: list[tuple[Path, Path]] = []
    try:
        try:
            target.mkdir(parents=True, exist_ok=True)
            for name, data in files.items():
                temp = target / f".{name}.{secrets.token_hex(6)}.part"
                staged.append((temp, target / name))
                # "xb": a new file with the usual permissions (umask), never a clobber.
                with temp.open("xb") as stream:
                    stream.write(data)
            with _sigint_held():
                for temp, final in staged:
                    _check_target(target, final)  # again: it may have appeared meanwhile
                    temp.replace(final)
                if manifest is not None:
                    left = _remove(target, stale, list(files))  # the last run's, not now
                    _write_manifest(target, manifest, [*files, *left])
        except OSError as err:
            reason = err.strerror or type(err).__name__
            raise InvalidInputError(
                "output folder", str(target), "a folder that can be written", hint=reason
            ) from None
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        if created and target.is_dir() and not any(target.iterdir()):
            target.rmdir()
    return [final for _, final in staged]


def _remove(folder: Path, names: list[str], written: list[str]) -> list[str]:
    """Remove `names` from `folder`; return those that could not be removed.

    A name that is one of the files just `written` under another spelling (a
    case-insensitive file system: ``compare_A.csv`` is ``compare_a.csv``) is kept.
    """
    left = []
    for name in names:
        path = folder / name
        same = [w for w in written if w.casefold() == name.casefold()]
        with contextlib.suppress(OSError):
            if any(path.samefile(folder / w) for w in same):
                continue  # the new output itself
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            left.append(name)  # still listed: the next run tries again
    return left


def _write_manifest(folder: Path, manifest: str, names: list[str]) -> None:
    """Record `names` (one per line) in the hidden `manifest` of `folder`, atomically."""
    temp = folder / f"{manifest}.{secrets.token_hex(6)}.part"
    try:
        with temp.open("xb") as stream:
            stream.write("".join(f"{name}\n" for name in names).encode("utf-8"))
        temp.replace(folder / manifest)
    finally:
        temp.unlink(missing_ok=True)
