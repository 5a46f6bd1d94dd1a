"""Output folders hold one run's files: a manifest names what the last run wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

import burden as bd
from burden.cli import main
from burden.io.files import stale_outputs, write_files

EXAMPLES = Path(__file__).parent.parent.parent / "examples" / "scenarios"


def test_only_files_the_last_write_named_are_removed(tmp_path: Path) -> None:
    write_files(tmp_path, {"a.csv": b"1", "b.csv": b"2", "c.png": b"3"}, manifest=".run")
    (tmp_path / "mine.csv").write_text("not burden's")
    (tmp_path / "c.png").unlink()  # already gone: nothing to remove
    (tmp_path / "link.csv").symlink_to(tmp_path / "mine.csv")
    (tmp_path / ".run").write_text("a.csv\nb.csv\nc.png\nlink.csv\n../up.csv\n")
    assert stale_outputs(tmp_path, ".run", ["a.csv"]) == ["b.csv"]  # regular files only
    written = write_files(tmp_path, {"a.csv": b"new"}, manifest=".run")
    assert [p.name for p in written] == ["a.csv"]
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {"a.csv", "mine.csv", "link.csv", ".run"}
    assert (tmp_path / ".run").read_text() == "a.csv\n"
    # another manifest (another producer) never touches these files
    write_files(tmp_path, {"z.csv": b"z"}, manifest=".other")
    assert (tmp_path / "a.csv").read_bytes() == b"new"


def test_a_folder_without_a_manifest_keeps_everything(tmp_path: Path) -> None:
    (tmp_path / "old.csv").write_text("from an older release")
    write_files(tmp_path, {"a.csv": b"1"}, manifest=".run")
    assert (tmp_path / "old.csv").exists()


@pytest.mark.parametrize("manifest", ["run", "a/.run", ".a.csv"])
def test_a_manifest_is_a_hidden_name_of_its_own(tmp_path: Path, manifest: str) -> None:
    files = {"a.csv": b"1", ".a.csv": b"2"} if manifest == ".a.csv" else {"a.csv": b"1"}
    with pytest.raises(bd.InvalidInputError):
        write_files(tmp_path, files, manifest=manifest)
    assert not list(tmp_path.iterdir())


def test_burden_run_says_what_it_removed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    both = (EXAMPLES / "monte_carlo.toml").read_text(encoding="utf-8")
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    first.write_text(both)
    # the same comparison without the uncertain inputs and the analysis
    head = both.split("\ncorrelation = [")[0]
    second.write_text(
        head
        + "\n[agreements.sma11]"
        + both.split("\n[agreements.sma11]")[1].split("\n[[parameters]]")[0]
    )
    assert main(["run", str(first), "--out", str(out)]) == 0
    assert (out / "monte_carlo_demand_vs_sma11.csv").exists()
    capsys.readouterr()
    assert main(["run", str(second), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "removed 2 files of an earlier run there: monte_carlo_demand_vs_sma11.csv" in printed
    assert not (out / "monte_carlo_demand_vs_sma11.csv").exists()
    assert (out / "compare_demand_vs_sma11.csv").exists()


def test_the_new_file_under_another_spelling_is_never_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On a case-insensitive file system (macOS, Windows) "compare_A.csv" of the last run
    # is the "compare_a.csv" just written: simulated by a samefile that ignores case.
    write_files(tmp_path, {"compare_A.csv": b"old"}, manifest=".run")
    real = Path.samefile

    def insensitive(self: Path, other: str | Path) -> bool:
        return str(self).casefold() == str(other).casefold() or real(self, other)

    monkeypatch.setattr(Path, "samefile", insensitive)
    write_files(tmp_path, {"compare_a.csv": b"new"}, manifest=".run")
    assert (tmp_path / "compare_A.csv").exists()  # not removed: it "is" the new output
    assert (tmp_path / "compare_a.csv").read_bytes() == b"new"


def test_a_file_that_cannot_be_removed_stays_listed_and_is_not_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_files(tmp_path, {"a.csv": b"1", "b.csv": b"2"}, manifest=".run")
    real = Path.unlink

    def refuse_b(self: Path, missing_ok: bool = False) -> None:
        if self.name == "b.csv":
            raise PermissionError(1, "Operation not permitted")
        real(self, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", refuse_b)
    write_files(tmp_path, {"a.csv": b"3"}, manifest=".run")
    assert (tmp_path / "b.csv").exists()
    assert (tmp_path / ".run").read_text().splitlines() == ["a.csv", "b.csv"]  # tried again
    monkeypatch.setattr(Path, "unlink", real)
    write_files(tmp_path, {"a.csv": b"4"}, manifest=".run")
    assert not (tmp_path / "b.csv").exists()


def test_a_file_name_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(bd.InvalidInputError, match="file name"):
        write_files(tmp_path, {"a.csv\nmine.csv": b"1"}, manifest=".run")
