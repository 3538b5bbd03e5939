"""metadata.txt is valid for the plugin repository; the core stays pure; the top level stays tidy."""
import ast
import configparser
import os
import re

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def metadata():
    cp = configparser.ConfigParser()
    with open(os.path.join(ROOT, "metadata.txt"), encoding="utf-8") as fh:
        cp.read_file(fh)
    return cp["general"]


def test_metadata_has_what_the_plugin_repository_requires():
    md = metadata()
    for key in ("name", "qgisMinimumVersion", "description", "about", "version", "author", "email", "repository",
                "tracker", "hasProcessingProvider", "category", "tags"):
        assert md.get(key, "").strip(), key
    assert md["qgisMinimumVersion"] == "3.22"
    # QGIS 4 (Qt6) installs only plugins that say they support it; tests/test_qt6_ready.py holds the code to that
    assert md["qgisMaximumVersion"] == "4.99" and md["supportsQt6"] == "True"
    assert md["hasProcessingProvider"] == "yes"
    assert re.fullmatch(r"\d+\.\d+\.\d+", md["version"])
    assert re.match(r"https?://", md["repository"]) and re.match(r"https?://", md["tracker"])
    assert "@" in md["email"]
    assert os.path.exists(os.path.join(ROOT, md["icon"]))


def test_core_imports_no_qgis_and_no_widgets():
    core = os.path.join(ROOT, "weipian_plugin", "core")
    for name in os.listdir(core):
        if not name.endswith(".py"):
            continue
        tree = ast.parse(open(os.path.join(core, name), encoding="utf-8").read())
        for node in ast.walk(tree):
            mods = []
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                mods = [node.module]
            for m in mods:
                assert not m.startswith(("qgis", "PyQt", "iface")), f"{name} imports {m}"


def test_top_level_layout():
    allowed = {"weipian_plugin", "resources", "i18n", "tests", "metadata.txt", "Makefile", "README.md", "LICENSE",
               "pyproject.toml", ".ci", "docs"}
    tracked = os.popen(f"git -C {ROOT} ls-files").read().split()
    tops = {p.split("/")[0] for p in tracked if not p.startswith(".git")} - {".gitignore"}
    assert tops <= allowed, tops - allowed


def test_readme_starts_with_the_two_commands():
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fh:
        head = fh.read(1500)
    assert "make demo" in head and "make test" in head
    assert head.index("make demo") < head.index("##")


def test_the_readme_is_one_screen_and_its_pictures_and_links_exist():
    """The README a newcomer reads: the commands, what it is in Chinese and English, the dock over imagery, the
    month in one picture, and where to read on; everything it links to is in the repository, and the handbook
    prints the office's rights table as the code holds it."""
    import re

    from weipian_plugin.store.office_rights import rights_markdown

    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as fh:
        text = fh.read()
    assert text.count("\n") < 120
    assert "## 这是什么" in text and "## What it is" in text
    targets = re.findall(r"\]\(([^)#]+)\)", text)
    assert {"docs/manual/img/desktop.png", "docs/manual/img/month.svg", "docs/manual/index.md", "docs/guide.md",
            "docs/reference.md"} <= set(targets)
    for target in targets:
        assert os.path.exists(os.path.join(ROOT, target)), target
    with open(os.path.join(ROOT, "docs", "guide.md"), encoding="utf-8") as fh:
        assert rights_markdown().strip() in fh.read()
