"""The HTML report as a reader sees it: opened in headless Chromium.

CI installs Debian's ``chromium`` (see ``.ci/run``) and sets ``BURDEN_REQUIRE_BROWSER=1``
so that this test cannot silently skip there; on a machine without Chromium it skips.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from burden.report.full import build_report
from burden.report.html import write_report

# Runs after the page has loaded and records, in the DOM, whether every image decoded.
_PROBE = """
<script>
window.addEventListener("load", () => {
  const imgs = Array.from(document.images);
  const ok = imgs.filter((i) => i.complete && i.naturalWidth > 0).length;
  // Visible: laid out with a size, inside the page, not hidden by CSS.
  const visible = imgs.filter((i) => {
    const r = i.getBoundingClientRect();
    const style = getComputedStyle(i);
    return r.width > 100 && r.height > 50 && style.visibility !== "hidden"
      && style.display !== "none";
  }).length;
  const rows = document.querySelectorAll("table tr").length;
  const out = document.createElement("div");
  out.id = "burden-probe";
  out.textContent = `images=${imgs.length} loaded=${ok} visible=${visible} rows=${rows}`;
  document.body.appendChild(out);
});
</script>
"""


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("BURDEN_REQUIRE_BROWSER") == "1":
        pytest.fail("Chromium is required here (BURDEN_REQUIRE_BROWSER=1) but not installed")
    pytest.skip("Chromium is not installed")


def test_report_opens_in_a_browser_with_every_figure(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    browser = _chromium()
    report = build_report(draws=2**10, seed=1)
    index, note = write_report(report.seed, tmp_path / "report", sections=report.sections)
    assert note == ""
    page = index.read_text(encoding="utf-8")
    probed = tmp_path / "probed.html"
    probed.write_text(page.replace("</body>", _PROBE + "</body>"), encoding="utf-8")
    result = subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            probed.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    match = re.search(r"images=(\d+) loaded=(\d+) visible=(\d+) rows=(\d+)", result.stdout)
    assert match, f"no probe output; stderr: {result.stderr[-500:]}"
    images, loaded, visible, rows = (int(g) for g in match.groups())
    # Three seed figures and every section's figures (fan, tornado, splits, zone, today).
    assert images == 3 + sum(len(s.figures) for s in report.sections)
    assert loaded == images
    assert visible == images
    assert rows > 30  # the comparison tables are in the page
    # The headline ratio the report promises (USD 5 bn x 1,165.8016 / KRW 1,038.9 bn; S31, S66, S1).
    assert "5.61" in result.stdout
