"""Render the dock under Xvfb (zh_CN, both modes, a patch with photos) to PNG; the pictures are for people to
look at (build/screens): township's patch page and findings, county's patch page and records, both at 1366×768, two dossier
pages. The test asserts they are real renderings."""
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
    # township: patch page, findings; county: patch page, county records; both again at 1366×768, and the
    # township's findings; two dossier pages
    assert len(shots) == 9
    sizes = [QImage(path).size() for path in shots]
    assert [(s.width(), s.height()) for s in sizes[:4]] == [(620, 1000)] * 4
    assert [(s.width(), s.height()) for s in sizes[7:]] == [(827, 1169)] * 2
    # the laptop shots are 440 × 700: the dock's button rows wrap, nothing keeps it wider
    assert [(s.width(), s.height()) for s in sizes[4:7]] == [(440, 700)] * 3
    for path in shots:
        img = QImage(path)
        colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
        assert len(colours) > 40  # text, thumbnails, bars: not an empty grey window
