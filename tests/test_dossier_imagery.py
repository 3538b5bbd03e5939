"""The dossier's overlay map (套合图件): the patch over the batch's before/after imagery, side by side, rendered
by a real QGIS print layout; the outline alone, and saying so, when there is no imagery."""
import os

import numpy as np
import pytest
from osgeo import gdal, osr
from shapely.geometry import MultiPolygon, box

from weipian_plugin.store.work_package import WorkPackage

ACTOR = "县卫片办 张华"


def geotiff(path, rgb, lon=109.0, lat=32.7, size=0.01):
    """A small EPSG:4490 GeoTIFF of one colour around (lon, lat)."""
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 100, 100, 3, gdal.GDT_Byte)
    ds.SetGeoTransform((lon - size / 2, size / 100, 0, lat + size / 2, 0, -size / 100))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    ds.SetProjection(srs.ExportToWkt())
    for band, value in enumerate(rgb, start=1):
        ds.GetRasterBand(band).WriteArray(np.full((100, 100), value, dtype=np.uint8))
    ds = None
    return str(path)


@pytest.fixture
def one_patch(tmp_path, qgis_app):
    wp = WorkPackage.create(str(tmp_path / "p.gpkg"), "national_2023", "610902", ACTOR)
    wp.add_patches([dict(code="D1", class_code="XZFNJS", cultivated_mu=1.0, area_mu=1.5, earlier_date="2025-12-01",
                         later_date="2026-02-01", wkb=MultiPolygon([box(108.9995, 32.6995, 109.0005, 32.7005)]).wkb)],
                   "test", ACTOR)
    yield wp
    wp.close()


def render_page_one(wp, imagery, v=None, profile=None):
    from qgis.core import QgsLayoutExporter, QgsLayoutItemLabel, QgsLayoutItemMap

    from weipian_plugin.services.dossier import DossierWriter

    writer = DossierWriter(imagery=imagery, profile=profile)
    layout, keep = writer.layout(wp.patch("D1"), v, [], [], "", "evidence/D1")
    maps = sorted((i for i in layout.items() if isinstance(i, QgsLayoutItemMap)), key=lambda m: m.positionWithUnits().x())
    texts = " ".join(i.text() for i in layout.items() if isinstance(i, QgsLayoutItemLabel))
    image = QgsLayoutExporter(layout).renderPageToImage(0)
    return maps, texts, image, (layout, keep)  # the layout owns the map items


def colour_at(image, map_item, fx, fy):
    """The rendered colour at a fraction of the map item's frame."""
    page_w_mm = 210.0
    scale = image.width() / page_w_mm
    pos, size = map_item.positionWithUnits(), map_item.sizeWithUnits()
    x = int((pos.x() + size.width() * fx) * scale)
    y = int((pos.y() + size.height() * fy) * scale)
    c = image.pixelColor(x, y)
    return c.red(), c.green(), c.blue()


def test_before_and_after_side_by_side(one_patch, tmp_path, provider):
    import processing

    from weipian_plugin.services.imagery import batch_imagery_sources, raster_layers

    before = geotiff(tmp_path / "前时相.tif", (30, 160, 40))  # green field
    after = geotiff(tmp_path / "后时相.tif", (150, 150, 160))  # grey roofs
    processing.run("weipian:set_batch_imagery", {"PACKAGE": one_patch.path, "BEFORE": before, "AFTER": after,
                                                  "ACTOR": ACTOR})
    assert one_patch.meta("imagery_before") == "前时相.tif"  # beside the package: stored relative to it
    layers = raster_layers(batch_imagery_sources(one_patch))
    assert [label for label, _ in layers] == ["前时相", "后时相"]
    maps, texts, image, _ = render_page_one(one_patch, layers)
    assert len(maps) == 2
    # a corner of each map, away from the patch, shows that map's imagery
    assert colour_at(image, maps[0], 0.05, 0.5) == pytest.approx((30, 160, 40), abs=12)
    assert colour_at(image, maps[1], 0.05, 0.5) == pytest.approx((150, 150, 160), abs=12)
    assert "前时相影像（2025-12-01）" in texts and "后时相影像（2026-02-01）" in texts
    assert "底图：前时相影像、后时相影像" in texts


def test_outline_only_says_so(one_patch, tmp_path):
    maps, texts, image, _ = render_page_one(one_patch, [])
    assert len(maps) == 1 and "底图：无（未提供影像，仅绘制图斑范围）" in texts
    assert colour_at(image, maps[0], 0.05, 0.5) == (255, 255, 255)


def test_a_file_that_is_not_imagery_is_refused(one_patch, tmp_path, provider):
    import processing
    from qgis.core import QgsProcessingException

    fake = tmp_path / "before.tif"
    fake.write_bytes(b"not a tiff")
    with pytest.raises(QgsProcessingException, match="before.tif"):
        processing.run("weipian:set_batch_imagery", {"PACKAGE": one_patch.path, "BEFORE": str(fake)})
    assert one_patch.meta("imagery_before") is None


def test_a_provinces_own_verdict_is_named_in_the_dossier(one_patch):
    from weipian_plugin.core.model import Verification
    from weipian_plugin.core.profile import load_profile

    v = Verification("D1", "NCDL", "田间道路", basis="村组道路", verifier="甲镇 王芳")
    _, texts, _, _ = render_page_one(one_patch, [], v, load_profile("example_province_2023"))
    assert "判定为农村道路（田间道路）" in texts and "判定结果：农村道路" in texts
    illegal = Verification("D1", "WF", "违法占地", "新增建设用地违法", False, "未批先建", verifier="甲镇 王芳", nonagri=True)
    _, texts, _, _ = render_page_one(one_patch, [], illegal, load_profile("example_province_2023"))
    assert "违法性质：新增建设用地违法" in texts and "非农化：是" in texts


def test_documents_are_filed_under_their_type(one_patch, tmp_path):
    from qgis.core import QgsLayoutItemLabel

    from weipian_plugin.core.model import DOCUMENT, Evidence
    from weipian_plugin.services.dossier import DossierWriter

    docs = [Evidence(1, "D1", DOCUMENT, "ev/D1/整改通知.pdf", "a" * 64, doc_type="case"),
            Evidence(2, "D1", DOCUMENT, "ev/D1/批文.pdf", "b" * 64, doc_type="approval"),
            Evidence(3, "D1", DOCUMENT, "ev/D1/旧材料.pdf", "c" * 64)]
    layout, _keep = DossierWriter().layout(one_patch.patch("D1"), None, [], docs, str(tmp_path), "evidence/D1")
    texts = [i.text() for i in layout.items() if isinstance(i, QgsLayoutItemLabel)]
    headings = sorted((t for t in texts if t.endswith(".pdf") and "：" in t),
                      key=lambda t: int(t.split("：")[0].split()[-1]))  # by their number in the dossier
    # approval papers first, then the 违法 case papers, then documents recorded without a type
    assert headings == ["用地批准或备案文件 1：批文.pdf", "违法案件材料（立案、处罚、整改） 2：整改通知.pdf", "举证材料 3：旧材料.pdf"]


def test_every_page_names_its_patch_and_number_times_read_locally_and_signatures(one_patch, tmp_path):
    import datetime as dt

    from qgis.core import QgsLayoutItemLabel, QgsLayoutItemPicture

    from weipian_plugin.core.model import PHOTO, Evidence, Review, Verification
    from weipian_plugin.sample.photo_writer import build_exif, write_jpeg
    from weipian_plugin.services.dossier import DossierWriter, local_time

    photos = []
    for i in range(3):
        path = write_jpeg(str(tmp_path / f"p{i}.jpg"), build_exif(109.0, 32.7, 10.0 * i))
        photos.append(Evidence(i + 1, "D1", PHOTO, os.path.basename(path), f"{i}" * 64, 10, 109.0, 32.7, 10.0 * i,
                               "2026-06-15T09:30:00+08:00"))
    v = Verification("D1", "QT", "实地未变化", basis="未变化", verifier="甲镇 王芳", verified_at="2026-07-01T02:00:00+00:00")
    reviews = [Review("D1", "县 李明", "pass", "同意", "2026-07-02T03:00:00+00:00")]
    layout, _keep = DossierWriter().layout(one_patch.patch("D1"), v, reviews, photos, str(tmp_path), "evidence/D1")
    labels = [i for i in layout.items() if isinstance(i, QgsLayoutItemLabel)]
    total = layout.pageCollection().pageCount()
    assert total == 3  # page 1, then the three photos two per page
    for page in range(total):
        on_page = [i.text() for i in labels if i.page() == page]
        assert f"监测编号 D1　　第 {page + 1} 页　共 {total} 页" in on_page
        assert any("图斑卷宗" in t and "D1" in t for t in on_page)
    texts = " ".join(i.text() for i in labels)
    assert "拍摄时间：2026年06月15日 09:30:00" in texts and "T09:30" not in texts
    # the plugin's own UTC times are shown in this computer's time zone
    local = dt.datetime(2026, 7, 1, 2, 0, tzinfo=dt.timezone.utc).astimezone().strftime("%Y年%m月%d日 %H:%M")
    assert local_time(v.verified_at) == local and f"核实时间：{local}" in texts
    assert "核实人：甲镇 王芳\n签字：" in texts and "审核人：县 李明\n签字：" in texts
    pictures = [i for i in layout.items() if isinstance(i, QgsLayoutItemPicture) and i.page() > 0]
    assert len(pictures) == 3 and all(p.pictureAnchor() == p.ReferencePoint.Middle for p in pictures)


def test_the_map_legend_names_the_projection_in_chinese(one_patch):
    _, texts, _, _ = render_page_one(one_patch, [])
    assert "坐标系：CGCS2000 3度带高斯-克吕格投影 中央经线 108°E（EPSG:4545）" in texts and "Gauss" not in texts
