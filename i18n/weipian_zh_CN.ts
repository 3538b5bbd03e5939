<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1">
<context>
    <name>AttachPhotos</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="24" />
        <source>Attach field photos to patches</source>
        <translation>将现场照片挂接到图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="27" />
        <source>Evidence</source>
        <translation>举证材料</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="33" />
        <source>Attaches every photo in a folder to a patch of the work package and copies it into the package's evidence folder (originals are never moved or changed). MATCH 'auto': a photo in a folder named after a patch code, or whose file name starts with one, goes to that patch; otherwise to the patch it stands in or the nearest within the profile's distance. 'name' or 'location' use one way only. OUTPUT lists what went where, and what did not and why. Running it again attaches nothing twice.</source>
        <translation>将文件夹中的每张照片挂接到工作包的图斑，并复制到工作包的举证文件夹（原文件不移动、不修改）。匹配方式“auto”：位于以图斑编号命名的文件夹中、或文件名以图斑编号开头的照片挂接到该图斑；否则挂接到拍摄点所在图斑或配置距离内最近的图斑。“name”或“location”只用一种方式。输出列出每张照片的去向，以及未挂接的原因。重复运行不会重复挂接。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="41" />
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="42" />
        <source>Photo folder</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="44" />
        <source>Match by</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="46" />
        <source>Acting user</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="47" />
        <source>Attachment report</source>
        <translation>挂接报告</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="71" />
        <source>Cancelled; photos attached so far are kept</source>
        <translation>已取消；已挂接的照片保留</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="81" />
        <source>{attached} attached, {already_attached} already attached, {unmatched} not attached</source>
        <translation>挂接 {attached} 张，已存在 {already_attached} 张，未挂接 {unmatched} 张</translation>
    </message>
</context>
<context>
    <name>CheckWorkPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="25" />
        <source>Check work package (rules, evidence, internal-review coverage)</source>
        <translation>检查工作包（规则、举证、内业审核覆盖率）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="28" />
        <source>Evaluates every patch against the package's rule profile: verdict completeness, the rules of the notices (no 其他 for 新增非农建设类/年度内持续变化类, the 乱占耕地建房 determination, evidence for 合法/其他), photo checks (position, azimuth, distance, direction, time, reuse), written-opinion thresholds, 100 % internal review by a named reviewer who is not the verifier, and field-check thresholds as information. OUTPUT is the findings table; the results carry coverage counts.</source>
        <translation>按工作包的规则配置检查每个图斑：判定是否完整；通知规定的规则（新增非农建设类/年度内持续变化类不得判定为其他、乱占耕地建房认定、合法/其他的举证）；照片检查（位置、方位角、距离、朝向、时间、重复使用）；书面意见面积标准；由非核实人的具名审核人 100% 内业审核；实地核查标准作为提示。输出为检查结果表，结果中含覆盖率统计。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="36" />
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="37" />
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="42" />
        <source>Internal review complete</source>
        <translation>内业审核已全覆盖</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="43" />
        <source>Findings by rule</source>
        <translation>按规则统计</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="68" />
        <source>verified {}/{}, reviewed {}/{}; {} blocking, {} warnings, {} information</source>
        <translation>已核实 {}/{}，已审核 {}/{}；阻断 {} 条，警告 {} 条，提示 {} 条</translation>
    </message>
</context>
<context>
    <name>CreateWorkPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="22" />
        <source>Create or extend work package from issued patches</source>
        <translation>由下发图斑创建或追加工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="25" />
        <source>Imports issued patches (Shapefile UTF-8 or GBK, GeoPackage, GeoJSON; EPSG:4490, 4513–4554 or WGS84) into a work package GeoPackage. Fields are mapped automatically (JCBH, 监测编号, …); FIELD_MAP overrides, e.g. 'JCBH=编号;GDMJ=耕地'. Missing areas are computed on the ellipsoid in 亩. If OUTPUT is an existing work package, only new patches are added and existing work is never touched. Duplicate or missing codes and invalid geometries are reported by code and row.</source>
        <translation>将下发图斑（Shapefile UTF-8 或 GBK、GeoPackage、GeoJSON；EPSG:4490、4513–4554 或 WGS84）导入工作包 GeoPackage。字段自动对应（JCBH、监测编号等），可用“字段对应”覆盖，如“JCBH=编号;GDMJ=耕地”。缺少的面积按椭球面以亩计算。若输出为已有工作包，只追加新图斑，已有成果不受影响。重复或缺失的编号、无效几何按编号和行号报告。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="33" />
        <source>Issued patches</source>
        <translation>下发图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="35" />
        <source>Field map (CODE=field;…)</source>
        <translation>字段对应（代码=字段;…）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="37" />
        <source>Rule profile (id or .json path)</source>
        <translation>规则配置（编号或 .json 路径）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="39" />
        <source>Acting user</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="40" />
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="45" />
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="50" />
        <source>INPUT is not a readable vector layer</source>
        <translation>输入不是可读取的矢量图层</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="63" />
        <source>Cancelled; nothing was written</source>
        <translation>已取消，未写入任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="67" />
        <source>Adding to existing work package {}</source>
        <translation>追加到已有工作包 {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="80" />
        <source>{} patches were already in the package and were left as they were: {}</source>
        <translation>{} 个图斑已在工作包中，保持不变：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="83" />
        <source>Area computed on the ellipsoid for {} patches</source>
        <translation>{} 个图斑的面积按椭球面计算</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="84" />
        <source>{} rows read, {} patches added, {} already present, {} problems</source>
        <translation>读取 {} 行，新增图斑 {} 个，已存在 {} 个，问题 {} 条</translation>
    </message>
</context>
<context>
    <name>ReadPhotos</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="22" />
        <source>Read field photos (position, azimuth, time, sha256)</source>
        <translation>读取现场照片（位置、方位角、时间、sha256）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="25" />
        <source>Evidence</source>
        <translation>举证材料</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="31" />
        <source>Reads every image-like file (JPEG, HEIC, …) in a folder: position, altitude, azimuth (magnetic azimuths turned to true north with the World Magnetic Model; raw value and reference kept), time taken, camera, and the sha256 of the whole file. A file that cannot give a position has no geometry and says why in 'problem'. No file is skipped silently.</source>
        <translation>读取文件夹中每个图像文件（JPEG、HEIC 等）：位置、高程、方位角（磁方位角按世界地磁模型换算为真北，保留原值和参考）、拍摄时间、设备及整个文件的 sha256。无法给出位置的文件没有几何，并在“problem”中说明原因。不会静默跳过任何文件。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="38" />
        <source>Photo folder</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="40" />
        <source>Include sub-folders</source>
        <translation>包含子文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="41" />
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="42" />
        <source>Files read</source>
        <translation>已读取文件数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="43" />
        <source>Files with a problem</source>
        <translation>有问题的文件数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="74" />
        <source>Cancelled after {} of {} files</source>
        <translation>已取消（完成 {} / {} 个文件）</translation>
    </message>
</context>
<context>
    <name>WeipianAlgorithm</name>
    <message>
        <location filename="../weipian_plugin/processing/base.py" line="32" />
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
</context>
</TS>