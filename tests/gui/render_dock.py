"""Render the dock to PNG under a real X server (xvfb-run), in zh_CN, in both modes, on a patch with photos; a
dossier's pages; the field project's map as the phone shows it. `make screenshots` puts them in the manual.

Usage: xvfb-run -a python tests/gui/render_dock.py OUT_DIR [IMAGE_DIR]
"""
import os
import shutil
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)


# the pictures the manual (docs/manual/index.md) shows: every one is made here
MANUAL_SHOTS = ("desktop.png", "dock_verifier_0_1366x768.png", "dock_verifier_1_1366x768.png", "dock_reviewer_0.png",
                "dock_reviewer_2.png", "dossier_page1.png", "field_map.png")


def main(out, images=None):
    os.makedirs(out, exist_ok=True)
    # QGIS' settings of this run's own (the user's name, role and recent packages set below stay here)
    os.environ.setdefault("QGIS_CUSTOM_CONFIG_PATH", os.path.join(os.path.abspath(out), "qgis_settings"))
    from weipian_plugin.sample.demo import start_qgis

    app, _provider = start_qgis()
    import processing
    from qgis.PyQt.QtCore import QCoreApplication

    os.environ["WEIPIAN_LOCALE"] = "zh_CN"  # Chinese for this run only: QGIS' settings are never written
    from weipian_plugin.core.profile import load_profile
    from weipian_plugin.language import install_translator
    from weipian_plugin.sample.generator import make_sample
    from weipian_plugin.sample.scenario import run_county_review, run_township_work
    from weipian_plugin.settings import Settings
    from weipian_plugin.store.work_package import WorkPackage

    translator = install_translator()
    assert translator is not None, "zh_CN translation not found"
    sample = make_sample(os.path.join(out, "sample"))
    package = os.path.join(out, "county.gpkg")
    if os.path.exists(package):
        os.remove(package)
    shutil.rmtree(package[:-5] + "_evidence", ignore_errors=True)  # a new package: its own evidence folder
    processing.run("weipian:create_work_package", {"INPUT": sample.shapefile, "OUTPUT": package})
    processing.run("weipian:attach_photos", {"PACKAGE": package, "INPUT": sample.photo_dir, "OUTPUT": "TEMPORARY_OUTPUT"})
    from weipian_plugin.sample.imagery import write_imagery

    before, after = write_imagery(sample.patches, os.path.join(out, "imagery"))
    processing.run("weipian:set_batch_imagery", {"PACKAGE": package, "BEFORE": before, "AFTER": after})
    with WorkPackage.open(package) as wp:
        run_township_work(wp, load_profile("shaanxi_ankang_2023"), sample.document_dir)
        run_county_review(wp, load_profile("shaanxi_ankang_2023"))
    from weipian_plugin.gui.dock import WeipianDock

    shots = []
    # (role, user, tab, size): the tall dock, then as it sits on a 1366×768 laptop (about 440 × 700)
    # tabs: 0 the patch (verdict, evidence, review), 1 findings, 2 county records
    for role, user, tab, size in (("verifier", "五里镇 陈强", 0, (620, 1000)), ("verifier", "五里镇 陈强", 1, (620, 1000)),
                                  ("reviewer", "县卫片办 李明", 0, (620, 1000)), ("reviewer", "县卫片办 李明", 2, (620, 1000)),
                                  ("verifier", "五里镇 陈强", 0, (440, 700)), ("reviewer", "县卫片办 李明", 0, (440, 700)),
                                  ("verifier", "五里镇 陈强", 1, (440, 700))):
        s = Settings.load()
        s.user_name, s.role = user, role
        s.save()
        dock = WeipianDock(iface=None)
        dock.resize(*size)
        dock.show()
        dock.open_package(package)
        while dock.task is not None:
            QCoreApplication.processEvents()
            time.sleep(0.02)
        with_photos = next(e.patch_code for e in dock.wp.evidence() if e.kind == "photo")
        if role == "reviewer":  # a patch waiting for review, with photos
            with_photos = next(p for p in sorted(dock.wp.patch_codes())
                               if dock.wp.state(p) in ("awaiting_review", "resubmitted") and dock.wp.evidence(p)) \
                if any(dock.wp.state(p) == "awaiting_review" for p in dock.wp.patch_codes()) else with_photos
        dock.select_patch(with_photos)
        dock.tabs.setCurrentIndex(tab)
        while dock.page.phases.busy():
            QCoreApplication.processEvents()
            time.sleep(0.02)
        for _ in range(20):
            QCoreApplication.processEvents()
            time.sleep(0.01)
        path = os.path.join(out, f"dock_{role}_{tab}" + ("" if size == (620, 1000) else "_1366x768") + ".png")
        assert dock.grab().save(path)
        shots.append(path)
        dock.close_package()
        dock.deleteLater()
    shots.append(desktop(package, out))
    shots += dossier_pages(package, out)
    shots.append(field_map(package, out))
    if images:
        os.makedirs(images, exist_ok=True)
        for name in MANUAL_SHOTS:
            shutil.copyfile(os.path.join(out, name), os.path.join(images, name))
    print("\n".join(shots))
    return 0


class Desk:
    """What the dock asks of QGIS' interface: the map and the message bar of a window of ours."""

    def __init__(self, window, canvas):
        from qgis.gui import QgsMessageBar

        self.window, self.canvas, self.bar = window, canvas, QgsMessageBar(window)  # goes with the window

    def mapCanvas(self):  # noqa: N802 - QGIS' name
        return self.canvas

    def messageBar(self):  # noqa: N802
        return self.bar


def desktop(package, out):
    """The README's picture: a window with the map over the batch's after imagery, zoomed to a patch with photos,
    and the dock beside it on that patch (a township's verifier), at a laptop's 1366 × 768."""
    from qgis.core import QgsProject
    from qgis.gui import QgsMapCanvas
    from qgis.PyQt.QtCore import QCoreApplication, Qt
    from qgis.PyQt.QtWidgets import QMainWindow

    from weipian_plugin.gui.dock import WeipianDock
    from weipian_plugin.settings import Settings

    s = Settings.load()
    s.user_name, s.role = "五里镇 陈强", "verifier"
    s.save()
    window = QMainWindow()
    canvas = QgsMapCanvas()
    window.setCentralWidget(canvas)
    dock = WeipianDock(iface=Desk(window, canvas))
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    window.resize(1366, 768)
    window.show()
    dock.open_package(package)
    while dock.task is not None:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    canvas.setDestinationCrs(QgsProject.instance().crs())
    canvas.setLayers(QgsProject.instance().layerTreeRoot().checkedLayers())
    code = next(e.patch_code for e in dock.wp.evidence() if e.kind == "photo")
    dock.select_patch(code)
    dock.zoom_to_patch(code)
    begun = time.time()  # the canvas starts drawing on a timer: events for a moment, then until it has drawn
    while time.time() < begun + 1 or (canvas.isDrawing() or dock.page.phases.busy()) and time.time() < begun + 30:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    path = os.path.join(out, "desktop.png")
    assert window.grab().save(path)
    dock.close_package()
    canvas.setLayers([])
    window.close()
    # the window, its canvas and the dock go now, while QGIS is up (left to the interpreter's end, QGIS 3.40 crashed)
    window.deleteLater()
    for _ in range(5):
        QCoreApplication.sendPostedEvents(None, 0)
        QCoreApplication.processEvents()
    return path


def field_map(package, out):
    """A township's field project (QField) drawn as the phone opens it: the after imagery, the patches by state
    with their codes."""
    import processing
    from qgis.core import QgsCoordinateTransform, QgsMapRendererParallelJob, QgsMapSettings, QgsProject
    from qgis.PyQt.QtCore import QSize

    from weipian_plugin.store.work_package import WorkPackage

    with WorkPackage.open(package) as wp:
        town = sorted({p.township for p in wp.patches(with_geometry=False) if p.township})[0]
    folder = os.path.join(out, "field")
    shutil.rmtree(folder, ignore_errors=True)
    made = processing.run("weipian:export_field_project", {"PACKAGE": package, "TOWNSHIP": town, "OUTPUT": folder})
    project = QgsProject()
    assert project.read(os.path.join(made["FOLDER"], "卫片外业.qgs"))
    layers = project.layerTreeRoot().layerOrder()
    patches = next(layer for layer in layers if layer.name() == "图斑")
    settings = QgsMapSettings()
    settings.setLayers(layers)
    settings.setDestinationCrs(project.crs())
    settings.setOutputSize(QSize(480, 800))  # a phone held upright
    extent = QgsCoordinateTransform(patches.crs(), project.crs(), project).transformBoundingBox(patches.extent())
    extent.scale(1.1)
    settings.setExtent(extent)
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    path = os.path.join(out, "field_map.png")
    assert job.renderedImage().save(path)
    return path


def dossier_pages(package, out):
    """The first two pages of a dossier with photos, as the upload package writes them."""
    from qgis.core import QgsLayoutExporter

    from weipian_plugin.core.profile import load_profile
    from weipian_plugin.services.dossier import DossierWriter
    from weipian_plugin.store.work_package import WorkPackage

    paths = []
    with WorkPackage.open(package) as wp:
        code = next(e.patch_code for e in wp.evidence() if e.kind == "photo")
        from weipian_plugin.services.imagery import batch_imagery_sources, raster_layers

        writer = DossierWriter(imagery=raster_layers(batch_imagery_sources(wp)), profile=load_profile(wp.meta("profile")))
        layout, _keep = writer.layout(wp.patch(code), wp.verification(code), wp.reviews(code), wp.evidence(code),
                                      os.path.dirname(wp.path), f"evidence/{code}")
        exporter = QgsLayoutExporter(layout)
        for page in range(2):
            path = os.path.join(out, f"dossier_page{page + 1}.png")
            assert exporter.renderPageToImage(page).scaled(827, 1169).save(path)
            paths.append(path)
    return paths


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None))
