"""The patch list's model holds codes and reads rows from the store a block at a time as the view shows them; its
filters and order are the store's SQL and give what sorting and filtering every row in Python gives; a saved
patch shows in its row however the list is filtered or ordered."""
import shutil

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QTableView

from weipian_plugin.core.profile import load_profile
from weipian_plugin.gui.patch_model import CLASS, CODE, FINDINGS, STATE, TOWNSHIP, VERDICT, VERIFIER, PatchListModel
from weipian_plugin.store.work_package import WorkPackage

ASC, DESC = Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder


def _shown(model, code):
    return model.row_at(model.row_of(code))


def _package(county, tmp_path):
    """The month's county package with findings on some patches and some verdicts changed: ties and several
    states to order and filter by."""
    path = str(tmp_path / "list.gpkg")
    shutil.copyfile(county, path)
    wp = WorkPackage.open(path)
    codes = [r[CODE] for r in wp.patch_list_rows()]
    wp.set_blocking_counts({c: i % 3 for i, c in enumerate(codes) if i % 4})
    for code in codes[5:40:7]:
        wp.set_verification(code, "五里镇 新人", verdict="QT", subtype="设施农业用地", basis="现场核实")
    return wp


def _listed(wp, block=None):
    """The list over wp, loaded as the dock loads it (block: rows read at once, smaller to see the blocks)."""
    model = PatchListModel()
    if block:
        model.BLOCK = block
    model.load(wp, load_profile("shaanxi_ankang_2023"))
    return model


def _expected(rows, text="", state=None, class_name=None, township=None, mine=None, sort=(CODE, ASC)):
    """What the list showed when it held every row and sorted them in Python (the model before this one)."""
    rows = [r for r in rows if text.upper() in r[CODE].upper()
            and (state is None or (r[STATE] or "unverified") == state)
            and (class_name is None or r[CLASS] == class_name) and (township is None or r[TOWNSHIP] == township)
            and (mine is None or r[VERIFIER] == mine)]
    col, order = sort
    rows = sorted(rows, key=lambda r: (r[col] is None, r[col] if r[col] is not None else ""), reverse=order == DESC)
    return [r[CODE] for r in rows]


def test_the_list_reads_no_row_until_it_is_shown_and_then_a_block(county, tmp_path, qgis_app):
    profile = load_profile("shaanxi_ankang_2023")
    with _package(county, tmp_path) as wp:
        rows = {r[CODE]: r for r in wp.patch_list_rows()}
        model = _listed(wp, block=8)
        assert model.rowCount() == model.total() == len(rows) == 60
        assert model._rows == {}  # 60 codes held, no row read
        assert model.data(model.index(13, VERDICT)) == profile.verdict(rows[model.code_at(13)][VERDICT]).name
        assert sorted(model._rows) == [model.code_at(r) for r in range(8, 16)]  # the block that row is in
        for r in range(model.rowCount()):
            assert model.row_at(r) == rows[model.code_at(r)]
        assert len(model._rows) == 60
        model.refresh_blocking()  # the check wrote the findings: what was read is read again when shown
        assert model._rows == {}


def test_a_view_over_the_list_reads_the_rows_it_shows(county, tmp_path, qgis_app):
    with _package(county, tmp_path) as wp:
        model = _listed(wp, block=4)
        view = QTableView()
        view.setModel(model)
        view.resize(400, 6 * view.verticalHeader().defaultSectionSize() + view.horizontalHeader().height() + 4)
        view.show()
        qgis_app.processEvents()
        shown = len(model._rows)
        assert 4 <= shown < 60
        view.scrollToBottom()
        qgis_app.processEvents()
        assert model.code_at(59) in model._rows and len(model._rows) < 60 - 4 + shown
        assert view.model().data(view.model().index(59, CODE)) == model.code_at(59)


@pytest.mark.parametrize("col", [CODE, TOWNSHIP, CLASS, 3, VERDICT, STATE, FINDINGS])
def test_the_stores_order_is_the_order_python_gave(county, tmp_path, qgis_app, col):
    with _package(county, tmp_path) as wp:
        rows = wp.patch_list_rows()
        model = _listed(wp)
        for order in (ASC, DESC):
            model.sort(col, order)
            assert [model.code_at(r) for r in range(model.rowCount())] == _expected(rows, sort=(col, order))


def test_the_stores_filters_and_the_search_are_what_python_gave(county, tmp_path, qgis_app):
    with _package(county, tmp_path) as wp:
        rows = wp.patch_list_rows()
        model = _listed(wp)
        states = sorted({r[STATE] for r in rows})
        assert len(states) > 1
        for kwargs in ({"state": states[0]}, {"state": states[-1]}, {"state": "unverified"},
                       {"class_name": "其他变化类"}, {"township": "恒口镇"}, {"mine": "五里镇 新人"},
                       {"mine": "五里镇 新人", "township": "五里镇", "text": "0003"}, {"text": "26002"},
                       {"township": "关庙镇", "class_name": "新增非农建设类", "state": "passed"}):
            for sort in ((CODE, ASC), (FINDINGS, DESC)):
                model.sort(*sort)
                model.set_filter(**kwargs)
                assert [model.code_at(r) for r in range(model.rowCount())] == _expected(rows, sort=sort, **kwargs)
        model.set_filter()
        assert model.rowCount() == 60
        assert model.distinct(TOWNSHIP) == ["五里镇", "关庙镇", "恒口镇"]
        assert model.distinct(CLASS) == sorted({r[CLASS] for r in rows})


def test_a_saved_patch_shows_in_its_row_however_the_list_is_ordered(county, tmp_path, qgis_app):
    with _package(county, tmp_path) as wp:
        for sort, town in (((CODE, ASC), None), ((TOWNSHIP, DESC), None), ((CODE, ASC), "五里镇"),
                           ((FINDINGS, DESC), "恒口镇")):
            model = _listed(wp)
            model.sort(*sort)
            model.set_filter(township=town)
            code = model.code_at(model.rowCount() * 2 // 3)
            verdict = "QT" if _shown(model, code)[VERDICT] != "QT" else "HF"
            wp.set_verification(code, "甲镇 王芳", verdict=verdict, subtype="设施农业用地", basis="现场核实")
            before = {model.code_at(r): model.row_at(r) for r in range(model.rowCount()) if model.code_at(r) != code}
            changed = []
            model.dataChanged.connect(lambda top, bottom, *_, seen=changed: seen.append((top.row(), bottom.row())))
            model.refresh_rows(wp, [code])
            assert _shown(model, code)[VERDICT] == verdict and changed == [(model.row_of(code),) * 2]
            assert {model.code_at(r): model.row_at(r) for r in range(model.rowCount())
                    if model.code_at(r) != code} == before
            model.refresh_rows(wp, ["no-such-code"])  # a patch the list does not hold changes nothing
            assert len(changed) == 1


def test_the_next_patch_to_do_is_the_stores_word_in_list_order(county, tmp_path, qgis_app):
    with _package(county, tmp_path) as wp:
        rows = wp.patch_list_rows()
        model = _listed(wp)
        model.sort(FINDINGS, DESC)
        todo = [c for c in _expected(rows, sort=(FINDINGS, DESC))
                if next(r for r in rows if r[CODE] == c)[STATE] in ("awaiting_review", "resubmitted", "invalid_review")]
        assert len(todo) >= 2
        assert model.next_to_do(None, "reviewer") == todo[0]
        assert model.next_to_do(todo[0], "reviewer") == todo[1]
        assert model.next_to_do(todo[-1], "reviewer") == todo[0]  # wrapping
        assert model.next_to_do(None, "verifier") is None  # nothing unverified or returned
