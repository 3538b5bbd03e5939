"""Imagery under every patch (issue 22 §2): the sample county's before/after GeoTIFFs, recorded through the
algorithm a county runs; the dock shows them under the patches, one button or key flips between the phases, the
patch page shows both side by side around the patch with their dates, and a base map (a local XYZ tile folder,
as 天地图 would be with its key) stands in when a batch has none."""
import os
import subprocess

import pytest
from osgeo import gdal
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest

from .conftest import wait_for
from .test_dock import open_dock_as

ACTOR = "县卫片办 张华"


@pytest.fixture(autouse=True)
def no_base_map():
    """Each test starts with no base map in the options (one test sets one)."""
    from weipian_plugin.settings import Settings

    s = Settings.load()
    s.dossier_imagery = s.base_map_key = ""
    s.save("dossier_imagery", "base_map_key")


@pytest.fixture
def imagery_package(package_path, sample_imagery, provider):
    """The sample package with the batch's imagery recorded as a county does: through the algorithm."""
    import processing

    before, after = sample_imagery
    processing.run("weipian:set_batch_imagery", {"PACKAGE": package_path, "BEFORE": before, "AFTER": after,
                                                  "ACTOR": ACTOR})
    return package_path


def _visible(d):
    return {node.layer().name(): node.isVisible() for node in d.map.group.findLayers()
            if node.layer().name() in ("前时相", "后时相", "底图")}


def test_the_sample_imagery_shows_the_change_inside_the_patches(sample_imagery):
    """Farmland before; inside a building patch, roofs after; outside it, the same field in both. Tiled, with
    overviews, in the package's CGCS2000 zone."""
    from weipian_plugin.sample.generator import make_patches

    before, after = (gdal.Open(p) for p in sample_imagery)
    assert before.GetRasterBand(1).GetOverviewCount() >= 4 and "CGCS2000" in before.GetProjection()
    patch = next(p for p in make_patches() if p.class_name == "新增非农建设类" and p.area_mu > 5)
    from osgeo import osr

    src, dst = osr.SpatialReference(), osr.SpatialReference()
    src.ImportFromEPSG(4490)
    dst.ImportFromWkt(before.GetProjection())
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    c = patch.polygon.centroid
    x, y = osr.CoordinateTransformation(src, dst).TransformPoint(c.x, c.y)[:2]
    gt = before.GetGeoTransform()
    col, row = int((x - gt[0]) / gt[1]), int((y - gt[3]) / gt[5])

    def window(ds, dc, dr):
        return ds.ReadAsArray(col + dc - 4, row + dr - 4, 8, 8).astype(int)

    inside = abs(window(before, 0, 0) - window(after, 0, 0)).mean()
    outside = abs(window(before, 0, 150) - window(after, 0, 150)).mean()  # 300 m away: the field as it was
    assert inside > 30 and outside < 3


def test_set_batch_imagery_builds_missing_overviews(tmp_path, package_path, provider, sample_imagery):
    """County imagery comes without overviews; without them every zoom reads the whole file. The algorithm builds
    them (beside the file) and says how many patches the imagery covers."""
    import processing

    from weipian_plugin.sample.generator import make_patches
    from weipian_plugin.sample.imagery import write_imagery

    before, after = write_imagery(make_patches()[:3], str(tmp_path / "img"), overviews=False)
    assert gdal.Open(after).GetRasterBand(1).GetOverviewCount() == 0
    res = processing.run("weipian:set_batch_imagery", {"PACKAGE": package_path, "BEFORE": before, "AFTER": after,
                                                        "ACTOR": ACTOR})
    assert gdal.Open(after).GetRasterBand(1).GetOverviewCount() >= 3
    # three patches drawn with the ground around them (a neighbour or two inside it); the rest of the county empty
    assert 3 <= res["COVERED"] <= 10 and res["PATCHES"] == 60
    res = processing.run("weipian:set_batch_imagery", {"PACKAGE": package_path, "BEFORE": sample_imagery[0],
                                                        "AFTER": sample_imagery[1], "ACTOR": ACTOR})
    assert res["COVERED"] == res["PATCHES"] == 60


def test_the_dock_shows_both_phases_under_the_patches_and_flips_them(qgis_iface, qgis_new_project,
                                                                     imagery_package):
    d = open_dock_as(qgis_iface, imagery_package, "县卫片办 张华", "reviewer")
    names = [node.layer().name() for node in d.map.group.findLayers()]
    assert names[-2:] == ["后时相", "前时相"] or names[-2:] == ["前时相", "后时相"]
    patches = names.index(d.map.patch_layer.name())
    assert names.index("前时相") > patches and names.index("后时相") > patches  # under them
    assert _visible(d) == {"前时相": False, "后时相": True}
    button = d.toolbar.phase_button
    assert button.isEnabled() and ("后时相" in button.text() or "After" in button.text())
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    assert _visible(d) == {"前时相": True, "后时相": False} and ("前时相" in button.text() or "Before" in button.text())
    QTest.keyClick(d.widget(), Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)  # the key, with the list in focus
    assert _visible(d) == {"前时相": False, "后时相": True}
    d.close_package()


def test_the_patch_page_shows_before_and_after_side_by_side_with_their_dates(qgis_iface, qgis_new_project,
                                                                             imagery_package):
    from weipian_plugin.store.work_package import WorkPackage

    with WorkPackage.open(imagery_package) as wp:
        code = next(p.code for p in wp.patches() if p.class_code == "XZFNJS" and (p.area_mu or 0) > 5)
        patch = wp.patch(code)
    d = open_dock_as(qgis_iface, imagery_package, "县卫片办 张华", "reviewer")
    d.select_patch(code)
    pair = d.page.phases
    wait_for(lambda: not pair.busy())
    assert pair.isVisibleTo(d)
    assert pair.captions[0].text() == f"前时相 {patch.earlier_date}"
    assert pair.captions[1].text() == f"后时相 {patch.later_date}"
    images = [label.pixmap().toImage() for label in pair.images]
    w, h = images[0].width(), images[0].height()
    centre = [img.pixelColor(w // 2, h // 2) for img in images]
    corner = [img.pixelColor(6, 6) for img in images]
    # the patch's middle changed between the phases; its surroundings did not; neither is empty
    assert sum(abs(a - b) for a, b in zip(centre[0].getRgb()[:3], centre[1].getRgb()[:3])) > 60
    assert sum(abs(a - b) for a, b in zip(corner[0].getRgb()[:3], corner[1].getRgb()[:3])) < 30
    assert corner[0].name() != "#eceff1"
    d.close_package()


def test_a_base_map_stands_in_when_the_batch_has_none(qgis_iface, qgis_new_project, package_path, sample_imagery,
                                                      tmp_path):
    """A local XYZ tile folder as the base map (天地图 with its key is the same kind of source): the dock shows it
    under the patches and the patch page shows it around the patch; the key goes into the address."""
    from weipian_plugin.gui.options_page import OptionsPage
    from weipian_plugin.services.imagery import base_map_uri
    from weipian_plugin.store.work_package import WorkPackage

    with WorkPackage.open(package_path) as wp:
        patch = next(p for p in wp.patches() if p.class_code == "XZFNJS" and (p.area_mu or 0) > 5)
    from shapely import wkb as shapely_wkb

    c = shapely_wkb.loads(bytes(patch.wkb)).centroid
    small = str(tmp_path / "small.tif")
    gdal.Translate(small, sample_imagery[1], projWin=[c.x - 0.004, c.y + 0.004, c.x + 0.004, c.y - 0.004],
                   projWinSRS="EPSG:4490")
    tiles = tmp_path / "tiles"
    subprocess.run(["gdal2tiles.py", "--xyz", "-q", "-z", "14-18", "-w", "none", small, str(tiles)], check=True,
                   capture_output=True)
    assert any(f.endswith(".png") for _r, _d, files in os.walk(tiles) for f in files)
    # the key goes into the address where the service wants it (天地图: tk=), encoded as QGIS reads it
    tianditu = "https://t0.tianditu.gov.cn/DataServer?T=img_w&x={x}&y={y}&l={z}&tk={key}"
    assert "tk%3Dsecret" in base_map_uri(tianditu, "secret") and "{key}" not in base_map_uri(tianditu, "secret")
    template = f"file://{tiles}/{{z}}/{{x}}/{{y}}.png"  # a local tile folder: no key to give
    page = OptionsPage()
    page.base_map.setText(template)
    page.base_map_key.setText("k")
    page.apply()
    d = open_dock_as(qgis_iface, package_path, "县卫片办 张华", "reviewer")
    assert _visible(d) == {"底图": True} and not d.toolbar.phase_button.isEnabled()
    d.select_patch(patch.code)
    pair = d.page.phases
    wait_for(lambda: not pair.busy())
    assert pair.captions[0].text() == "底图" and not pair.images[1].isVisibleTo(d)
    img = pair.images[0].pixmap().toImage()
    assert img.pixelColor(img.width() // 2, img.height() // 2).name() != "#eceff1"  # tiles drawn, not the blank
    d.close_package()


def test_the_dossier_map_shows_the_patch_over_both_phases(imagery_package):
    """The dossier's overlay map, as the upload package writes it: inside the patch, the after map shows the change
    and the before map the field; both are imagery, not the white page."""
    from qgis.core import QgsLayoutExporter, QgsLayoutItemMap

    from weipian_plugin.services.dossier import DossierWriter
    from weipian_plugin.services.imagery import batch_imagery_sources, raster_layers
    from weipian_plugin.store.work_package import WorkPackage

    with WorkPackage.open(imagery_package) as wp:
        patch = next(p for p in wp.patches() if p.class_code == "XZFNJS" and (p.area_mu or 0) > 5)
        writer = DossierWriter(imagery=raster_layers(batch_imagery_sources(wp)))
        layout, _keep = writer.layout(patch, None, [], [], os.path.dirname(wp.path), f"evidence/{patch.code}")
    maps = sorted((i for i in layout.items() if isinstance(i, QgsLayoutItemMap)), key=lambda m: m.positionWithUnits().x())
    image = QgsLayoutExporter(layout).renderPageToImage(0)
    scale = image.width() / 210.0
    colours = []
    for m in maps:
        pos, size = m.positionWithUnits(), m.sizeWithUnits()
        # the map is centred on the patch: its middle is inside the patch (under the outline's light fill)
        c = image.pixelColor(int((pos.x() + size.width() / 2) * scale), int((pos.y() + size.height() / 2) * scale))
        colours.append((c.red(), c.green(), c.blue()))
    assert len(maps) == 2 and all(c != (255, 255, 255) for c in colours)
    assert sum(abs(a - b) for a, b in zip(*colours)) > 40


def test_imagery_recorded_from_the_dock_shows_at_once(qgis_iface, qgis_new_project, package_path, sample_imagery,
                                                      processing_dialogs):
    """The county sets the batch's imagery from the Packages menu (Processing's own dialog): the two phases come
    under the patches, the flip button wakes and the patch page shows them, without reopening the package."""
    d = open_dock_as(qgis_iface, package_path, "县卫片办 张华", "reviewer")
    button = d.toolbar.phase_button
    assert not d.page.phases.isVisibleTo(d) and button.isHidden()  # none: nothing to flip, nothing shown
    dialog = d.package_action("imagery")
    dialog.setParameters({"PACKAGE": package_path, "BEFORE": sample_imagery[0], "AFTER": sample_imagery[1],
                          "ACTOR": "县卫片办 张华"})
    QTest.mouseClick(dialog.runButton(), Qt.MouseButton.LeftButton)
    wait_for(lambda: d.toolbar.phase_button.isEnabled() and not d.toolbar.phase_button.isHidden())
    dialog.close()
    assert _visible(d) == {"前时相": False, "后时相": True}
    assert d.page.phases.isVisibleTo(d)
    wait_for(lambda: not d.page.phases.busy())
    assert d.page.phases.images[1].pixmap() is not None and not d.page.phases.images[1].pixmap().isNull()
    d.close_package()
