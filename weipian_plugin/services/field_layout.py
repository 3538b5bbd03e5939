"""What a field project holds: its files, its GeoPackage's tables and columns, and the limits of what is taken
back (services/field_project writes and reads it, services/field_qgis_project describes it to QGIS)."""

PROJECT_FILE = "卫片外业.qgs"
DATA_FILE = "field.gpkg"
MANIFEST_FILE = "field_project.json"
PHOTO_DIR = "DCIM"
IMAGERY_DIR = "imagery"
PATCHES, PHOTOS = "patches", "photos"  # the GeoPackage's tables
PATCHES_NAME, PHOTOS_NAME = "图斑", "照片"  # the layers as the phone shows them
FORMAT = 1

MAX_FILES = 5000  # a township's month: a few hundred patches, a handful of photos each
MAX_FILE_BYTES = 60 * 1024 * 1024  # a phone photo is 3–15 MB; the imagery is clipped to the township
MAX_TOTAL_BYTES = 4 * 1024 ** 3
MAX_TEXT_BYTES = 20 * 1024 * 1024  # the project file and the manifest
IMAGERY_MARGIN_M = 300.0
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".heic", ".heif", ".png")

# the verdict form: GeoPackage column, the verification field it fills, the label the phone shows
FORM_FIELDS = (("pdjg", "verdict", "判定结果"), ("lx", "subtype", "具体类型"), ("wflb", "category", "违法类别"),
               ("lzgdjf", "illegal_cultivated_housing", "是否属于新增农村乱占耕地建房"),
               ("zgqk", "rectification", "整改情况"), ("pzwh", "approval_no", "批准文号"),
               ("pdyjsm", "basis", "判定依据说明"))
READ_ONLY_FIELDS = (("jcbh", "监测编号"), ("tblx", "图斑类型"), ("xzmc", "乡镇"), ("jcmj", "监测面积（亩）"),
                    ("gdmj", "耕地面积（亩）"), ("qsx", "前时相"), ("hsx", "后时相"), ("zt", "状态"),
                    ("xfxx", "下发信息"), ("cqpd", "此前判定"), ("thyj", "县级退回意见"))
PHOTO_FIELDS = (("jcbh", "监测编号"), ("photo", "照片"), ("fwj", "方位角（度）"), ("pssj", "拍摄时间"), ("bz", "备注"))
