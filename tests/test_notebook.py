"""The example notebook runs top to bottom and shows what it promises."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).parent.parent / "examples" / "seed_analysis.ipynb"


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # from Jupyter's own stack
def test_notebook_executes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The kernel is a new process started in tmp_path: make it import this checkout's
    # burden (not whichever copy is installed).
    root = str(NOTEBOOK.parent.parent)
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
    )
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(
        nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    text = "\n".join(
        str(out.get("text", ""))
        + str(out.get("data", {}).get("text/plain", ""))
        + str(out.get("data", {}).get("text/html", ""))
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )
    # USD 5 bn x 1,165.8016 KRW/USD over KRW 1,038.9 bn (S31, S66, S1).
    assert "5.61 times" in text
    assert "1402.8" in text  # 2025 under the 11th SMA, KRW bn (S6)
    assert "<table" in text  # the comparison renders as HTML
    # Figures render inline (no Agg backend in a cell): PNG outputs, one per figure cell.
    images = [
        out
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.outputs
        if "image/png" in out.get("data", {})
    ]
    assert len(images) >= 2  # the comparison and the fan chart
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "Agg" not in sources
    assert "total ratio > 5.3" in text  # prim() straight from the Monte Carlo result
    errors = [
        o
        for c in nb.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.get("output_type") == "error"
    ]
    assert not errors
