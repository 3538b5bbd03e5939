"""The patch list's model finds a saved patch's row without searching the 100,000 (by bisection where its rows are
in code order, else through an index made once), and shows the saved row wherever the list is filtered or sorted."""
import shutil

from qgis.PyQt.QtCore import Qt

from weipian_plugin.core.profile import load_profile
from weipian_plugin.gui.patch_model import CODE, TOWNSHIP, VERDICT, PatchListModel
from weipian_plugin.store.work_package import WorkPackage


class Shuffled:
    """A store whose rows come in another order than Python's (as a database collation might give them)."""

    def __init__(self, wp):
        self.wp = wp

    def patch_list_rows(self, codes=None):
        rows = self.wp.patch_list_rows(codes)
        return rows if codes else rows[1::2] + rows[0::2]


def _shown(model, code):
    row = next(r for r in range(model.rowCount()) if model.code_at(r) == code)
    return model._view[row]


def test_a_saved_patch_shows_in_its_row_however_the_list_is_ordered(county, tmp_path, qgis_app):
    path = str(tmp_path / "list.gpkg")
    shutil.copyfile(county, path)
    profile = load_profile("shaanxi_ankang_2023")
    with WorkPackage.open(path) as wp:
        codes = [r[CODE] for r in wp.patch_list_rows()]
        for store, in_order in ((wp, True), (Shuffled(wp), False)):
            for sort, town in (((CODE, Qt.SortOrder.AscendingOrder), None),
                               ((TOWNSHIP, Qt.SortOrder.DescendingOrder), None),
                               ((CODE, Qt.SortOrder.AscendingOrder), "五里镇")):
                model = PatchListModel()
                model.load(store, profile)
                assert model._all_in_order is in_order
                model.sort(*sort)
                model.set_filter(township=town)
                code = next(model.code_at(r) for r in range(model.rowCount() // 2, model.rowCount()))
                verdict = "QT" if _shown(model, code)[VERDICT] != "QT" else "HF"
                wp.set_verification(code, "甲镇 王芳", verdict=verdict, subtype="设施农业用地", basis="现场核实")
                before = {model.code_at(r): model._view[r] for r in range(model.rowCount()) if model.code_at(r) != code}
                model.refresh_rows(store, [code])
                assert _shown(model, code)[VERDICT] == verdict
                assert next(r for r in model._all if r[CODE] == code)[VERDICT] == verdict
                assert {model.code_at(r): model._view[r] for r in range(model.rowCount())
                        if model.code_at(r) != code} == before
                model.refresh_rows(store, ["no-such-code"])  # a patch the list does not hold changes nothing
                assert sorted(r[CODE] for r in model._all) == sorted(codes)
