"""Fixes for exifread's HEIC parser (exifread 3.5.1); apply() is idempotent.

1. 'iloc' parsing drops each item's base_offset: exifread reads extents as (extent_offset, length), so files
   whose Exif item is located by a base offset (libheif writes them so: Android phones, converters,
   pillow-heif) fail with an AssertionError. iPhone files put the offset in the extent and are unaffected. The
   one method is replaced with the same code plus the base offset.
2. Its Box class keeps `subs` (the table of a box's children), `locs` and `compat` as class attributes, so every
   box of every parse shares one dict: parses on several threads read each other's boxes ('corrupt EXIF:
   KeyError' or 'BadSize' on about half of the libheif files), and `compat` grows with every file read. Each
   box gets its own.
"""
from __future__ import annotations

_APPLIED = False


def _parse_iloc(self, box) -> None:
    self.get_full(box)
    size0, size1 = self.get_int4x2()
    size2, size3 = self.get_int4x2()
    box.set_sizes(size0, size1, size2, size3)
    if box.version < 2:
        box.item_count = self.get16()
    elif box.version == 2:
        box.item_count = self.get32()
    else:
        from exifread.core.heic import BoxVersion

        raise BoxVersion(2, box.version)
    box.locs = {}
    for _ in range(box.item_count):
        item_id = self.get16() if box.version < 2 else self.get32()
        if box.version in (1, 2):
            self.get16()  # construction_method
        self.get16()  # data_reference_index
        base_offset = self.get_int(box.base_offset_size)
        extent_count = self.get16()
        extents = []
        for _ in range(extent_count):
            if box.version in (1, 2) and box.index_size > 0:
                self.get_int(box.index_size)
            extent_offset = self.get_int(box.offset_size)
            extent_length = self.get_int(box.length_size)
            extents.append((base_offset + extent_offset, extent_length))
        box.locs[item_id] = extents


def _box_init(self, name: str) -> None:
    self.name = name
    self.subs = {}
    self.locs = {}
    self.compat = []


def apply() -> None:
    global _APPLIED
    if _APPLIED:
        return
    try:
        from exifread.core.heic import Box, HEICExifFinder
    except ImportError:  # an exifread without HEIC support: nothing to fix
        return
    if hasattr(HEICExifFinder, "_parse_iloc"):
        HEICExifFinder._parse_iloc = _parse_iloc
    Box.__init__ = _box_init
    _APPLIED = True
