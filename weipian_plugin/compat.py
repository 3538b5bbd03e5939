"""What differs between the QGIS versions the plugin runs on (3.22 to 3.44, and QGIS 4 with Qt6), in one place.

Everywhere else the code names enum values through their enum (``Qt.AlignmentFlag.AlignLeft``), which PyQt5
and PyQt6 both accept; ``tests/test_qt6_ready.py`` holds the code to that."""
from qgis.core import Qgis, QgsPalLayerSettings
from qgis.PyQt.QtCore import QMetaType

# QgsField takes a QMetaType.Type from QGIS 3.38 on (QGIS 4 only that: PyQt6 has no QVariant.Type). Before, it
# takes a QVariant.Type, which has the same numbers; PyQt5 accepts the plain number for it.
FIELD_TAKES_METATYPE = Qgis.QGIS_VERSION_INT >= 33800

STRING = QMetaType.Type.QString
DOUBLE = QMetaType.Type.Double
INT64 = QMetaType.Type.LongLong


def field_type(meta_type):
    """The type argument of QgsField for this QGIS, from a QMetaType.Type (STRING, DOUBLE, INT64…)."""
    return meta_type if FIELD_TAKES_METATYPE else int(meta_type)


# Label placement moved to Qgis.LabelPlacement in QGIS 3.26; 3.40+ refuses the old QgsPalLayerSettings value,
# whose name there belongs to another enum.
_LABEL_PLACEMENT = getattr(Qgis, "LabelPlacement", None) or QgsPalLayerSettings.Placement
LABEL_OVER_POINT = _LABEL_PLACEMENT.OverPoint


def set_label_font(label, font) -> None:
    """A layout label's font: through its text format where it has one (QGIS 3.24 on, where setFont is
    deprecated), else setFont."""
    if hasattr(label, "setTextFormat"):
        fmt = label.textFormat()
        fmt.setFont(font)
        fmt.setSize(font.pointSizeF())  # the text format's default size unit is points
        label.setTextFormat(fmt)
    else:
        label.setFont(font)
