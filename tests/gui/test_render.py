"""Render the dock under Xvfb (zh_CN, both modes, a patch with photos) to PNG; the pictures are for people to
look at (`make screenshots` puts them in build/screens): township's patch page and findings, county's patch page and records, both at 1366×768, two dossier
pages. The test asserts they are real renderings."""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_render_dock_under_xvfb(tmp_path):
    from qgis.PyQt.QtGui import QImage

    out = str(tmp_path / "screens")  # this run's own: two test runs at once once removed each other's package here
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "cfg"))
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x1024x24", sys.executable,
                           os.path.join(ROOT, "tests", "gui", "render_dock.py"), out, str(tmp_path / "img")],
                          env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    shots = proc.stdout.split()
    # township: patch page, findings; county: patch page, county records; both again at 1366×768, and the
    # township's findings; the window with the map and the dock (the README's); two dossier pages; the field
    # project's map; the manual's pictures copied (make screenshots)
    assert len(shots) == 11
    from .render_dock import MANUAL_SHOTS

    assert sorted(os.listdir(tmp_path / "img")) == sorted(MANUAL_SHOTS)
    assert QImage(str(tmp_path / "img" / "field_map.png")).size().width() == 480
    sizes = [QImage(path).size() for path in shots]
    assert [(s.width(), s.height()) for s in sizes[:4]] == [(620, 1000)] * 4
    assert [(s.width(), s.height()) for s in sizes[8:10]] == [(827, 1169)] * 2 and sizes[10].width() == 480
    desk = QImage(shots[7])
    assert (desk.width(), desk.height()) == (1366, 768)
    # the map's half is the imagery drawn (a field of many greens and browns), not an empty canvas
    greens = {desk.pixel(x, y) for x in range(0, 600, 5) for y in range(0, 760, 5)}
    assert len(greens) > 200
    # the laptop shots are 440 × 700: the dock's button rows wrap, nothing keeps it wider
    assert [(s.width(), s.height()) for s in sizes[4:7]] == [(440, 700)] * 3
    for path in shots:
        img = QImage(path)
        colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
        assert len(colours) > 40  # text, thumbnails, bars: not an empty grey window
    # Chinese for the run only: `make screenshots` never writes the language into anyone's QGIS settings (it once
    # did, and every later QGIS process on the machine spoke Chinese)
    written = [open(os.path.join(r, f), encoding="utf-8", errors="replace").read()
               for r, _, fs in os.walk(tmp_path / "cfg") for f in fs if f.endswith(".ini")]
    assert not any("userLocale" in text for text in written)
