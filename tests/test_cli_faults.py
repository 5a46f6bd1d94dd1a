"""The command line fails like a Unix tool (issue 11): one line, a documented exit status.

Exit status (``burden --help`` epilog, docs/reliability.md): 0 success, 1 runtime failure,
2 bad input, 130 interrupted. Nothing outside the output folder is ever replaced.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

import burden.cli
from burden import InvalidInputError
from burden.cli import main
from burden.io.files import _check_target, write_files

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}  # the subprocess runs this checkout's burden


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def _burden(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [sys.executable, "-m", "burden.cli", *args],
        capture_output=kwargs.pop("capture_output", True),
        text=True,
        check=False,
        env=ENV,
        timeout=120,
        **kwargs,
    )


def _one_line(err: str, start: str = "burden: error:") -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(start), err
    assert "Traceback" not in err
    return lines[0]


def test_help_documents_the_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for code in ("0 ", "1 ", "2 ", "130"):
        assert f"  {code}" in out


def test_ctrl_c_in_the_work_is_one_line_and_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(_args: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(burden.cli, "_dispatch", interrupted)
    assert main(["compare", "SMA-10-HELD", "SMA-11"]) == 130
    assert capsys.readouterr().err == "burden: interrupted\n"


def test_an_internal_error_is_one_line_and_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(_args: object) -> str:
        msg = "a bug\nover two lines"
        raise RuntimeError(msg)

    monkeypatch.setattr(burden.cli, "_dispatch", broken)
    assert main(["compare", "SMA-10-HELD", "SMA-11"]) == 1
    line = _one_line(capsys.readouterr().err)
    assert "internal error: RuntimeError: a bug over two lines" in line


def test_sigint_of_a_running_report(tmp_path: Path) -> None:
    out = tmp_path / "report"
    # The child says "ready" once burden's command line is loaded: a Ctrl-C during the
    # interpreter's own start-up (site packages) is Python's, not burden's, to report.
    child = (
        "import sys, burden.cli; sys.stderr.write('ready\\n'); sys.stderr.flush(); "
        f"sys.exit(burden.cli.main(['report', '--out', {str(out)!r}]))"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", child],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=ENV,
    )
    assert proc.stderr is not None
    assert proc.stderr.readline() == "ready\n"
    time.sleep(0.2)  # not a timing threshold: the signal may land at any point of the run
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode in (0, 130), err
    if proc.returncode == 130:
        assert err == "burden: interrupted\n"
    assert "Traceback" not in err
    leftovers = list(out.glob(".*.part")) if out.exists() else []
    assert leftovers == []


def test_interrupted_writing_leaves_nothing(tmp_path: Path) -> None:
    class Files(Mapping[str, bytes]):
        def __getitem__(self, key: str) -> bytes:
            return b"x"

        def __len__(self) -> int:
            return 2

        def __iter__(self) -> Iterator[str]:
            return iter(["a.csv", "b.csv"])

        def items(self) -> Iterator[tuple[str, bytes]]:  # type: ignore[override]
            yield "a.csv", b"x"
            raise KeyboardInterrupt

    target = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        write_files(target, Files())
    assert not target.exists()  # created by the call, removed again: nothing half-written


def test_closed_stdout_is_one_line_and_1() -> None:
    done = _burden("compare", "SMA-10-HELD", "SMA-11", preexec_fn=lambda: os.close(1))
    assert done.returncode == 1
    assert "standard output" in _one_line(done.stderr)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_full_stdout_is_one_line_and_1() -> None:
    with Path("/dev/full").open("w") as full:
        done = _burden(
            "datasets",
            "export",
            "sma_history",
            stdout=full,
            capture_output=False,
            stderr=subprocess.PIPE,
        )
    assert done.returncode == 1
    assert "No space left on device" in _one_line(done.stderr)


def test_a_device_is_never_replaced() -> None:
    # Only lstat is called here: /dev/null is refused before anything is written.
    with pytest.raises(InvalidInputError, match="character device"):
        _check_target(Path("/dev"), Path("/dev/null"))


def test_special_files_as_out_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    outside = tmp_path / "outside.csv"
    outside.write_text("keep me")
    (tmp_path / "out").mkdir()
    link = tmp_path / "out" / "link.csv"
    link.symlink_to(outside)
    dangling = tmp_path / "dangling.csv"
    dangling.symlink_to(tmp_path / "nowhere" / "x.csv")
    device_link = tmp_path / "null.csv"
    device_link.symlink_to("/dev/null")
    sock_path = tmp_path / "sock.csv"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    try:
        for target in (fifo, link, dangling, device_link, sock_path):
            done = _burden("datasets", "export", "sma_history", "--out", str(target))
            assert done.returncode == 2, (target, done.stderr)
            _one_line(done.stderr)
    finally:
        sock.close()
    assert outside.read_text() == "keep me"
    assert fifo.is_fifo()
    assert link.is_symlink()
    assert dangling.is_symlink()
    assert not (tmp_path / "nowhere").exists()


def test_a_link_inside_the_folder_may_be_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_text("old")
    (tmp_path / "b.csv").symlink_to(tmp_path / "a.csv")
    write_files(tmp_path, {"b.csv": b"new"})
    assert (tmp_path / "b.csv").read_text() == "new"
    assert (tmp_path / "a.csv").read_text() == "old"


def test_empty_out_is_refused(tmp_path: Path) -> None:
    for args in (("report", "--out", ""), ("datasets", "export", "sma_history", "--out", "")):
        done = _burden(*args, cwd=tmp_path)
        assert done.returncode == 2
        assert "empty path" in _one_line(done.stderr)
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(InvalidInputError, match="empty path"):
        write_files("", {"a.csv": b"x"})


def test_a_huge_year_span_is_refused_at_once() -> None:
    done = _burden("report", "--years", "2020-1000000000")
    assert done.returncode == 2
    assert "between 1900 and 2200" in _one_line(done.stderr)


def test_deeply_nested_toml_is_one_line_and_2(tmp_path: Path) -> None:
    path = tmp_path / "deep.toml"
    path.write_text("x = " + "[" * 50_000 + "]" * 50_000 + "\n")
    done = _burden("run", str(path), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert "nested" in _one_line(done.stderr)
    assert not (tmp_path / "out").exists()
