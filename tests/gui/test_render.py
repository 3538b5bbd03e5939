"""Render the dock under Xvfb (zh_CN, both modes, a patch with photos) to PNG; the pictures are for people to
look at (build/screens): township verify and evidence, county review and records. The test asserts they are
real renderings of a filled dock."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_render_dock_under_xvfb(tmp_path):
    from qgis.PyQt.QtGui import QImage

    out = os.path.join(ROOT, "build", "screens")
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "cfg"))
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", sys.executable,
                           os.path.join(ROOT, "tests", "gui", "render_dock.py"), out],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    shots = proc.stdout.split()
    assert len(shots) == 4  # township: verify, evidence; county: review, county records
    for path in shots:
        img = QImage(path)
        assert (img.width(), img.height()) == (620, 1000)
        colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
        assert len(colours) > 40  # text, thumbnails, bars: not an empty grey window
