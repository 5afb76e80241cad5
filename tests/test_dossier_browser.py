"""The HTML dossier in a real browser (headless Chromium) with the network cut off:
its charts must be drawn from the file alone."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from readouts.dossier import CHANNEL_COLOURS, build_dossier, render_dossier
from readouts.store import Store
from storefixtures import build_store

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")


def no_network_prefix() -> list[str]:
    """`unshare --net` (a namespace with no network at all) where we may use it."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "--net", "true"], capture_output=True).returncode == 0:
        return [unshare, "--net"]
    return []


def screenshot(page: Path, png: Path, width: int = 1100, height: int = 1400) -> None:
    """Render `page` with every network request refused, into `png`."""
    command = no_network_prefix() + [
        CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
        "--no-first-run", "--disable-extensions", "--disable-background-networking",
        # belt and braces when no namespace is available: nothing resolves, no proxy works
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9",
        "--force-device-scale-factor=1", f"--window-size={width},{height}",
        f"--screenshot={png}", page.resolve().as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert png.exists(), result.stderr[-2000:]


def colour_pixels(png: Path, hex_colour: str, tolerance: int = 6) -> int:
    target = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    image = Image.open(png).convert("RGB")
    return sum(1 for pixel in image.get_flattened_data()
               if all(abs(c - t) <= tolerance for c, t in zip(pixel, target)))


def test_charts_show_offline(tmp_path):
    db = build_store(tmp_path / "d.duckdb")
    with Store(db, read_only=True) as store:
        page = tmp_path / "dossier.html"
        page.write_text(render_dossier(build_dossier(store, "NOR", "CHL"), "html"), encoding="utf-8")
    png = tmp_path / "dossier.png"
    screenshot(page, png)
    # bars of the channel chart in the channels' own colours (more than their legend swatches)
    # (a swatch is ~150 pixels; with the chart hidden these counts fall to that)
    assert colour_pixels(png, CHANNEL_COLOURS["phone_call"]) > 1000
    assert colour_pixels(png, CHANNEL_COLOURS["visit_ab"]) > 1000
    # the heat map's fullest cells and the meeting bars share the accent colour
    assert colour_pixels(png, CHANNEL_COLOURS["meeting"]) > 2000
    # the page is not blank: plenty of non-white pixels
    image = Image.open(png).convert("L")
    assert sum(1 for v in image.get_flattened_data() if v < 200) > 10_000
