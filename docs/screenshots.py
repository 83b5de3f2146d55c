"""Takes the README's screenshots of the listening pages: builds the sample articles with the
real engine into a temporary folder, serves it, and photographs an episode page in Chromium at
desktop and phone widths, as 256-colour PNGs.

    .venv/bin/python docs/screenshots.py        # writes docs/page-desktop.png, docs/page-phone.png
"""

from __future__ import annotations

import io
import sys
import tempfile
import threading
import time
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from audio_edition.build import BuildOptions, build  # noqa: E402
from audio_edition.config import load_edition  # noqa: E402
from audio_edition.serve import PodcastServer  # noqa: E402
from test_pages import _driver  # noqa: E402

SHOTS = {
    "page-desktop.png": dict(width=1280, height=900, mobile=False, follow=True),
    "page-phone.png": dict(width=390, height=844, mobile=True, follow=False),
}
SENTENCE = 7
"""Which sentence of the transcript is being read in the pictures."""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        (out / "edition.toml").write_bytes((ROOT / "edition.toml").read_bytes())
        config = load_edition(out)
        build([ROOT / "articles" / "night-library.md"], out, config, ROOT / "voices",
              BuildOptions(cache=None))
        server = PodcastServer(out, port=0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        driver = _driver()
        try:
            for name, shot in SHOTS.items():
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                    "width": shot["width"], "height": shot["height"], "deviceScaleFactor": 1,
                    "mobile": shot["mobile"]})
                driver.get(server.url + "episodes/night-library.html")
                time.sleep(0.5)
                driver.execute_script(
                    "var s = document.querySelectorAll('.transcript [data-start]')[arguments[0]];"
                    "document.querySelector('audio').currentTime = Number(s.dataset.start) + 0.1;"
                    "if (arguments[1]) s.scrollIntoView({block: 'center'});",
                    SENTENCE, shot["follow"])
                time.sleep(0.5)
                png = driver.get_screenshot_as_png()
                image = Image.open(io.BytesIO(png)).convert("RGB").quantize(256)
                image.save(ROOT / "docs" / name, optimize=True)
                print(ROOT / "docs" / name, (ROOT / "docs" / name).stat().st_size, "bytes")
        finally:
            driver.quit()
            server.shutdown()


if __name__ == "__main__":
    main()
