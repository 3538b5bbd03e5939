"""What was typed as a basis and not yet saved: one small file per patch in a hidden folder beside the package,
written as the user types and dropped once saved, so text typed before QGIS closed or crashed comes back — to the
user who typed it only."""
from __future__ import annotations

import json
import os
from typing import Optional

from ..core.names import safe_file_name


class BasisDrafts:
    def __init__(self, package_path: Optional[str]):
        self.package_path = package_path

    def path(self, code: Optional[str]) -> Optional[str]:
        if not (self.package_path and code):
            return None
        stem = os.path.splitext(os.path.basename(self.package_path))[0]
        return os.path.join(os.path.dirname(self.package_path), f".{stem}_drafts", safe_file_name(code) + ".json")

    def write(self, code: Optional[str], text: str, user: str) -> None:
        path = self.path(code)
        if path is None:
            return
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path + ".tmp", "w", encoding="utf-8") as fh:
                json.dump({"code": code, "basis": text, "user": user}, fh, ensure_ascii=False)
            os.replace(path + ".tmp", path)
        except OSError:
            pass  # the package itself is saved shortly; a draft is a second line of defence only

    def drop(self, code: Optional[str]) -> None:
        path = self.path(code)
        if path and os.path.exists(path):
            try:
                os.remove(path)
            except OSError:
                pass

    def load(self, code: Optional[str]) -> Optional[dict]:
        """The draft of this patch as written ({"code", "basis", "user"}), {} when it cannot be read, None when
        there is none."""
        path = self.path(code)
        if not path or not os.path.exists(path):
            return None
        try:
            with open(path, encoding="utf-8") as fh:
                draft = json.load(fh)
            return draft if isinstance(draft, dict) else {}
        except (OSError, ValueError):
            return {}

    def pending(self, code: Optional[str], user: str, stored: str) -> Optional[str]:
        """The text this user typed for this patch and the package does not hold yet, or None. A draft another
        user typed stays (theirs to recover, never saved under this user's name); one that is unreadable or
        already saved is dropped."""
        draft = self.load(code)
        if draft is None or (draft and draft.get("user") != user):
            return None
        text = str(draft.get("basis", "")) if draft.get("code") == code else None
        if text is None or text.strip() == stored.strip():
            self.drop(code)
            return None
        return text
