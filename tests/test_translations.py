"""Chinese all the way for the headless code's messages: every message marked for translation is in the .ts,
finished, with the same placeholders; and under a Chinese QGIS (as its Options write it) a refused package is
reported in Chinese, naming the file."""
import ast
import html
import os
import re
import string

import pytest
from desks import confirmed

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TS = os.path.join(ROOT, "i18n", "weipian_zh_CN.ts")


def ts_messages(path=TS):
    text = open(path, encoding="utf-8").read()
    out = {}
    for context, body in re.findall(r"<context>\s*<name>(.*?)</name>(.*?)</context>", text, re.S):
        for source, attrs, translation in re.findall(
                r"<source>(.*?)</source>\s*<translation([^>]*)>(.*?)</translation>", body, re.S):
            out[(context, html.unescape(source))] = (html.unescape(translation), "unfinished" in attrs)
    return out


def marked_messages():
    """(context, text) of every QT_TRANSLATE_NOOP call in the plugin's code."""
    found = set()
    for folder, dirs, files in os.walk(os.path.join(ROOT, "weipian_plugin")):
        dirs[:] = [d for d in dirs if d not in ("_vendor", "__pycache__")]
        for name in files:
            if not name.endswith(".py"):
                continue
            tree = ast.parse(open(os.path.join(folder, name), encoding="utf-8").read())
            for node in ast.walk(tree):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                        and node.func.id == "QT_TRANSLATE_NOOP" and len(node.args) == 2
                        and all(isinstance(a, ast.Constant) for a in node.args)):
                    found.add((node.args[0].value, node.args[1].value))
    return found


def fields(text):
    """The placeholders of a format string, automatic ones numbered ('{} {}' is '{0} {1}')."""
    out, auto = [], 0
    for _, name, spec, conv in string.Formatter().parse(text):
        if name is None:
            continue
        if name == "":
            name, auto = str(auto), auto + 1
        out.append((name, spec, conv))
    return sorted(out)


def test_every_text_the_screens_show_is_in_the_ts_and_translated(tmp_path):
    """What pylupdate extracts from the code today (every self.tr, translate and QT_TRANSLATE_NOOP) is in the
    committed .ts with a finished translation: a text added without `make transup` and its Chinese fails here (the
    manual's button once showed English)."""
    import shutil
    import subprocess

    fresh = str(tmp_path / "fresh.ts")
    shutil.copyfile(TS, fresh)
    sources = []
    for folder, dirs, files in os.walk(os.path.join(ROOT, "weipian_plugin")):
        dirs[:] = [d for d in dirs if d not in ("_vendor", "__pycache__")]
        sources += [os.path.join(folder, n) for n in files if n.endswith(".py")]
    run = subprocess.run(["pylupdate5", "-noobsolete", *sorted(sources), "-ts", fresh], capture_output=True,
                         text=True)
    assert run.returncode == 0, run.stderr
    extracted, known = ts_messages(fresh), ts_messages()
    untranslated = [m for m, (tr, unfinished) in extracted.items() if unfinished or not tr]
    assert len(extracted) > 500 and untranslated == [], untranslated[:5]
    assert set(extracted) <= set(known)


def test_every_marked_message_is_translated_with_the_same_placeholders():
    messages = ts_messages()
    marked = marked_messages()
    assert len(marked) > 90
    missing = [m for m in marked if m not in messages]
    unfinished = [m for m in marked if m in messages and (messages[m][1] or not messages[m][0])]
    assert missing == [] and unfinished == [], (missing[:5], unfinished[:5])
    wrong = [(src, tr) for (ctx, src), (tr, _) in messages.items() if tr and fields(src) != fields(tr)]
    assert wrong == [], wrong[:5]


@pytest.mark.parametrize("locale, expected", [("zh-Hans", "zh_CN"), ("zh_CN", "zh_CN"), ("zh-CN", "zh_CN"),
                                              ("zh", "zh_CN"), ("zh_TW", "zh_CN"), ("en_US", None), ("", None),
                                              ("fr", None)])
def test_qgis_language_choice_picks_the_translation(locale, expected):
    from weipian_plugin.language import translation_for

    assert translation_for(locale) == expected


def test_a_refused_return_package_is_reported_in_chinese(package, good_return, tmp_path, provider, chinese_qgis):
    import zipfile

    import processing
    from qgis.core import QgsProcessingException
    from test_exchange import rewrite

    with zipfile.ZipFile(good_return) as z:
        photo = next(n for n in z.namelist() if n.endswith(".jpg"))
    bad = rewrite(good_return, str(tmp_path / "篡改的返回包.zip"), change={photo: lambda d: d[:-10] + bytes(10)})
    package.close()
    with pytest.raises(QgsProcessingException) as err:
        processing.run("weipian:import_return_package", {"PACKAGE": package.path, "INPUT": bad, "ACTOR": "县 李明",
                                                         "CONFIRMED_KEY": confirmed()[0]})
    message = str(err.value)
    assert "篡改的返回包.zip" in message and f"{photo}：sha256 与清单不符" in message, message


def test_a_locked_package_is_reported_in_chinese(tmp_path, chinese_qgis):
    import sqlite3

    from test_store import new_package

    from weipian_plugin.language import user_text
    from weipian_plugin.store.work_package import PackageError

    wp = new_package(tmp_path)
    wp.conn.execute("PRAGMA busy_timeout=100")
    other = sqlite3.connect(wp.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(PackageError) as err:
        wp.set_verification("C0", "乡镇 王芳", verdict="QT", subtype="实地未变化", basis="b")
    other.execute("ROLLBACK")
    other.close()
    wp.close()
    assert "数据库已锁定" in user_text(err.value) and "p.gpkg" in user_text(err.value)
    assert "database is locked" in str(err.value)  # the log keeps English


def test_photo_problems_are_named_in_chinese(tmp_path, chinese_qgis):
    import datetime as dt

    from weipian_plugin.core.photo_reading import read_photo
    from weipian_plugin.language import user_text
    from weipian_plugin.sample.photo_writer import build_exif, write_jpeg

    fifo = tmp_path / "管道.jpg"
    os.mkfifo(fifo)
    assert "不是普通文件" in user_text(read_photo(str(fifo)).problem_message())
    odd = write_jpeg(str(tmp_path / "odd.jpg"), build_exif(109.0, 32.7, 10.0, "T", dt.datetime(2026, 6, 1, 10, 0),
                                                            offset="+99:99", altitude=42949672.95))
    text = user_text(read_photo(odd).problem_message())
    assert "GPS 海拔不合常理" in text and "时区偏移 '+99:99' 不是有效的 UTC 偏移" in text, text
    assert "implausible GPS altitude" in read_photo(odd).problem  # the record keeps English


def test_the_upload_gate_speaks_chinese(package, tmp_path, chinese_qgis):
    from weipian_plugin.language import user_text
    from weipian_plugin.services.upload_package import GateRefused, export_upload_package

    with pytest.raises(GateRefused) as err:
        export_upload_package(package, str(tmp_path / "upload.zip"), "县 李明")
    text = user_text(err.value)
    assert "尚不能导出上报成果包" in text and "内业审核未通过（未核实）" in text, text[:300]
    assert "internal review" not in text and "cannot be exported" in str(err.value)


def test_a_reason_carried_inside_another_refusal_is_in_chinese_too(package, assigned, tmp_path, chinese_qgis):
    """The received package's own reason travels inside the zip's refusal: both are translated."""
    from test_exchange import township_zip
    from test_received_packages import forge_gpkg

    from weipian_plugin.core.manifest import ManifestError
    from weipian_plugin.language import user_text
    from weipian_plugin.services.assignment_packages import open_assignment_package

    bad = forge_gpkg(township_zip(assigned, "五里镇"), str(tmp_path / "外泄.zip"), tmp_path,
                     "UPDATE evidence SET path='../../../etc/passwd' WHERE fid=(SELECT min(fid) FROM evidence)")
    with pytest.raises(ManifestError) as err:
        open_assignment_package(bad, confirmed=confirmed())
    text = user_text(err.value)
    assert text.startswith("外泄.zip: ") and "举证材料路径指向交换包之外" in text and "etc/passwd" in text, text


def test_file_filters_task_names_and_a_shared_base_class_text_are_in_chinese(tmp_path, chinese_qgis, provider):
    """What the Processing dialogs and the task manager show: file-type filters, and the parameters a shared base
    class declares for its algorithms (found under the base class' name, as pylupdate files them)."""
    from qgis.core import QgsApplication

    from weipian_plugin.gui.tasks import AttachFolderTask, CheckTask

    registry = QgsApplication.processingRegistry()

    def file_filter(alg_id, name):
        alg = registry.createAlgorithmById(alg_id)  # kept alive while its parameter is read
        return alg.parameterDefinition(name).fileFilter()

    assert file_filter("weipian:import_verdicts", "INPUT") == "Excel 或 CSV 表格 (*.xlsx *.csv)"
    assert file_filter("weipian:export_upload_package", "OUTPUT") == "Zip 压缩包 (*.zip)"
    assert file_filter("weipian:create_work_package", "OUTPUT") == "GeoPackage 工作包 (*.gpkg)"
    assert CheckTask(str(tmp_path / "x.gpkg"), None, lambda t: None).description() == "卫片执法：检查工作包"
    assert AttachFolderTask(str(tmp_path / "x.gpkg"), str(tmp_path), None, "u", lambda t: None).description() == \
        "卫片执法：挂接照片"
