"""Starting Python child processes from inside QGIS: which Python, with which paths (no Qt widgets here)."""
from __future__ import annotations

import os
import shutil
import sys
from typing import Dict, List, Optional


def python_executable() -> Optional[str]:
    """The Python QGIS runs on: sys.executable inside QGIS is often the QGIS binary itself."""
    candidates: List[str] = []
    if os.path.basename(sys.executable).lower().startswith("python"):
        candidates.append(sys.executable)
    if os.name == "nt":
        candidates += [os.path.join(sys.exec_prefix, name) for name in ("python.exe", "python3.exe")]
    else:
        major, minor = sys.version_info[:2]
        candidates += [os.path.join(sys.exec_prefix, "bin", f"python{major}.{minor}"),
                       os.path.join(sys.exec_prefix, "bin", "python3")]
        candidates.append(shutil.which(f"python{major}.{minor}") or "")
    return next((c for c in candidates if c and os.path.isfile(c) and os.access(c, os.X_OK)), None)


def child_environment(extra: Optional[Dict[str, str]] = None, qgis: bool = True) -> Dict[str, str]:
    """This process' environment plus what a child needs to import the plugin (and QGIS, unless qgis=False: a
    child that never uses it) as this process does."""
    plugin_parent = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    paths = [plugin_parent] + [p for p in sys.path if p and os.path.isdir(p)]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(dict.fromkeys(paths))
    if not qgis:
        return dict(env, **(extra or {}))
    from qgis.core import QgsApplication

    env["QGIS_PREFIX_PATH"] = QgsApplication.prefixPath()
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.update(extra or {})
    return env
