"""Where the plugin's files are, in the source tree and in a deployed plugin folder alike."""
import os

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))


def _first_existing(*candidates: str) -> str:
    for c in candidates:
        if os.path.isdir(c):
            return c
    return candidates[0]


def resources_dir() -> str:
    # deployed: weipian_plugin/resources; source tree: <repo>/resources
    return _first_existing(os.path.join(PLUGIN_DIR, "resources"),
                           os.path.join(os.path.dirname(PLUGIN_DIR), "resources"))


def profiles_dir() -> str:
    return os.path.join(resources_dir(), "profiles")


def i18n_dir() -> str:
    return _first_existing(os.path.join(PLUGIN_DIR, "i18n"),
                           os.path.join(os.path.dirname(PLUGIN_DIR), "i18n"))


def vendor_dir() -> str:
    return os.path.join(PLUGIN_DIR, "_vendor")


def plugin_version() -> str:
    """The version in metadata.txt (deployed: inside the plugin folder; source tree: at the top)."""
    import configparser

    for candidate in (os.path.join(PLUGIN_DIR, "metadata.txt"), os.path.join(os.path.dirname(PLUGIN_DIR), "metadata.txt")):
        if os.path.isfile(candidate):
            cp = configparser.ConfigParser(interpolation=None)
            cp.read(candidate, encoding="utf-8")
            return cp.get("general", "version", fallback="unknown")
    return "unknown"


def manual_path() -> str:
    """The user manual (Chinese, Markdown): deployed weipian_plugin/docs/manual, source tree <repo>/docs/manual."""
    folder = _first_existing(os.path.join(PLUGIN_DIR, "docs", "manual"),
                             os.path.join(os.path.dirname(PLUGIN_DIR), "docs", "manual"))
    return os.path.join(folder, "index.md")
