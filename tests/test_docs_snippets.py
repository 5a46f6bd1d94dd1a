"""The Python code shown in the README and the docs runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```python\n(.*?)```", re.DOTALL)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_code_blocks_run(page: Path) -> None:
    blocks = BLOCK.findall(page.read_text(encoding="utf-8"))
    namespace: dict[str, object] = {"__name__": "__main__"}  # as a script runs
    exec("import numpy as np\nimport burden as bd", namespace)  # noqa: S102 - our own docs
    for code in blocks:  # in page order: later blocks may use earlier names
        exec(compile(code, f"{page.name}", "exec"), namespace)  # noqa: S102


def test_pages_have_code() -> None:
    assert sum(len(BLOCK.findall(p.read_text(encoding="utf-8"))) for p in PAGES) >= 4
