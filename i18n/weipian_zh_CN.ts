<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>AttachPhotos</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="30"/>
        <source>Attach field photos to patches</source>
        <translation>将现场照片挂接到图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="33"/>
        <source>Attaches every photo in a folder to a patch of the work package and copies it into the package&apos;s evidence folder (originals are never moved or changed). MATCH &apos;auto&apos;: a photo in a folder named after a patch code, or whose file name starts with one, goes to that patch; otherwise to the patch it stands in or the nearest within the profile&apos;s distance. &apos;name&apos; or &apos;location&apos; use one way only. OUTPUT lists what went where, and what did not and why. Running it again attaches nothing twice.</source>
        <translation>将文件夹中的每张照片挂接到工作包的图斑，并复制到工作包的举证文件夹（原文件不移动、不修改）。匹配方式“auto”：位于以图斑编号命名的文件夹中、或文件名以图斑编号开头的照片挂接到该图斑；否则挂接到拍摄点所在图斑或配置距离内最近的图斑。“name”或“location”只用一种方式。输出列出每张照片的去向，以及未挂接的原因。重复运行不会重复挂接。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="41"/>
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="42"/>
        <source>Photo folder</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="44"/>
        <source>Match by</source>
        <translation>匹配方式</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="47"/>
        <source>Attachment report</source>
        <translation>挂接报告</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="65"/>
        <source>Cancelled; photos attached so far are kept</source>
        <translation>已取消；已挂接的照片保留</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_attach_photos.py" line="75"/>
        <source>{attached} attached, {already_attached} already attached, {unmatched} not attached</source>
        <translation>挂接 {attached} 张，已存在 {already_attached} 张，未挂接 {unmatched} 张</translation>
    </message>
</context>
<context>
    <name>AttachReport</name>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="33"/>
        <source>Photos attached from the folder</source>
        <translation>文件夹照片挂接结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="39"/>
        <source>{} attached, {} already attached, {} left out: each is listed below with its reason.</source>
        <translation>挂接 {} 张，已挂接过 {} 张，未挂接 {} 张：每张照片的去向或原因见下表。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="45"/>
        <source>Photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="45"/>
        <source>Patch</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="45"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="45"/>
        <source>How / why</source>
        <translation>方式 / 原因</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="52"/>
        <source>Attach the selected photos to the chosen patch</source>
        <translation>将选中的照片挂接到当前图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="67"/>
        <source>attached</source>
        <translation>已挂接</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="67"/>
        <source>already attached</source>
        <translation>已挂接过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="68"/>
        <source>left out</source>
        <translation>未挂接</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="71"/>
        <source>folder named after the patch</source>
        <translation>按图斑编号命名的文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="71"/>
        <source>file name starts with the code</source>
        <translation>文件名以图斑编号开头</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="72"/>
        <source>taken inside the patch</source>
        <translation>拍摄点位于图斑内</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="72"/>
        <source>nearest patch</source>
        <translation>最近的图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="73"/>
        <source>attached by hand</source>
        <translation>手动挂接</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="105"/>
        <source>to patch {}</source>
        <translation>挂接到图斑 {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="105"/>
        <source>choose a patch in the dock</source>
        <translation>请先在面板中选择图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="120"/>
        <source>{} photo(s) attached to {} by hand</source>
        <translation>已手动将 {} 张照片挂接到 {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/attach_report.py" line="73"/>
        <source>named by its row in the field form</source>
        <translation>外业表单中的记录所指</translation>
    </message>
</context>
<context>
    <name>CheckWorkPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="29"/>
        <source>Check work package (rules, evidence, internal-review coverage)</source>
        <translation>检查工作包（规则、举证、内业审核覆盖率）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="32"/>
        <source>Evaluates every patch against the package's rule profile: verdict completeness, the rules of the notices (no 其他 for 新增非农建设类/年度内持续变化类, the 乱占耕地建房 determination, evidence for 合法/其他), photo checks (position, azimuth, distance, direction, time, reuse), written-opinion thresholds, 100 % internal review by a named reviewer who is not the verifier, and field-check thresholds as information. OUTPUT is the findings table; the results carry coverage counts.</source>
        <translation>按工作包的规则配置检查每个图斑：判定是否完整；通知规定的规则（新增非农建设类/年度内持续变化类不得判定为其他、乱占耕地建房认定、合法/其他的举证）；照片检查（位置、方位角、距离、朝向、时间、重复使用）；书面意见面积标准；由非核实人的具名审核人 100% 内业审核；实地核查标准作为提示。输出为检查结果表，结果中含覆盖率统计。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="40"/>
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="41"/>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="46"/>
        <source>Internal review complete</source>
        <translation>内业审核已全覆盖</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="47"/>
        <source>Findings by rule</source>
        <translation>按规则统计</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="67"/>
        <source>verified {}/{}, reviewed {}/{}; {} blocking, {} warnings, {} information</source>
        <translation>已核实 {}/{}，已审核 {}/{}；阻断 {} 条，警告 {} 条，提示 {} 条</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_check_work_package.py" line="70"/>
        <source>checked by {} processes at once</source>
        <translation>由 {} 个进程同时检查</translation>
    </message>
</context>
<context>
    <name>ChildRun</name>
    <message>
        <location filename="../weipian_plugin/processing/child.py" line="73"/>
        <source>The algorithm {} is not available</source>
        <translation>算法 {} 不可用</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/child.py" line="116"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>CityAlgorithm</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="27"/>
        <source>City hub (PostgreSQL/PostGIS)</source>
        <translation>市级汇总库（PostgreSQL/PostGIS）</translation>
    </message>
</context>
<context>
    <name>CityDock</name>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="48"/>
        <source>卫片执法 — city review</source>
        <translation>卫片执法 — 市级审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="62"/>
        <source>No city hub open.</source>
        <translation>未打开市级汇总库。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="64"/>
        <source>Open city hub…</source>
        <translation>打开市级汇总库…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="77"/>
        <source>All states</source>
        <translation>全部审核状态</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="120"/>
        <source>The city&apos;s opinion (required to return or determine)</source>
        <translation>市级审核意见（退回或市级认定时必填）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="137"/>
        <source>Deadline of a return</source>
        <translation>退回整改期限</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="143"/>
        <source>The city&apos;s verdict (determination)</source>
        <translation>市级认定结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="148"/>
        <source>违法性质</source>
        <translation>违法性质</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="149"/>
        <source>新增农村乱占耕地建房</source>
        <translation>新增农村乱占耕地建房</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="154"/>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="156"/>
        <source>Return to the county</source>
        <translation>退回县级</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="158"/>
        <source>The city determines</source>
        <translation>市级认定</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="210"/>
        <source>City hub {} (city {})</source>
        <translation>市级汇总库 {}（市 {}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="214"/>
        <source>All counties</source>
        <translation>全部县区</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="235"/>
        <source>Counties&apos; patches (city hub)</source>
        <translation>各县图斑（市级汇总库）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="247"/>
        <source>{} of {} patches</source>
        <translation>{} / {} 个图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="270"/>
        <source>County&apos;s verdict: {}</source>
        <translation>县级判定：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="270"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="276"/>
        <source>Basis: {}</source>
        <translation>判定依据：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="280"/>
        <source>County review: {} {} {}</source>
        <translation>县级审核：{} {} {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="285"/>
        <source>City: {} {} {} {}</source>
        <translation>市级：{} {} {} {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="355"/>
        <source>Saved: {}</source>
        <translation>已保存：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="101"/>
        <source>City review</source>
        <translation>市级审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="101"/>
        <source>Code</source>
        <translation>监测编号</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="101"/>
        <source>County</source>
        <translation>县区</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="101"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="101"/>
        <source>Class</source>
        <translation>图斑类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="101"/>
        <source>耕地 (亩)</source>
        <translation>耕地（亩）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="101"/>
        <source>County&apos;s verdict</source>
        <translation>县级判定</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="13"/>
        <source>not reviewed</source>
        <translation>未审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="14"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="15"/>
        <source>returned to the county</source>
        <translation>已退回县级</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="16"/>
        <source>determined by the city</source>
        <translation>市级认定</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_model.py" line="17"/>
        <source>reported again, to review</source>
        <translation>县级重新上报，待复审</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="218"/>
        <source>{} (not reported)</source>
        <translation>{}（未上报）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="140"/>
        <source>— choose —</source>
        <translation>— 请选择 —</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/city_dock.py" line="338"/>
        <source>Choose the city&apos;s verdict first</source>
        <translation>请先选择市级认定结果</translation>
    </message>
</context>
<context>
    <name>CityReturnPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="204"/>
        <source>Export the city&apos;s return package for a county</source>
        <translation>导出市级退回包（按县）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="207"/>
        <source>The patches the city returned to the county (opinion, deadline) or determined itself since its last return package, as a package with every file&apos;s sha256 for the county to import.</source>
        <translation>自上次退回包以来市级退回县级（附意见和期限）或由市级自行认定的图斑，打包并附每个文件的 sha256，供县级导入。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="212"/>
        <source>County code (6 digits)</source>
        <translation>县级行政区代码（6 位）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="214"/>
        <source>Return package</source>
        <translation>退回包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="214"/>
        <source>Zip (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="216"/>
        <source>Patches</source>
        <translation>图斑数</translation>
    </message>
</context>
<context>
    <name>CityReview</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="123"/>
        <source>City review of a county&apos;s result</source>
        <translation>市级审核县级成果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="126"/>
        <source>The city's internal review of one patch as the county last reported it: pass; return to the county with an opinion and a deadline; or, where the county refuses to correct it, the city's own determination (final verdict; for 违法 its nature and 新增农村乱占耕地建房), which then counts in the figures (002 §三(四)1).</source>
        <translation>市级对县级最新上报的单个图斑进行内业审核：通过；附意见和期限退回县级；或县级拒不整改的，由市级作出认定（最终判定结果；违法的还须认定违法性质和是否属于新增农村乱占耕地建房），该认定计入统计（002 §三(四)1）。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="133"/>
        <source>Patch code (JCBH)</source>
        <translation>监测编号（JCBH）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="134"/>
        <source>Decision</source>
        <translation>审核结论</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="136"/>
        <source>Opinion</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="137"/>
        <source>Deadline of a return (YYYY-MM-DD)</source>
        <translation>退回整改期限（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="139"/>
        <source>The city&apos;s final verdict</source>
        <translation>市级最终判定结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="141"/>
        <source>违法性质 of the city's verdict</source>
        <translation>市级认定的违法性质</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="143"/>
        <source>新增农村乱占耕地建房 (the city's)</source>
        <translation>是否属于新增农村乱占耕地建房（市级认定）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="146"/>
        <source>Review id</source>
        <translation>审核记录编号</translation>
    </message>
</context>
<context>
    <name>CityStatistics</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="169"/>
        <source>City statistics of the year</source>
        <translation>市级年度统计</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="172"/>
        <source>Each county's accountability ratio (100 亩 and 15 %) and the city's as a whole (500 亩), with the city's own determinations counted; the patches the city and the province will field-check; the city's review progress per county. XLSX.</source>
        <translation>各县问责比例（100 亩且 15%）及全市合计（500 亩），计入市级认定；市级和省级实地核查图斑清单；各县市级审核进度。输出 XLSX。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="178"/>
        <source>Year (empty: every batch reported)</source>
        <translation>年度（留空：全部上报批次）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="181"/>
        <source>Statistics</source>
        <translation>统计表</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="181"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="183"/>
        <source>Summary (JSON)</source>
        <translation>汇总（JSON）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="192"/>
        <source>the city reaches the accountability standard: {} 亩, ratio {}</source>
        <translation>全市达到问责标准：{} 亩，比例 {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="195"/>
        <source>county {} reaches the accountability standard</source>
        <translation>县级行政区 {} 达到问责标准</translation>
    </message>
</context>
<context>
    <name>CityTrustKey</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="143"/>
        <source>Trust a county&apos;s key in the city hub (register or replace)</source>
        <translation>在市级汇总库中信任县级密钥（登记或更换）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="146"/>
        <source>Records the key a county&apos;s package was signed with as that county&apos;s key in the hub: before its first upload package, or to replace a lost key (REPLACE, with REASON). The fingerprint confirmed with the county by phone or on the official letter must be the package&apos;s. Every change is in the hub&apos;s audit log.</source>
        <translation>将县级包所用的签名密钥登记为该县在汇总库中的密钥：可在其首个上报包之前登记，也可用于更换遗失的密钥（REPLACE，并填写 REASON）。经电话或正式公函与该县核对的指纹必须与该包一致。每次变更都记入汇总库的审计日志。</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="37"/>
        <source>Conflict on patch {}</source>
        <translation>图斑 {} 的版本冲突</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="40"/>
        <source>{} returned a verdict for this patch after the county changed it. Keep one; the other stays on record.</source>
        <translation>{} 返回了该图斑的核实结果，而县级在此之前已修改过该图斑。请保留其中一个版本；另一版本仍留档。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="46"/>
        <source>County (now)</source>
        <translation>县级（当前）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="46"/>
        <source>Township ({})</source>
        <translation>乡镇（{}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="47"/>
        <source>Evidence files</source>
        <translation>举证文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="59"/>
        <source>{} ({} not in the county&apos;s)</source>
        <translation>{} 个（其中 {} 个县级没有）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="66"/>
        <source>Why this version (required)</source>
        <translation>保留该版本的理由（必填）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="70"/>
        <source>Keep the county&apos;s</source>
        <translation>保留县级版本</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="71"/>
        <source>Keep the township&apos;s</source>
        <translation>保留乡镇版本</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="87"/>
        <source>Verdict</source>
        <translation>判定结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="87"/>
        <source>Subtype</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="87"/>
        <source>Illegal category</source>
        <translation>违法性质</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="88"/>
        <source>New rural housing on cultivated land</source>
        <translation>新增农村乱占耕地建房</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="89"/>
        <source>Approval number</source>
        <translation>批准文号</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="89"/>
        <source>Basis</source>
        <translation>判定依据说明</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="90"/>
        <source>Rectification</source>
        <translation>整改状态</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="90"/>
        <source>Verified by</source>
        <translation>核实人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="91"/>
        <source>Verified at</source>
        <translation>核实时间</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/conflict_dialog.py" line="101"/>
        <source>%Y-%m-%d %H:%M</source>
        <translation>%Y年%m月%d日 %H:%M</translation>
    </message>
</context>
<context>
    <name>CountyDialogs</name>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="52"/>
        <source>Internal-review and field-check leads</source>
        <translation>内业审核负责人与外业核查负责人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="59"/>
        <source>Internal-review lead (内业审核负责人)</source>
        <translation>内业审核负责人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="60"/>
        <source>Field-check lead (外业核查负责人)</source>
        <translation>外业核查负责人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="61"/>
        <source>Formal staff members of the county's department (002 §三(四)1).</source>
        <translation>须为县级自然资源主管部门正式在编人员（002 §三(四)1）。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="69"/>
        <source>Name both leads</source>
        <translation>两位负责人都须填写</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="85"/>
        <source>The county&apos;s field check of several patches</source>
        <translation>县级外业核查（多个图斑）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="93"/>
        <source> (checked {} by {})</source>
        <translation>（{} 已由 {} 核查）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="107"/>
        <source>Checked by</source>
        <translation>核查人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="108"/>
        <source>Checked on</source>
        <translation>核查日期</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="109"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/county_dialogs.py" line="120"/>
        <source>Tick the patches that were checked</source>
        <translation>请勾选已核查的图斑</translation>
    </message>
</context>
<context>
    <name>CreateCityHub</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="43"/>
        <source>Create the city hub</source>
        <translation>创建市级汇总库</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="46"/>
        <source>Makes the city&apos;s hub in a new schema of the server: the counties&apos; upload packages as received, the city&apos;s review and returns, one audit chain; and its roles &lt;schema&gt;_city_reviewer and &lt;schema&gt;_city_admin. An existing schema is never used.</source>
        <translation>在服务器的新模式中创建市级汇总库：各县上报包原样保存、市级审核与退回、一条审计链；并创建角色 &lt;模式&gt;_city_reviewer 和 &lt;模式&gt;_city_admin。不会使用已存在的模式。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="52"/>
        <source>City code (4 digits, e.g. 6109)</source>
        <translation>市级行政区代码（4 位，如 6109）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="53"/>
        <source>Rules profile</source>
        <translation>规则配置</translation>
    </message>
</context>
<context>
    <name>CreateWorkPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="29"/>
        <source>Create or extend work package from issued patches</source>
        <translation>由下发图斑创建或追加工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="32"/>
        <source>Imports issued patches (Shapefile UTF-8 or GBK, GeoPackage, GeoJSON; EPSG:4490, 4513–4554 or WGS84) into a work package GeoPackage. Fields are mapped automatically (JCBH, 监测编号, …); FIELD_MAP overrides, e.g. 'JCBH=编号;GDMJ=耕地'. Missing areas are computed on the ellipsoid in 亩. If OUTPUT is an existing work package, only new patches are added and existing work is never touched. Duplicate or missing codes and invalid geometries are reported by code and row.</source>
        <translation>将下发图斑（Shapefile UTF-8 或 GBK、GeoPackage、GeoJSON；EPSG:4490、4513–4554 或 WGS84）导入工作包 GeoPackage。字段自动对应（JCBH、监测编号等），可用“字段对应”覆盖，如“JCBH=编号;GDMJ=耕地”。缺少的面积按椭球面以亩计算。若输出为已有工作包，只追加新图斑，已有成果不受影响。重复或缺失的编号、无效几何按编号和行号报告。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="40"/>
        <source>Issued patches</source>
        <translation>下发图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="42"/>
        <source>Field map (CODE=field;…)</source>
        <translation>字段对应（代码=字段;…）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="48"/>
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="53"/>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="58"/>
        <source>INPUT is not a readable vector layer</source>
        <translation>输入不是可读取的矢量图层</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="78"/>
        <source>Cancelled; nothing was written</source>
        <translation>已取消，未写入任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="82"/>
        <source>Adding to existing work package {}</source>
        <translation>追加到已有工作包 {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="94"/>
        <source>{} patches were already in the package and were left as they were: {}</source>
        <translation>{} 个图斑已在工作包中，保持不变：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="97"/>
        <source>Area computed on the ellipsoid for {} patches</source>
        <translation>{} 个图斑的面积按椭球面计算</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="98"/>
        <source>{} rows read, {} patches added, {} already present, {} problems</source>
        <translation>读取 {} 行，新增图斑 {} 个，已存在 {} 个，问题 {} 条</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="44"/>
        <source>Rule profile (id or .json path; empty: chosen by the county code)</source>
        <translation>规则配置（编号或 .json 路径；留空则按县级行政区代码选择）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="74"/>
        <source>Rule profile: {}</source>
        <translation>规则配置：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_create_work_package.py" line="48"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 工作包 (*.gpkg)</translation>
    </message>
</context>
<context>
    <name>DockToolbar</name>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="21"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="22"/>
        <source>Open a work package (.gpkg) or an assignment package (.zip)</source>
        <translation>打开工作包（.gpkg）或任务包（.zip）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="28"/>
        <source>Township verification</source>
        <translation>乡镇核实</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="29"/>
        <source>County review</source>
        <translation>县级审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="31"/>
        <source>Next to do</source>
        <translation>下一个待办</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="33"/>
        <source>Next patch still to do in this mode (Alt+N)</source>
        <translation>本模式下一个待办图斑（Alt+N）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="34"/>
        <source>Pick on map</source>
        <translation>地图点选</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="37"/>
        <source>Attach photos…</source>
        <translation>挂接照片…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="39"/>
        <source>Attach a folder of photos: each goes to the patch it was taken at</source>
        <translation>挂接照片文件夹：每张照片按拍摄位置挂到所在图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="88"/>
        <source>After</source>
        <translation>后时相</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="93"/>
        <source>The imagery on the map: flip between before (前时相) and after (后时相) (Alt+T)</source>
        <translation>地图上的影像：在前时相与后时相之间切换（Alt+T）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="88"/>
        <source>Before</source>
        <translation>前时相</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="88"/>
        <source>Base map</source>
        <translation>底图</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="89"/>
        <source>No imagery</source>
        <translation>无影像</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="93"/>
        <source>No before/after imagery for this batch: set it with the Packages menu (Set the batch&apos;s imagery), or a base map in the options.</source>
        <translation>本批次没有前后时相影像：请在“交换包”菜单中设置（设置批次影像），或在选项中设置底图。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/dock_toolbar.py" line="47"/>
        <source>User manual (F1)</source>
        <translation>使用手册（F1）</translation>
    </message>
</context>
<context>
    <name>EvidenceAlgorithm</name>
    <message>
        <location filename="../weipian_plugin/processing/base.py" line="153"/>
        <source>Evidence</source>
        <translation>举证</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="78"/>
        <source>Drop photos or scanned documents here</source>
        <translation>可将照片或扫描件拖放到此处</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="98"/>
        <source>Add photos…</source>
        <translation>添加照片…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="102"/>
        <source>Add documents…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="112"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="179"/>
        <source>{} file</source>
        <translation>{} 文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="179"/>
        <source>missing</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="143"/>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="185"/>
        <source>az {:.0f}°</source>
        <translation>方位 {:.0f}°</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="185"/>
        <source>no azimuth</source>
        <translation>无方位角</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="198"/>
        <source>taken {}</source>
        <translation>拍摄于 {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="202"/>
        <source>{:.0f} m from the patch</source>
        <translation>距图斑 {:.0f} 米</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="207"/>
        <source>Add photos</source>
        <translation>添加照片</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="214"/>
        <source>Add documents</source>
        <translation>添加文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="235"/>
        <source>attached</source>
        <translation>已挂接</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="235"/>
        <source>already attached</source>
        <translation>已挂接过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="240"/>
        <source>not attached: {}</source>
        <translation>未挂接：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="251"/>
        <source>Remove evidence</source>
        <translation>移除举证材料</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="251"/>
        <source>Detach {} file(s) from patch {}? The files are kept on disk and the removal is logged.</source>
        <translation>从图斑 {1} 移除 {0} 个文件？文件仍保留在磁盘上，移除操作将记入日志。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="262"/>
        <source>NOT removed: {}</source>
        <translation>未移除：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="139"/>
        <source>Approval or record document</source>
        <translation>用地批准或备案文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="140"/>
        <source>Case papers (filing, penalty, rectification)</source>
        <translation>违法案件材料（立案、处罚、整改）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="141"/>
        <source>Acceptance papers</source>
        <translation>验收材料</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="141"/>
        <source>Written review opinion</source>
        <translation>书面审核意见</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="142"/>
        <source>Other document</source>
        <translation>其他材料</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="118"/>
        <source>Undo remove</source>
        <translation>撤销移除</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="267"/>
        <source>{} file(s) detached; the files stay on disk. Undo remove attaches them again.</source>
        <translation>已移除 {} 个文件；文件仍保留在磁盘上。点“撤销移除”可重新挂接。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="284"/>
        <source>NOT attached again: {}</source>
        <translation>未能重新挂接：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="207"/>
        <source>Photos ({})</source>
        <translation>照片（{}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="214"/>
        <source>Documents ({})</source>
        <translation>文档（{}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="108"/>
        <source>What the documents added or dropped next are</source>
        <translation>接下来添加或拖入的文件属于哪类材料</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="113"/>
        <source>Remove the selected evidence from this patch (asks first)</source>
        <translation>从本图斑移除所选举证材料（先询问）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="99"/>
        <source>Attach photos to this patch (Alt+A), or drop them on the page</source>
        <translation>为本图斑添加照片（Alt+A），也可将照片拖到本页</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="226"/>
        <source>Not attached: evidence is recorded with the name of who attached it</source>
        <translation>未挂接：证据须记录挂接人姓名</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/evidence_panel.py" line="288"/>
        <source>{} file(s) attached again.</source>
        <translation>已重新挂接 {} 个文件。</translation>
    </message>
</context>
<context>
    <name>ExchangeAlgorithm</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="31"/>
        <source>Packages</source>
        <translation>交换包</translation>
    </message>
</context>
<context>
    <name>ExportAssignmentPackages</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="42"/>
        <source>Export assignment packages (one per township)</source>
        <translation>导出下发包（每个乡镇一个）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="45"/>
        <source>Splits the county&apos;s work package by township into assignment packages: one zip per township with its patches, earlier verdicts, evidence and return reasons, and a manifest with every file&apos;s sha256. Townships come from the patches&apos; township field, or from TOWNSHIPS, a boundary layer (the polygon holding each patch). A township opens its zip directly in the plugin. The county remembers what it handed to whom, so returned work can be checked against it.</source>
        <translation>按乡镇将县级工作包拆分为下发包：每个乡镇一个 zip，含其图斑、已有判定、举证材料和退回意见，以及列出每个文件 sha256 的清单。乡镇取自图斑的乡镇字段，或取自乡镇界线图层 TOWNSHIPS（图斑所在的面）。乡镇在插件中直接打开 zip。县级记录下发给谁的内容，以便核对返回的成果。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="53"/>
        <source>County work package</source>
        <translation>县级工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="54"/>
        <source>Township boundaries</source>
        <translation>乡镇界线</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="56"/>
        <source>Township name field</source>
        <translation>乡镇名称字段</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="59"/>
        <source>Output folder</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="60"/>
        <source>Packages written</source>
        <translation>已写出的包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="61"/>
        <source>Patches without a township</source>
        <translation>无乡镇的图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="62"/>
        <source>Package files (JSON list)</source>
        <translation>包文件（JSON 列表）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="78"/>
        <source>{} patches have no township and were not handed out: {}</source>
        <translation>{} 个图斑没有乡镇，未下发：{}</translation>
    </message>
</context>
<context>
    <name>ExportFieldProject</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="26"/>
        <source>Export field project for QField (township)</source>
        <translation>导出外业项目（QField，乡镇）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="29"/>
        <source>Makes a folder and a zip that QField (or Mergin Maps) opens offline on a phone: the township&apos;s patches with their geometry locked, the issued facts, earlier verdicts and the county&apos;s return reasons read-only, the verdict form with the profile&apos;s rules as constraints (an incomplete verdict cannot be saved), a photo layer whose camera photos go to DCIM/ named &lt;JCBH&gt;_&lt;n&gt;, and the batch&apos;s before/after imagery clipped to the township. Copy the folder to the phone by USB cable or the county&apos;s file share; no cloud is needed. Nothing that exists is written over.</source>
        <translation>生成QField（或Mergin Maps）可在手机上离线打开的文件夹及其压缩包：本乡镇图斑（图形锁定），下发信息、此前判定和县级退回意见只读；判定表单按规则配置设置约束（判定不完整不能保存）；照片图层由相机拍摄的照片存入DCIM/，命名为&lt;JCBH&gt;_&lt;n&gt;；本批次前后时相影像按乡镇范围裁切。用USB数据线或县里的共享文件夹把文件夹拷到手机，无需云服务。不覆盖任何已有文件。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="42"/>
        <source>Township work package</source>
        <translation>乡镇工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="47"/>
        <source>Folder to write it in</source>
        <translation>输出文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="48"/>
        <source>Field project folder</source>
        <translation>外业项目文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="49"/>
        <source>Field project zip</source>
        <translation>外业项目压缩包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="50"/>
        <source>Patches</source>
        <translation>图斑数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="51"/>
        <source>Size in bytes</source>
        <translation>大小（字节）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="81"/>
        <source>{}: {} MB</source>
        <translation>{}：{} MB</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="78"/>
        <source>{} patches, {} MB in all: {}</source>
        <translation>{} 个图斑，共 {} MB：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="43"/>
        <source>Township (the county&apos;s package: empty for one project per township)</source>
        <translation>乡镇（县级工作包：留空则每个乡镇各生成一个项目）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="52"/>
        <source>Field project zips (JSON list)</source>
        <translation>外业项目压缩包（JSON列表）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="76"/>
        <source>no township&apos;s patches to take to the field</source>
        <translation>没有可带到外业的乡镇图斑</translation>
    </message>
</context>
<context>
    <name>ExportReturnPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="89"/>
        <source>Export return package (township → county)</source>
        <translation>导出返回包（乡镇 → 县级）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="92"/>
        <source>Packs a township&apos;s assignment work package (verdicts, evidence records, audit log) and its evidence files into a zip with a manifest listing every file&apos;s size and sha256 and the package&apos;s identity (county, township, when, by whom, schema version, profile). Refused when an evidence file is missing or its bytes changed since it was attached.</source>
        <translation>将乡镇的下发工作包（判定、举证记录、操作日志）及举证文件打包为 zip，清单列出每个文件的大小和 sha256 以及包的身份（县、乡镇、时间、操作人、结构版本、规则配置）。举证文件缺失或挂接后内容被改动时拒绝导出。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="99"/>
        <source>Township work package</source>
        <translation>乡镇工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="101"/>
        <source>Return package</source>
        <translation>返回包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="110"/>
        <source>cancelled; no package was written</source>
        <translation>已取消，未写出任何包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="101"/>
        <source>Zip (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
</context>
<context>
    <name>ExportUploadPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="33"/>
        <source>Export upload package (county → platform)</source>
        <translation>导出上报成果包（县级 → 平台）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="36"/>
        <source>Refused, with the list of what blocks, unless every patch passed internal review and no blocking finding is left. Writes a zip with the results as GeoPackage and GBK Shapefile (issued field codes plus PDJG, PZWH, WFLX, PDYJSM, SFXZLZGDJF, SHYJ…), the evidence in one folder per patch code, one dossier PDF per patch (一图斑一卷宗, QGIS print layouts), the monthly statistics and manifest.json with every file's sha256. Military-land patches never go in; MILITARY=true writes them alone, as the separate confidential package. The zip appears only when complete.</source>
        <translation>除非所有图斑均通过内业审核且没有阻断问题，否则拒绝并列出阻断原因。写出的 zip 包含：GeoPackage 和 GBK 编码 Shapefile 格式的成果（下发字段加 PDJG、PZWH、WFLX、PDYJSM、SFXZLZGDJF、SHYJ 等）、按监测编号分文件夹的举证材料、每个图斑一份卷宗 PDF（一图斑一卷宗，QGIS 打印布局）、月报统计及列出每个文件 sha256 的 manifest.json。军事用地图斑不进入成果包；MILITARY=true 时单独导出为涉密包。zip 仅在完整写出后出现。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="49"/>
        <source>County work package</source>
        <translation>县级工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="50"/>
        <source>Only military-land patches (separate confidential package)</source>
        <translation>仅军事用地图斑（单独的涉密包）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="52"/>
        <source>Dossier PDF per patch</source>
        <translation>每个图斑的卷宗 PDF</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="62"/>
        <source>Upload package</source>
        <translation>上报成果包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="83"/>
        <source>cancelled; no package was written</source>
        <translation>已取消，未写出任何包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="88"/>
        <source>{} patches, {} photos, {} dossiers ({} pages), {} MB → {}</source>
        <translation>{} 个图斑，{} 张照片，{} 份卷宗（{} 页），{} MB → {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="53"/>
        <source>Imagery under the dossier maps when the batch has none recorded (raster file or XYZ source 'type=xyz&amp;url=…')</source>
        <translation>批次未记录影像时卷宗地图使用的底图（栅格文件或 XYZ 源“type=xyz&amp;url=…”）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="62"/>
        <source>Zip (*.zip)</source>
        <translation>Zip 压缩包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="56"/>
        <source>Processes rendering the dossiers (0: one a core, where the package is big enough)</source>
        <translation>生成举证材料的进程数（0：图斑足够多时每个处理器核心一个）</translation>
    </message>
</context>
<context>
    <name>ExportWorkPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="92"/>
        <source>Take a work package back from the office database</source>
        <translation>从县级办公数据库取回工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="95"/>
        <source>Writes a GeoPackage work package from a PostgreSQL/PostGIS schema: every table row for row and the evidence files beside it, each checked against its sha256. A file that exists is never overwritten.</source>
        <translation>由 PostgreSQL/PostGIS 模式写出 GeoPackage 工作包：逐表逐行写出，举证文件写在工作包旁，每个文件均核对 sha256。已存在的文件绝不覆盖。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="101"/>
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="101"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 工作包 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="103"/>
        <source>Patches</source>
        <translation>图斑</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../weipian_plugin/gui/findings_panel.py" line="145"/>
        <source>Patch {}: {} findings</source>
        <translation>图斑 {}：{} 条检查结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/findings_panel.py" line="165"/>
        <source>Package: {} findings, {} blocking</source>
        <translation>工作包：{} 条检查结果，其中阻断 {} 条</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/findings_panel.py" line="85"/>
        <source>practice</source>
        <translation>实践做法</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/findings_panel.py" line="99"/>
        <source>{severity}: {message}
Rule: {rule}
Source: {source}</source>
        <translation>{severity}：{message}
规则：{rule}
依据：{source}</translation>
    </message>
</context>
<context>
    <name>GateBar</name>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="15"/>
        <source>Export assignment packages (county → townships)…</source>
        <translation>导出下发包（县级 → 乡镇）…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="15"/>
        <source>Import a township's return package…</source>
        <translation>导入乡镇返回包…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="15"/>
        <source>Import the city's return package…</source>
        <translation>导入市级退回包…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="15"/>
        <source>Export return package (township → county)…</source>
        <translation>导出返回包（乡镇 → 县级）…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="15"/>
        <source>Monthly statistics (XLSX)…</source>
        <translation>月报统计（XLSX）…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="15"/>
        <source>Export military-land package (separate, confidential)…</source>
        <translation>导出军事用地包（单独、涉密）…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="15"/>
        <source>Verify a package's manifest and hashes…</source>
        <translation>校验交换包的清单和哈希…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="64"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="66"/>
        <source>Check every patch of the package against the rules</source>
        <translation>按规则检查工作包内每个图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="68"/>
        <source>Export upload…</source>
        <translation>导出上报包…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="70"/>
        <source>Export the upload package (results, photos, dossiers)</source>
        <translation>导出上报成果包（成果、照片、举证材料）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="74"/>
        <source>Packages</source>
        <translation>交换包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="98"/>
        <source>Open a work package to start.</source>
        <translation>请先打开工作包。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="105"/>
        <source>Verified</source>
        <translation>已核实</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="105"/>
        <source>Reviewed (passed)</source>
        <translation>已审核通过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="119"/>
        <source>Export blocked: </source>
        <translation>暂不能导出：</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="119"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="119"/>
        <source>Internal review complete, no blocking findings: ready to export.</source>
        <translation>内业审核已全覆盖且无阻断问题，可以导出。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="125"/>
        <source>月清 overdue: {} patches past their due date and not yet passed</source>
        <translation>月清逾期：{} 个图斑已过填报期限且未审核通过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="131"/>
        <source>{} of {} patches verified; {} to do. When done, send the work back to the county as a return package (Packages menu).</source>
        <translation>已核实 {} 个图斑（共 {} 个），还剩 {} 个。完成后请通过“交换包”菜单将成果以返回包交回县级。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="131"/>
        <source>All {} patches verified: send the return package to the county (Packages menu).</source>
        <translation>全部 {} 个图斑已核实：请通过“交换包”菜单将返回包交回县级。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="145"/>
        <source>{} patches not yet passed by internal review</source>
        <translation>{} 个图斑未通过内业审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="147"/>
        <source>{} blocking findings on {} patches</source>
        <translation>{} 条阻断问题（涉及 {} 个图斑）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="15"/>
        <source>Set the batch's imagery (前时相 / 后时相)…</source>
        <translation>设置批次影像（前时相 / 后时相）…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="142"/>
        <source>the internal-review and field-check leads are not named (County records → Leads…)</source>
        <translation>未填写内业审核负责人和外业核查负责人（县级记录 → 负责人…）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="15"/>
        <source>Export field project for QField (phone)…</source>
        <translation>导出外业项目（QField）…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/gate_bar.py" line="15"/>
        <source>Import what the phone gave back (QField)…</source>
        <translation>导入外业数据（QField）…</translation>
    </message>
</context>
<context>
    <name>HandoverLists</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="123"/>
        <source>Hand-over lists (transport, energy, water projects; 非粮化)</source>
        <translation>移交清单（交通、能源、水利项目；非粮化）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="126"/>
        <source>Beside the 专班 list, the lists 002 §五(三) asks the county to hand over: illegal land use of transport, energy and water projects (marked so, or named by a major-project record) to their departments, and 非粮化 cases (marked so) to agriculture and rural affairs; one sheet each, as XLSX.</source>
        <translation>专班清单之外，002 §五(三) 要求移交的清单：涉及交通、能源、水利设施的违法违规用地问题（已标记，或有重大项目记录）移交相关主管部门，“非粮化”问题（已标记）移交农业农村部门；每类一张表，写为 XLSX。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="133"/>
        <source>Hand-over lists</source>
        <translation>移交清单</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="133"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="135"/>
        <source>Patches per list (JSON)</source>
        <translation>各清单图斑数（JSON）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="140"/>
        <source>OUTPUT must end in .xlsx: {}</source>
        <translation>输出文件须以 .xlsx 结尾：{}</translation>
    </message>
</context>
<context>
    <name>ImportCityReturn</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="232"/>
        <source>Import the city&apos;s return package</source>
        <translation>导入市级退回包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="235"/>
        <source>Takes the city&apos;s returns (opinion, deadline) and determinations into the county&apos;s work package, after every file matched the manifest: all or nothing; the same package twice is taken once. The patch page shows them and the check says each return until it is corrected.</source>
        <translation>在每个文件与清单核对一致后，将市级退回（意见、期限）和市级认定导入县级工作包：要么全部导入，要么不导入；同一退回包只导入一次。图斑页面显示这些记录，检查会提示每个退回直至整改。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="241"/>
        <source>County work package</source>
        <translation>县级工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="242"/>
        <source>The city&apos;s return package</source>
        <translation>市级退回包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="245"/>
        <source>Patches returned</source>
        <translation>退回图斑数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="246"/>
        <source>Patches determined by the city</source>
        <translation>市级认定图斑数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="258"/>
        <source>{} was imported before; nothing changed</source>
        <translation>{} 此前已导入；未作任何更改</translation>
    </message>
</context>
<context>
    <name>ImportFieldProject</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="93"/>
        <source>Import field project from QField</source>
        <translation>导入QField外业数据</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="96"/>
        <source>Takes back the folder or zip of a field project the phone gave back. Everything in it is checked first and nothing is written when anything is wrong (a path out of the folder, code in the project file, an edited patch geometry, too many or too large files), naming the file and the reason. Then the verdicts become the township&apos;s verifications and every photo is read and attached as at a desk (its own EXIF position, azimuth and time win over the form&apos;s). A verdict changed at the desk since the export is kept and named; photos in DCIM/ that no row names are listed with the patch they stand in, to attach by hand.</source>
        <translation>导入手机交回的外业项目文件夹或压缩包。先检查全部内容，有任何问题（路径超出文件夹、项目文件含代码、图斑图形被修改、文件过多或过大）即不写入任何内容，并指明文件和原因。检查通过后，判定结果记为乡镇的核实结果，每张照片按桌面端同样的方式读取并挂接（以照片自身EXIF中的位置、方位角和时间为准，不以表单为准）。导出后在桌面端改过的判定予以保留并列出；DCIM/中未被任何记录引用的照片连同其所在图斑列出，供手工挂接。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="106"/>
        <source>Township work package</source>
        <translation>乡镇工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="107"/>
        <source>Field project zip</source>
        <translation>外业项目压缩包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="109"/>
        <source>or the field project&apos;s folder</source>
        <translation>或外业项目文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="117"/>
        <source>Report (JSON)</source>
        <translation>报告（JSON）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="123"/>
        <source>give the field project&apos;s zip or its folder</source>
        <translation>请选择外业项目压缩包或文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="139"/>
        <source>{}: in DCIM/ but in no row of the form; stands at patch {}</source>
        <translation>{}：在DCIM/中但未被表单记录引用；拍摄位置在图斑 {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="113"/>
        <source>Verdicts applied</source>
        <translation>已写入判定</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="114"/>
        <source>Conflicts kept</source>
        <translation>保留的冲突</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="115"/>
        <source>Photos attached</source>
        <translation>已挂接照片</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_field.py" line="116"/>
        <source>Photos not in the form</source>
        <translation>未填入表单的照片</translation>
    </message>
</context>
<context>
    <name>ImportHigherFindings</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="121"/>
        <source>Import a higher level&apos;s findings (error rate, final verdicts)</source>
        <translation>导入上级认定结果（差错率、最终判定）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="124"/>
        <source>Records what the city, the province or the Ministry found per patch, from its list (UTF-8 CSV or XLSX keyed by JCBH): RDCJ 认定层级 (市级/省级/部级), RDFS 认定方式 (内业审核/实地核查), SFMXBHL 明显填报不合理 (是/否), RDRQ 认定日期, and where the higher level made its own determination ZZPDJG 最终判定结果, WFXZ and SFXZLZGDJF. The error rate counts only these findings; the accountability ratio and the 专班 list use the higher level's final verdict where there is one (002 §三(四)1, §三(七)1).</source>
        <translation>按图斑记录市、省或部的认定结果，来自上级清单（以 JCBH 为键的 UTF-8 CSV 或 XLSX）：RDCJ 认定层级（市级/省级/部级）、RDFS 认定方式（内业审核/实地核查）、SFMXBHL 明显填报不合理（是/否）、RDRQ 认定日期；上级作出自己认定的，另填 ZZPDJG 最终判定结果、WFXZ 和 SFXZLZGDJF。差错率只计这些认定；问责比例和专班清单有上级最终认定的按上级认定计（002 §三(四)1、§三(七)1）。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="133"/>
        <source>{} rows read, {} findings recorded, {} refused</source>
        <translation>读取 {} 行，记录认定 {} 条，拒收 {} 行</translation>
    </message>
</context>
<context>
    <name>ImportReturnPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="121"/>
        <source>Import return package into the county work package</source>
        <translation>将返回包导入县级工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="134"/>
        <source>County work package</source>
        <translation>县级工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="135"/>
        <source>Return package</source>
        <translation>返回包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="138"/>
        <source>Import report</source>
        <translation>导入报告</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="143"/>
        <source>Already imported</source>
        <translation>已导入过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="153"/>
        <source>cancelled; nothing was changed</source>
        <translation>已取消，未做任何修改</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="157"/>
        <source>{} was imported before; nothing changed</source>
        <translation>{} 已导入过，未做任何修改</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="159"/>
        <source>{}: changed by the county meanwhile; the township&apos;s version is kept as a conflict to decide</source>
        <translation>{}：县级在此期间已修改；乡镇版本作为待决定的冲突保存</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="144"/>
        <source>Patches taken, in conflict and refused (JSON)</source>
        <translation>已采用、冲突和拒收的图斑（JSON）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="138"/>
        <source>JSON (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="124"/>
        <source>Verifies every file of a township&apos;s return package against its manifest, and its signature against the key the county trusts for the township it handed the assignment to (the first package of a township: give the key fingerprint confirmed with it by phone as CONFIRMED_KEY); any mismatch, missing or extra file refuses the whole package and changes nothing. Only patches assigned to that township are accepted. Where the county changed a patch meanwhile, the township&apos;s version is kept beside the county&apos;s as a conflict (never written over it). Importing the same package twice changes nothing. OUTPUT is a JSON report.</source>
        <translation>先按清单核验乡镇返回包的每个文件，并按县级为该任务所交付乡镇信任的密钥核验其签名（乡镇的首个包：在 CONFIRMED_KEY 中填写经电话与其核对的密钥指纹）；任何不符、缺失或多余的文件都会使整个包被拒收，且不作任何更改。只接收分派给该乡镇的图斑。县级在此期间改动过的图斑，乡镇的版本作为冲突与县级版本并存（绝不覆盖）。同一个包导入两次不会有任何变化。OUTPUT 为 JSON 报告。</translation>
    </message>
</context>
<context>
    <name>ImportUploadPackages</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="77"/>
        <source>Import counties&apos; upload packages into the city hub</source>
        <translation>将各县上报包导入市级汇总库</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="89"/>
        <source>Upload packages (.zip)</source>
        <translation>上报包（.zip）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="93"/>
        <source>Packages imported</source>
        <translation>已导入上报包数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="94"/>
        <source>Imported before</source>
        <translation>此前已导入数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="95"/>
        <source>Refused, with the reason (JSON)</source>
        <translation>被拒绝的上报包及原因（JSON）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="106"/>
        <source>{}: county {}, {} patches, {} files</source>
        <translation>{}：县级行政区 {}，{} 个图斑，{} 个文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_city.py" line="80"/>
        <source>Verifies each county upload package as the county&apos;s tools do (every file against the manifest&apos;s sha256, the rules&apos; inputs field by field, the signature against the key the city trusts for that county, the county&apos;s audit history against what it sent before) and takes it whole, or refuses it with the reason and goes on with the next. The same package twice is taken once. The first package of a county: give its key fingerprint, confirmed with the county by phone, as CONFIRMED_KEY.</source>
        <translation>按县级工具的方式核验每个县级上报包（每个文件对照清单的 sha256，规则输入逐字段核对，签名对照市级信任的该县密钥，县级审计历史对照其此前所报），整包接收，或说明理由拒收并继续处理下一个。同一个包只接收一次。某县的首个包：在 CONFIRMED_KEY 中填写经电话与该县核对的密钥指纹。</translation>
    </message>
</context>
<context>
    <name>ImportVerdicts</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="98"/>
        <source>Import verdicts from a sheet (JCBH, PDJG, …)</source>
        <translation>从表格导入判定结果（JCBH、PDJG 等）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="101"/>
        <source>Brings verdicts in from a UTF-8 CSV or an XLSX keyed by JCBH, with the column codes of the upload results: PDJG (合法/违法/其他), PDLX, WFLX, WFXZ, PDYJSM, PZWH, SFXZLZGDJF (是/否), SFFNH, ZGZT and HSR (the verifier). Every row is checked against the package and the rule profile first; with any row refused nothing is imported (unless asked to apply the valid rows). Each verdict is audited with the file and row it came from; verdicts equal to what the package holds are left alone.</source>
        <translation>从以 JCBH 为键的 UTF-8 CSV 或 XLSX 导入判定结果，列代码与上报成果相同：PDJG（合法/违法/其他）、PDLX、WFLX、WFXZ、PDYJSM、PZWH、SFXZLZGDJF（是/否）、SFFNH、ZGZT 和 HSR（核实人）。先按工作包和规则配置检查每一行；有任何一行被拒收则不导入任何内容（除非选择导入有效行）。每条判定均记入审计日志，注明来源文件和行号；与工作包中相同的判定保持不变。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="110"/>
        <source>{} rows read, {} verdicts applied, {} unchanged, {} refused</source>
        <translation>读取 {} 行，导入判定 {} 条，未变化 {} 条，拒收 {} 行</translation>
    </message>
</context>
<context>
    <name>IssuedFacts</name>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="38"/>
        <source>Issued patch</source>
        <translation>下发图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="40"/>
        <source>{code} · {township} · cultivated {cult:.2f} mu</source>
        <translation>{code} · {township} · 耕地 {cult:.2f} 亩</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="43"/>
        <source> · farmland {:.2f} mu</source>
        <translation> · 永农 {:.2f} 亩</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>Code (JCBH)</source>
        <translation>监测编号</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>Class</source>
        <translation>图斑类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source> (level {})</source>
        <translation>（{} 级监测）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>Imaging dates</source>
        <translation>前/后时相</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>Area (mu)</source>
        <translation>监测面积（亩）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>Cultivated land (mu)</source>
        <translation>耕地面积（亩）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>Permanent basic farmland (mu)</source>
        <translation>永久基本农田（亩）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>Ecological red line (mu)</source>
        <translation>生态保护红线（亩）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>Mineral</source>
        <translation>涉矿</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="46"/>
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>JobRunner</name>
    <message>
        <location filename="../weipian_plugin/gui/job_runner.py" line="33"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/job_runner.py" line="52"/>
        <source>Another export is still running</source>
        <translation>另一个导出任务仍在进行</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/job_runner.py" line="61"/>
        <source>Could not start a separate process; running in QGIS itself</source>
        <translation>无法启动独立进程，改在 QGIS 内运行</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/job_runner.py" line="75"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/job_runner.py" line="91"/>
        <source>Export failed: {}</source>
        <translation>导出失败：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/job_runner.py" line="102"/>
        <source>The algorithm {} is not available</source>
        <translation>算法 {} 不可用</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/job_runner.py" line="89"/>
        <source>Export cancelled: nothing was written</source>
        <translation>导出已取消：未写出任何文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/job_runner.py" line="91"/>
        <source>stopped</source>
        <translation>已中止</translation>
    </message>
</context>
<context>
    <name>KeyAlgorithm</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="23"/>
        <source>Keys and signatures</source>
        <translation>密钥与签名</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="43"/>
        <source>is signed as {}, but this work package handed that assignment to {}</source>
        <translation>签名方为 {}，但本工作包将该任务交付给了 {}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="64"/>
        <source>A package from the sender (.zip)</source>
        <translation>发送方的一个数据包（.zip）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="66"/>
        <source>The sender&apos;s key fingerprint, as confirmed with the sender by phone or on the official letter</source>
        <translation>经电话或正式公函与发送方核对的密钥指纹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="69"/>
        <source>Replace the key trusted for this sender</source>
        <translation>更换对该发送方信任的密钥</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="71"/>
        <source>Why the key is replaced</source>
        <translation>更换密钥的原因</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="74"/>
        <source>Sender</source>
        <translation>发送方</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="75"/>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="76"/>
        <source>Trust changed</source>
        <translation>信任是否变更</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <location filename="../weipian_plugin/gui/key_dialog.py" line="14"/>
        <source>First package from this sender</source>
        <translation>该发送方的首个数据包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/key_dialog.py" line="14"/>
        <source>This is the first package from {sender}. Call them (or take the official letter) and type the key fingerprint they read out to you (30 digits).
This package&apos;s key fingerprint is:
{fingerprint}</source>
        <translation>这是来自{sender}的首个数据包。请致电对方（或依据正式公函），输入对方读出的密钥指纹（30 位数字）。
本包的密钥指纹为：
{fingerprint}</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../weipian_plugin/gui/labels.py" line="9"/>
        <source>Not verified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/labels.py" line="10"/>
        <source>Awaiting review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/labels.py" line="11"/>
        <source>Changed, awaiting review</source>
        <translation>已修改，待重新审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/labels.py" line="12"/>
        <source>Passed</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/labels.py" line="13"/>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/labels.py" line="14"/>
        <source>Review invalid</source>
        <translation>审核无效</translation>
    </message>
</context>
<context>
    <name>Layers</name>
    <message>
        <location filename="../weipian_plugin/gui/layers.py" line="41"/>
        <source>Has blocking findings</source>
        <translation>有阻断问题</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/layers.py" line="147"/>
        <source>Patches</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/layers.py" line="148"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
</context>
<context>
    <name>Manual</name>
    <message>
        <location filename="../weipian_plugin/gui/manual.py" line="17"/>
        <source>卫片执法 user manual</source>
        <translation>卫片执法 使用手册</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/manual.py" line="28"/>
        <source>The manual is missing: {}</source>
        <translation>找不到使用手册：{}</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../weipian_plugin/gui/messages.py" line="50"/>
        <source>Written: {}</source>
        <translation>已写出：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/messages.py" line="51"/>
        <source>Open containing folder</source>
        <translation>打开所在文件夹</translation>
    </message>
</context>
<context>
    <name>MonthlyStatistics</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="135"/>
        <source>Monthly statistics (月报, accountability ratio, field checks, error rate)</source>
        <translation>月报统计（月报、问责比例、实地核查、差错率）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="146"/>
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="147"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="149"/>
        <source>Accountability ratio</source>
        <translation>问责比例</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="152"/>
        <source>Summary (JSON)</source>
        <translation>摘要（JSON）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="157"/>
        <source>OUTPUT must end in .xlsx or .csv: {}</source>
        <translation>OUTPUT 须以 .xlsx 或 .csv 结尾：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="138"/>
        <source>Writes the monthly table (patches and areas in 亩 by township, class and verdict; verified and reviewed counts, 月清 overdue). As .xlsx it adds this package's accountability ratio (002 annex 3; the year's figure is weipian:yearly_statistics), the patches that province, city or county leadership will field-check, the error rate from higher levels' findings and the 专班 list. As .csv (UTF-8) it writes the monthly table.</source>
        <translation>写出月报表（按乡镇、图斑类型和判定结果统计的图斑数和面积（亩）；已核实、已审核数，月清逾期数）。写为 .xlsx 时另含本工作包的问责比例（002 附件3；全年数字请用 weipian:yearly_statistics）、省市或县级领导将实地核查的图斑、依据上级认定的差错率和专班移交清单。写为 .csv（UTF-8）时只含月报表。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="166"/>
        <source>This package&apos;s figures only: accountability is counted over the year&apos;s batches together (weipian:yearly_statistics).</source>
        <translation>以上仅为本工作包的数字：问责按一年内全部批次合计计算（weipian:yearly_statistics）。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="147"/>
        <source>Excel (*.xlsx);;CSV UTF-8 (*.csv)</source>
        <translation>Excel 表格 (*.xlsx);;CSV UTF-8 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="150"/>
        <source>This batch alone at the accountability standard (yes/no; the warning itself is yearly)</source>
        <translation>仅本批次是否达到问责标准（是/否；预警按年度）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="164"/>
        <source>this batch: {} 亩 of illegally occupied 耕地, share {}</source>
        <translation>本批次：违法占用耕地 {} 亩，占比 {}</translation>
    </message>
</context>
<context>
    <name>OfficeAlgorithm</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="21"/>
        <source>County office (PostgreSQL/PostGIS)</source>
        <translation>县级办公库（PostgreSQL/PostGIS）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="27"/>
        <source>PostgreSQL connection (its name in QGIS, or a connection string)</source>
        <translation>PostgreSQL 连接（QGIS 中的连接名称，或连接字符串）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="29"/>
        <source>Schema of the work package (lower-case letters, digits, _)</source>
        <translation>工作包所在模式（小写字母、数字、_）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="35"/>
        <source>{}: not a schema name (lower-case letter, then letters, digits or _)</source>
        <translation>{}：不是有效的模式名（须以小写字母开头，其后为字母、数字或 _）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="53"/>
        <source>the database refused: {}</source>
        <translation>数据库拒绝：{}</translation>
    </message>
</context>
<context>
    <name>OfficeOpenDialog</name>
    <message>
        <location filename="../weipian_plugin/gui/office_open.py" line="25"/>
        <source>Open a work package on the office server</source>
        <translation>打开办公数据库上的工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/office_open.py" line="36"/>
        <source>PostgreSQL connection</source>
        <translation>PostgreSQL 连接</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/office_open.py" line="37"/>
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/office_open.py" line="40"/>
        <source>QGIS has no PostgreSQL connection yet: add one in the Browser (PostgreSQL → New Connection), with an authentication configuration.</source>
        <translation>QGIS 中还没有 PostgreSQL 连接：请在浏览器面板中添加（PostgreSQL → 新建连接），并使用认证配置保存账号密码。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/office_open.py" line="63"/>
        <source>No work package on this database that your login may read.</source>
        <translation>该数据库中没有您的账号可读取的工作包。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/office_open.py" line="25"/>
        <source>Open the city hub</source>
        <translation>打开市级汇总库</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/office_open.py" line="37"/>
        <source>City hub</source>
        <translation>市级汇总库</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/office_open.py" line="63"/>
        <source>No city hub on this database that your login may read.</source>
        <translation>该数据库中没有您的登录账号可读取的市级汇总库。</translation>
    </message>
</context>
<context>
    <name>OpenAssignmentPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="165"/>
        <source>Open the county&apos;s assignment package (township)</source>
        <translation>打开县级任务包（乡镇）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="168"/>
        <source>Unpacks an assignment package into a folder beside it (or OUTPUT) after every file matched its manifest and the county&apos;s signature matched the key this desk trusts for the county (the first package: give the fingerprint confirmed with the county by phone as CONFIRMED_KEY). Opening it again continues the work already unpacked. The result PACKAGE is the township&apos;s work package to verify in.</source>
        <translation>在每个文件与清单相符、县级签名与本机信任的县级密钥相符后，将任务包解压到其旁边的文件夹（首个包：在 CONFIRMED_KEY 中填写经电话与县级核对的指纹）。再次打开则继续已解压的工作。结果 PACKAGE 即乡镇用于核查的工作包。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="175"/>
        <source>Assignment package (.zip)</source>
        <translation>任务包（.zip）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="177"/>
        <source>Folder to unpack into (empty: beside the zip)</source>
        <translation>解压到的文件夹（空：压缩包旁边）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="180"/>
        <source>Township work package</source>
        <translation>乡镇工作包</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="22"/>
        <source>Your name (verifier / reviewer)</source>
        <translation>本人姓名（核实人/审核人）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="24"/>
        <source>Township verification</source>
        <translation>乡镇核实</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="25"/>
        <source>County review</source>
        <translation>县级审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="27"/>
        <source>Default mode</source>
        <translation>默认模式</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="32"/>
        <source>Rule profile for new packages</source>
        <translation>新建工作包的规则配置</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="42"/>
        <source>profile value</source>
        <translation>按规则配置</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="38"/>
        <source>Maximum photo distance from the patch</source>
        <translation>照片距图斑最大距离</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="44"/>
        <source>Azimuth tolerance</source>
        <translation>方位角容差</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="48"/>
        <source>Drawn under the patches, beside each patch and under the dossier maps when a batch has no before/after imagery: a raster file, or a tile address with {z}, {x}, {y} (and {key} where the service wants its key).</source>
        <translation>批次没有前后时相影像时，绘制在图斑下方、图斑旁和卷宗地图下：栅格文件，或含 {z}、{x}、{y} 的瓦片地址（服务需要密钥处写 {key}）。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="51"/>
        <source>Base map (when a batch has no imagery)</source>
        <translation>底图（批次无影像时使用）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/options_page.py" line="55"/>
        <source>Base map key (天地图 tk)</source>
        <translation>底图密钥（天地图 tk）</translation>
    </message>
</context>
<context>
    <name>PackageMenu</name>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="52"/>
        <source>Exporting the military-land package</source>
        <translation>正在导出军用土地成果包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="52"/>
        <source>Exporting the upload package</source>
        <translation>正在导出上报成果包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="62"/>
        <source>Export return package</source>
        <translation>导出返回包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="62"/>
        <source>{} of {} patches are not verified yet. Return the package to the county anyway?</source>
        <translation>{} 个图斑（共 {} 个）尚未核实。仍要返回给县级吗？</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="185"/>
        <source>Return package imported</source>
        <translation>返回包已导入</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="189"/>
        <source>{}: {} patches taken, {} kept as conflicts to decide, {} refused; {} evidence files added.</source>
        <translation>{}：采用 {} 个图斑，{} 个保留为待决定的冲突，拒收 {} 个；新增举证文件 {} 个。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="195"/>
        <source>This package was imported before; nothing changed.</source>
        <translation>此包以前已导入过，未作任何改动。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="199"/>
        <source>{}: conflict — the county changed it meanwhile; decide which version to keep</source>
        <translation>{}：冲突——县级在此期间修改过，请决定保留哪一版本</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="202"/>
        <source>{}: refused — {}</source>
        <translation>{}：拒收——{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="204"/>
        <source>{}: taken</source>
        <translation>{}：已采用</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="116"/>
        <source>Import return packages</source>
        <translation>导入回传包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="116"/>
        <source>Return packages (*.zip)</source>
        <translation>回传包 (*.zip)</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="166"/>
        <source>taken in the field app but left out of the form</source>
        <translation>在外业App中拍摄但未填入表单</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_menu.py" line="173"/>
        <source>Photos taken back from the phone</source>
        <translation>手机交回的照片</translation>
    </message>
</context>
<context>
    <name>PackageSession</name>
    <message>
        <location filename="../weipian_plugin/gui/package_session.py" line="55"/>
        <source>Open from the office server (PostgreSQL/PostGIS)…</source>
        <translation>从办公数据库打开（PostgreSQL/PostGIS）…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_session.py" line="67"/>
        <source>{} on {} (office server)</source>
        <translation>{}（县局数据库：{}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_session.py" line="74"/>
        <source>(no recent packages)</source>
        <translation>（无最近打开的工作包）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_session.py" line="79"/>
        <source>Open work package</source>
        <translation>打开工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_session.py" line="79"/>
        <source>Work package or assignment package (*.gpkg *.zip)</source>
        <translation>工作包或下发包 (*.gpkg *.zip)</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_session.py" line="145"/>
        <source>The fingerprint you typed is not the package&apos;s key: the package is not from the county, or was changed. It was not opened.</source>
        <translation>您输入的指纹与该包的密钥不符：该包并非来自县级，或已被改动。未予打开。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_session.py" line="171"/>
        <source>{}/{}: {}</source>
        <translation>{}/{}：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_session.py" line="243"/>
        <source>The office server connection broke; listening again for other desks&apos; changes</source>
        <translation>与办公数据库服务器的连接中断；已重新接收其他人的修改</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_session.py" line="111"/>
        <source>This work package is in the system&apos;s temporary folder ({}): a restart or a clean-up may delete it. Move it (with its evidence folder) to your documents and open it there.</source>
        <translation>此工作包位于系统临时文件夹（{}）中：重启或清理可能将其删除。请将其（连同证据文件夹）移到“文档”等文件夹后再打开。</translation>
    </message>
</context>
<context>
    <name>PackageTasks</name>
    <message>
        <location filename="../weipian_plugin/gui/package_tasks.py" line="56"/>
        <source>Check failed: {}</source>
        <translation>检查失败：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_tasks.py" line="66"/>
        <source>Check done: verified {}/{}, reviewed {}/{}, {} findings</source>
        <translation>检查完成：已核实 {}/{}，已审核 {}/{}，检查结果 {} 条</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_tasks.py" line="72"/>
        <source>Attach a folder of field photos</source>
        <translation>选择现场照片文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_tasks.py" line="92"/>
        <source>Attaching photos failed: {}</source>
        <translation>挂接照片失败：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/package_tasks.py" line="97"/>
        <source>{} photos attached, {} not attached</source>
        <translation>挂接照片 {} 张，未挂接 {} 张</translation>
    </message>
</context>
<context>
    <name>PatchFocus</name>
    <message>
        <location filename="../weipian_plugin/gui/patch_focus.py" line="62"/>
        <source>Nothing left to do in this mode.</source>
        <translation>本模式下已无待办图斑。</translation>
    </message>
</context>
<context>
    <name>PatchList</name>
    <message>
        <location filename="../weipian_plugin/gui/patch_list.py" line="38"/>
        <source>Search code…</source>
        <translation>搜索监测编号…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_list.py" line="47"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_list.py" line="124"/>
        <source>All states</source>
        <translation>全部审核状态</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_list.py" line="124"/>
        <source>All classes</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_list.py" line="124"/>
        <source>All townships</source>
        <translation>全部乡镇</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_list.py" line="144"/>
        <source>{} of {}</source>
        <translation>第 {} 张，共 {} 张</translation>
    </message>
</context>
<context>
    <name>PatchListModel</name>
    <message>
        <location filename="../weipian_plugin/gui/patch_model.py" line="137"/>
        <source>Code</source>
        <translation>监测编号</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_model.py" line="137"/>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_model.py" line="137"/>
        <source>Class</source>
        <translation>图斑类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_model.py" line="137"/>
        <source>Cultivated (mu)</source>
        <translation>耕地（亩）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_model.py" line="138"/>
        <source>Verdict</source>
        <translation>判定结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_model.py" line="138"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_model.py" line="138"/>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
</context>
<context>
    <name>PatchPage</name>
    <message>
        <location filename="../weipian_plugin/gui/patch_page.py" line="52"/>
        <source>Patch</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_page.py" line="53"/>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_page.py" line="54"/>
        <source>County records</source>
        <translation>县级记录</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_page.py" line="97"/>
        <source>Your name is not set: every verification and review is recorded with the name of who made it.</source>
        <translation>尚未设置您的姓名：每项核实、审核都须记录经办人姓名。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/patch_page.py" line="101"/>
        <source>Set my name…</source>
        <translation>设置姓名…</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="51"/>
        <source>◀ Previous</source>
        <translation>◀ 上一张</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="52"/>
        <source>Next ▶</source>
        <translation>下一张 ▶</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="53"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="97"/>
        <source>file missing</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="103"/>
        <source>{} of {}</source>
        <translation>第 {} 张，共 {} 张</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="141"/>
        <source>Taken</source>
        <translation>拍摄时间</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="141"/>
        <source>%Y-%m-%d %H:%M</source>
        <translation>%Y年%m月%d日 %H:%M</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="141"/>
        <source>no time</source>
        <translation>无拍摄时间</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="142"/>
        <source>Position</source>
        <translation>拍摄位置</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="142"/>
        <source>no GPS position</source>
        <translation>无 GPS 位置</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="145"/>
        <source>no azimuth</source>
        <translation>无方位角</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="147"/>
        <source>{:.1f}° true north (camera: {:.1f}° magnetic)</source>
        <translation>{:.1f}°（真北；相机记录为磁北 {:.1f}°）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="149"/>
        <source>{:.1f}° true north</source>
        <translation>{:.1f}°（真北）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="150"/>
        <source>Azimuth</source>
        <translation>方位角</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="152"/>
        <source>, looks {:.0f}° away from the patch</source>
        <translation>，朝向偏离图斑 {:.0f}°</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="154"/>
        <source>Distance to the patch</source>
        <translation>距图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="154"/>
        <source>{:.0f} m</source>
        <translation>{:.0f} 米</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="156"/>
        <source>Camera</source>
        <translation>拍摄设备</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="159"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/photo_viewer.py" line="160"/>
        <source>Original name</source>
        <translation>原始文件名</translation>
    </message>
</context>
<context>
    <name>PublishWorkPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="64"/>
        <source>Publish a work package to the office database</source>
        <translation>将工作包发布到县级办公数据库</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="67"/>
        <source>Copies a GeoPackage work package into a new PostgreSQL/PostGIS schema: every table row for row, the evidence files into the database (each checked against its sha256), and the schema&apos;s roles (township, reviewer, admin) with row-level security. All or nothing; an existing schema is never published over.</source>
        <translation>将 GeoPackage 工作包复制到新的 PostgreSQL/PostGIS 模式：逐表逐行复制，举证文件存入数据库（每个文件均核对 sha256），并建立该模式的角色（乡镇、审核、管理）及行级安全策略。要么全部完成，要么什么都不改；绝不覆盖已有模式。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="73"/>
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="75"/>
        <source>Patches</source>
        <translation>图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="76"/>
        <source>Evidence files</source>
        <translation>举证文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="82"/>
        <source>{} patches, {} evidence files → schema {}</source>
        <translation>{} 个图斑、{} 个举证文件 → 模式 {}</translation>
    </message>
</context>
<context>
    <name>ReadPhotos</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="33"/>
        <source>Read field photos (position, azimuth, time, sha256)</source>
        <translation>读取现场照片（位置、方位角、时间、sha256）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="36"/>
        <source>Reads every image-like file (JPEG, HEIC, …) in a folder: position, altitude, azimuth (magnetic azimuths turned to true north with the World Magnetic Model; raw value and reference kept), time taken, camera, and the sha256 of the whole file. A file that cannot give a position has no geometry and says why in 'problem'. No file is skipped silently.</source>
        <translation>读取文件夹中每个图像文件（JPEG、HEIC 等）：位置、高程、方位角（磁方位角按世界地磁模型换算为真北，保留原值和参考）、拍摄时间、设备及整个文件的 sha256。无法给出位置的文件没有几何，并在“problem”中说明原因。不会静默跳过任何文件。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="43"/>
        <source>Photo folder</source>
        <translation>照片文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="45"/>
        <source>Include sub-folders</source>
        <translation>包含子文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="46"/>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="47"/>
        <source>Files read</source>
        <translation>已读取文件数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="48"/>
        <source>Files with a problem</source>
        <translation>有问题的文件数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_read_photos.py" line="75"/>
        <source>Cancelled after {} of {} files</source>
        <translation>已取消（完成 {} / {} 个文件）</translation>
    </message>
</context>
<context>
    <name>RecordFieldChecks</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="145"/>
        <source>Record the county&apos;s field checks</source>
        <translation>记录县级外业核查</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="148"/>
        <source>Records that the county's own field check (外业核查) of these patches was done, by whom and on which day (002 §三(二)3: results are filled in after internal review and field check). Without CODES, every verified patch that has no field check recorded yet.</source>
        <translation>记录县级对这些图斑的外业核查已完成，由谁、于哪一天完成（002 §三(二)3：经内业审核和外业核查后方可填报）。不填图斑编号时，记录所有已核实但尚未记录外业核查的图斑。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="155"/>
        <source>Patch codes (empty: every verified patch not yet checked)</source>
        <translation>图斑编号（留空：所有尚未核查的已核实图斑）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="157"/>
        <source>Checked by</source>
        <translation>核查人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="158"/>
        <source>Checked on (YYYY-MM-DD)</source>
        <translation>核查日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="159"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="161"/>
        <source>Field checks recorded</source>
        <translation>已记录的外业核查</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="177"/>
        <source>{} field checks recorded</source>
        <translation>已记录外业核查 {} 个</translation>
    </message>
</context>
<context>
    <name>RecordPatch</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="257"/>
        <source>Record an acceptance, collective review or mark for patches</source>
        <translation>为图斑记录核减验收、集体研究或标记</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="272"/>
        <source>Patch codes</source>
        <translation>图斑编号</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="273"/>
        <source>Record</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="274"/>
        <source>Fields (JSON)</source>
        <translation>字段（JSON）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="276"/>
        <source>Records added</source>
        <translation>已追加的记录</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="284"/>
        <source>DATA: {}</source>
        <translation>字段：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="260"/>
        <source>Appends a record to each patch named in CODES. KIND: acceptance (of a deduction: kind restored / legalised / major_project, accepted_by, accepted_on, evidence_ids, approval_no, project_name, project_type transport/energy/water, approval_level national/provincial/city/county), collective_review (decided_on, participants, conclusion, other_reason: why a key-class patch is the exception judged 其他), mark (disputed, key, project_type transport/energy/water, non_grain: 非粮化), higher_finding, field_check. DATA is a JSON object with those fields. The latest record of a kind holds; older ones stay as history.</source>
        <translation>为 CODES 中的每个图斑追加一条记录。KIND：acceptance（核减验收：kind 为 restored 已拆除复耕 / legalised 已补办 / major_project 重大项目，accepted_by、accepted_on、evidence_ids、approval_no、project_name、project_type 为 transport/energy/water、approval_level 为 national/provincial/city/county），collective_review（集体研究：decided_on、participants、conclusion，other_reason 为重点类型图斑例外判定为“其他”的理由），mark（标记：disputed 疑难、key 重点、project_type 为 transport/energy/water 的移交项目、non_grain 非粮化），higher_finding（上级认定），field_check（外业核查）。DATA 为含上述字段的 JSON 对象。同类记录以最新一条为准，旧记录保留为历史。</translation>
    </message>
</context>
<context>
    <name>RecordsAlgorithm</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="30"/>
        <source>County records</source>
        <translation>县级记录</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="63"/>
        <source>not patches of this work package: {}</source>
        <translation>不是本工作包的图斑：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="51"/>
        <source>CODES names no patch</source>
        <translation>图斑编号中没有图斑</translation>
    </message>
</context>
<context>
    <name>RecordsPanel</name>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="222"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="242"/>
        <source>not marked</source>
        <translation>未标记</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="301"/>
        <source>Recorded: {}</source>
        <translation>已记录：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="36"/>
        <source>Checked by</source>
        <translation>核查人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="37"/>
        <source>Checked on</source>
        <translation>核查日期</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="75"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="40"/>
        <source>Deduction</source>
        <translation>核减事项</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="42"/>
        <source>Accepted by</source>
        <translation>验收责任人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="43"/>
        <source>Accepted on</source>
        <translation>验收日期</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="44"/>
        <source>Evidence (after-photos, approval document)</source>
        <translation>证据（复耕后照片、批准文件）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="46"/>
        <source>Approval number (补办)</source>
        <translation>批准文号（补办）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="47"/>
        <source>Project name (major project)</source>
        <translation>项目名称（重大项目）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="49"/>
        <source>Project type</source>
        <translation>项目类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="51"/>
        <source>Approved at</source>
        <translation>批准层级</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="55"/>
        <source>Found by</source>
        <translation>认定层级</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="57"/>
        <source>Through</source>
        <translation>认定方式</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="59"/>
        <source>Outcome</source>
        <translation>认定结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="61"/>
        <source>Found on</source>
        <translation>认定日期</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="62"/>
        <source>Their final verdict</source>
        <translation>上级最终判定</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="64"/>
        <source>Their 违法性质</source>
        <translation>上级认定的违法性质</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="65"/>
        <source>新增农村乱占耕地建房 (their determination)</source>
        <translation>新增农村乱占耕地建房（上级认定）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="70"/>
        <source>Disputed (疑难)</source>
        <translation>疑难</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="71"/>
        <source>Key (重点)</source>
        <translation>重点</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="76"/>
        <source>Decided on</source>
        <translation>研究日期</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="77"/>
        <source>Participants (separated by 、)</source>
        <translation>参加人（以、分隔）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="78"/>
        <source>Conclusion</source>
        <translation>研究结论</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="110"/>
        <source>photo</source>
        <translation>照片</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="110"/>
        <source>document</source>
        <translation>材料</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="196"/>
        <source>Field check</source>
        <translation>外业核查</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="197"/>
        <source>Deduction acceptance</source>
        <translation>核减验收</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="198"/>
        <source>Higher-level finding</source>
        <translation>上级认定</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="199"/>
        <source>Disputed / key</source>
        <translation>疑难/重点标记</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="200"/>
        <source>Collective review</source>
        <translation>集体研究</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="216"/>
        <source>Returned by the city</source>
        <translation>市级退回</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="216"/>
        <source>; correct by {}</source>
        <translation>；请于 {} 前整改</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="72"/>
        <source>Hand over as a project of</source>
        <translation>作为以下项目移交</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="74"/>
        <source>非粮化 (hand over to agriculture)</source>
        <translation>非粮化（移交农业农村部门）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="79"/>
        <source>Why this key-class patch is the exception judged 其他 (only then)</source>
        <translation>重点类型图斑例外判定为“其他”的理由（仅此情形填写）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="288"/>
        <source>Not saved: a record is kept with the name of who made it</source>
        <translation>未保存：记录须记录经办人姓名</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="175"/>
        <source>Leads…</source>
        <translation>负责人…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="178"/>
        <source>Field check of several patches…</source>
        <translation>批量外业核查…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/records_panel.py" line="282"/>
        <source>Recorded.</source>
        <translation>已记录。</translation>
    </message>
</context>
<context>
    <name>RenewProtections</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="161"/>
        <source>Renew the protections of an office package</source>
        <translation>更新办公室工作包的保护</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="164"/>
        <source>As the owner of the package&apos;s schema (the county&apos;s administrator who published it): puts back every trigger, row-level policy, function and right this version of the plugin sets, where the package check names them missing or changed (a package published by an earlier version, or changed outside the plugin). The rows are not touched. Every difference found is written to the audit log with your login and the reason you give. A schema whose tables lack columns this version needs is refused: take it back into a GeoPackage and publish that again.</source>
        <translation>由工作包模式的所有者（发布它的县级管理员）运行：凡工作包检查指出缺失或被改动的触发器、行级安全策略、函数和权限（由较早版本的插件发布，或在插件之外被改动），都按本版插件的设定恢复。数据行不受影响。发现的每一处不一致连同您的登录名和填写的原因记入审计日志。表中缺少本版所需列的模式不予处理：请先取回为 GeoPackage 工作包，再重新发布。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="173"/>
        <source>Reason (written to the audit log)</source>
        <translation>原因（记入审计日志）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="174"/>
        <source>Differences found and mended</source>
        <translation>发现并恢复的不一致</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="183"/>
        <source>mended: {}</source>
        <translation>已恢复：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="185"/>
        <source>{} differences mended; written to the audit log</source>
        <translation>已恢复 {} 处不一致，已记入审计日志</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="185"/>
        <source>Every protection is as this version sets it; nothing was written</source>
        <translation>各项保护均与本版设定一致，未写入任何内容</translation>
    </message>
</context>
<context>
    <name>ResolveConflict</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="182"/>
        <source>Resolve a conflict between the county&apos;s and a township&apos;s version</source>
        <translation>解决县级与乡镇版本的冲突</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="185"/>
        <source>When a township&apos;s return package brings a new verification for a patch the county changed meanwhile, both versions are kept and the patch is blocked. KEEP=county leaves the county&apos;s verification; KEEP=township writes the township&apos;s as it came (verifier and time kept). Both versions stay in the conflicts table and the audit log names who decided.</source>
        <translation>乡镇返回包为县级在此期间已修改的图斑带来新的核实结果时，两个版本都会保存，该图斑被阻断。KEEP=county 保留县级的核实结果；KEEP=township 按原样写入乡镇的结果（保留核实人和时间）。两个版本都留在冲突表中，操作日志记录由谁决定。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="192"/>
        <source>County work package</source>
        <translation>县级工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="193"/>
        <source>Patch code (JCBH)</source>
        <translation>监测编号（JCBH）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="194"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="197"/>
        <source>Conflicts resolved</source>
        <translation>已解决的冲突</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="205"/>
        <source>{}: no unresolved conflict for patch {}</source>
        <translation>{}：图斑 {} 没有未解决的冲突</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_exchange.py" line="195"/>
        <source>Why this version</source>
        <translation>保留该版本的理由</translation>
    </message>
</context>
<context>
    <name>ReviewPanel</name>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="99"/>
        <source>Review opinion (审核意见)</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="57"/>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="59"/>
        <source>Return to township</source>
        <translation>退回乡镇</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="100"/>
        <source>Reviewer: {}</source>
        <translation>审核人：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="130"/>
        <source>passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="130"/>
        <source>returned</source>
        <translation>退回</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="138"/>
        <source>A written internal-review opinion is required for this restored patch (notice 002 §三(四)).</source>
        <translation>该拆除复耕图斑达到面积标准，须出具书面内业审核意见（002 §三(四)）。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="158"/>
        <source>The patch has no verdict yet ({}).</source>
        <translation>该图斑尚未判定（{}）。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="160"/>
        <source>You verified this patch; another person must review it.</source>
        <translation>本图斑由您核实，须由他人审核。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="180"/>
        <source>Write the opinion: a return needs its reason</source>
        <translation>请填写意见：退回须说明原因</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="180"/>
        <source>; this pass needs a written opinion.</source>
        <translation>；本图斑通过须出具书面意见。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="198"/>
        <source>NOT recorded: {}</source>
        <translation>未记录：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="175"/>
        <source>Passed by {} on {}. To return it, write the reason.</source>
        <translation>已由 {} 于 {} 审核通过。如需退回，请填写原因。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="42"/>
        <source>Conflict with a township's version: decide…</source>
        <translation>与乡镇版本冲突：请裁决…</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="134"/>
        <source>History ({})</source>
        <translation>审核记录（{}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="189"/>
        <source>NOT recorded: a review is recorded with the name of who made it</source>
        <translation>未记录：审核须记录审核人姓名</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/review_panel.py" line="180"/>
        <source>.</source>
        <translation>。</translation>
    </message>
</context>
<context>
    <name>SetBatchImagery</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="214"/>
        <source>Set the batch&apos;s before/after imagery (dossier overlay maps)</source>
        <translation>设置批次前后时相影像（卷宗套合图）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="224"/>
        <source>Before imagery (前时相)</source>
        <translation>前时相影像</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="225"/>
        <source>After imagery (后时相)</source>
        <translation>后时相影像</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="217"/>
        <source>Records the before and after imagery issued with the batch (georeferenced rasters, e.g. GeoTIFF). The dock shows them under the patches (one key flips between them) and beside each patch, and the dossiers' overlay maps (套合图件) show each patch over both. Overviews are built beside a file that has none (the file itself is not changed).</source>
        <translation>记录随批次下发的前时相和后时相影像（带地理参考的栅格，如 GeoTIFF）。面板在图斑下方显示影像（一个键即可切换）并在图斑旁并排显示，卷宗的套合图件在两期影像上绘制图斑。影像没有金字塔时在其旁生成（不改动影像文件本身）。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="227"/>
        <source>Patches inside the imagery</source>
        <translation>影像覆盖的图斑数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="228"/>
        <source>Patches in the package</source>
        <translation>工作包中的图斑数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="240"/>
        <source>Overviews built for {}</source>
        <translation>已为 {} 生成金字塔</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="245"/>
        <source>The imagery covers {} of the batch&apos;s {} patches</source>
        <translation>影像仅覆盖本批次 {1} 个图斑中的 {0} 个</translation>
    </message>
</context>
<context>
    <name>SetMember</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="118"/>
        <source>Add or change a member of an office package</source>
        <translation>添加或修改局内共享库工作包的成员</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="121"/>
        <source>As the county&apos;s administrator: a login (made when it does not exist, which needs the right to create roles) joins the package&apos;s township, reviewer or administrator role and is listed with the name people read (and, for a township login, its townships, separated by ;). The database writes that name wherever the login acts; a name typed anywhere else is a label only. Every change is in the audit log.</source>
        <translation>由县级管理员操作：一个数据库账号（不存在时新建，须有创建角色的权限）加入该工作包的乡镇、审核或管理员角色，并登记显示姓名（乡镇账号另登记所属乡镇，用 ; 分隔）。该账号的每次操作，数据库都记为这个姓名；在别处输入的姓名仅作标注。每次变更都记入审计日志。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="131"/>
        <source>Login (database role)</source>
        <translation>账号（数据库角色）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="132"/>
        <source>Name people read (e.g. 五里镇 陈强)</source>
        <translation>显示姓名（如 五里镇 陈强）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="133"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_office.py" line="135"/>
        <source>Townships (a township login)</source>
        <translation>所属乡镇（乡镇账号）</translation>
    </message>
</context>
<context>
    <name>SetResponsiblePersons</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="186"/>
        <source>Name the internal-review and field-check leads</source>
        <translation>指定内业审核和外业核查负责人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="189"/>
        <source>Names the formal staff members responsible for internal review (内业审核负责人) and for field checks (外业核查负责人) of this work package (002 §三(四)1). The upload gate requires both.</source>
        <translation>指定本工作包的内业审核负责人和外业核查负责人（须为在编在岗人员，002 §三(四)1）。导出上报成果包时两者均须指定。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="194"/>
        <source>Internal-review lead</source>
        <translation>内业审核负责人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="195"/>
        <source>Field-check lead</source>
        <translation>外业核查负责人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="202"/>
        <source>both leads must be named</source>
        <translation>两名负责人均须填写</translation>
    </message>
</context>
<context>
    <name>SigningKey</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="84"/>
        <source>Show the signing key&apos;s fingerprint</source>
        <translation>显示签名密钥指纹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="87"/>
        <source>The fingerprint of the key this desk signs its packages with (with PACKAGE: the key of that work package — an office package signs with its own). Read it out to the receiver on the phone, or print it on the official letter, so that they can confirm your first package.</source>
        <translation>本机为所发数据包签名所用密钥的指纹（指定 PACKAGE 时：该工作包的密钥——局内共享库工作包使用自己的密钥）。请在电话中向接收方读出，或印在正式公函上，以便对方核对您的首个包。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="93"/>
        <source>Signs as</source>
        <translation>签名身份</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="94"/>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="95"/>
        <source>Public key</source>
        <translation>公钥</translation>
    </message>
</context>
<context>
    <name>StatisticsAlgorithm</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="24"/>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="30"/>
        <source>Work packages (all batches of the year)</source>
        <translation>工作包（本年度全部批次）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="36"/>
        <source>PACKAGES names no work package</source>
        <translation>未指定任何工作包</translation>
    </message>
</context>
<context>
    <name>TaskForceList</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="95"/>
        <source>专班 hand-over list (新增农村乱占耕地建房)</source>
        <translation>专班移交清单（新增农村乱占耕地建房）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="98"/>
        <source>Lists the patches found to be 新增农村乱占耕地建房 (a higher level's final determination where there is one) for hand-over to the special task force (专班), as XLSX.</source>
        <translation>列出认定为新增农村乱占耕地建房的图斑（有上级最终认定的按上级认定），移交专班处置，写为 XLSX。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="103"/>
        <source>专班 list</source>
        <translation>专班清单</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="104"/>
        <source>Patches listed</source>
        <translation>列出的图斑数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="109"/>
        <source>OUTPUT must end in .xlsx: {}</source>
        <translation>输出文件须以 .xlsx 结尾：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="114"/>
        <source>{} patches listed</source>
        <translation>列出图斑 {} 个</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="103"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 表格 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>Tasks</name>
    <message>
        <location filename="../weipian_plugin/gui/tasks.py" line="56"/>
        <source>卫片执法: check work package</source>
        <translation>卫片执法：检查工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/tasks.py" line="67"/>
        <source>卫片执法: attach photos</source>
        <translation>卫片执法：挂接照片</translation>
    </message>
</context>
<context>
    <name>TrustKey</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="116"/>
        <source>Trust a sender&apos;s key (register or replace)</source>
        <translation>信任发送方密钥（登记或更换）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="119"/>
        <source>Records the key a package was signed with as the key of its sender, for this desk (or for PACKAGE, the receiving work package: an office package keeps its own): before the sender&apos;s first package, or to replace a lost key (REPLACE, with REASON). The fingerprint confirmed with the sender by phone or on the official letter must be the package&apos;s. Every change is in the audit log; only the receiver can change what it trusts.</source>
        <translation>将数据包的签名密钥登记为其发送方的密钥，记在本机（或 PACKAGE 指定的接收工作包：局内共享库工作包自行保存）：可在发送方首个包之前登记，也可用于更换遗失的密钥（REPLACE，并填写 REASON）。经电话或正式公函与发送方核对的指纹必须与该包一致。每次变更都记入审计日志；只有接收方才能更改其所信任的密钥。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_keys.py" line="126"/>
        <source>Receiving work package (empty: this desk)</source>
        <translation>接收方工作包（空：本机）</translation>
    </message>
</context>
<context>
    <name>UserName</name>
    <message>
        <location filename="../weipian_plugin/gui/user_name.py" line="32"/>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/user_name.py" line="33"/>
        <source>Every verification and review is recorded with the name of who made it (for example 五里镇 陈强). Your name:</source>
        <translation>每项核实、审核都记录经办人姓名（例如：五里镇 陈强）。您的姓名：</translation>
    </message>
</context>
<context>
    <name>VerdictSummary</name>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="95"/>
        <source>&lt;b&gt;Not verified yet.&lt;/b&gt;</source>
        <translation>&lt;b&gt;尚未核实。&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="101"/>
        <source>New rural housing on cultivated land: {}</source>
        <translation>新增农村乱占耕地建房：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="101"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="101"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="104"/>
        <source>Non-agricultural conversion of cultivated land (非农化)</source>
        <translation>耕地非农化</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="106"/>
        <source>Approval number: {}</source>
        <translation>批准文号：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="108"/>
        <source>Rectification: {}</source>
        <translation>整改情况：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="110"/>
        <source>Military land</source>
        <translation>军事用地</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/issued_facts.py" line="111"/>
        <source>Basis: {}</source>
        <translation>判定依据：{}</translation>
    </message>
</context>
<context>
    <name>VerificationForm</name>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="63"/>
        <source>Verdict</source>
        <translation>判定结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="91"/>
        <source>Legality</source>
        <translation>合法性</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="99"/>
        <source>Subtype</source>
        <translation>具体类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="100"/>
        <source>Illegal category</source>
        <translation>违法性质</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="105"/>
        <source>Approval number</source>
        <translation>批准文号</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="109"/>
        <source>Is it new rural housing illegally occupying cultivated land? (新增农村乱占耕地建房, required)</source>
        <translation>是否属于新增农村乱占耕地建房问题（必填）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="114"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="114"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="120"/>
        <source>Not yet answered</source>
        <translation>尚未填写</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="132"/>
        <source>Basis of the verdict (判定依据说明)</source>
        <translation>判定依据说明</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="134"/>
        <source>Basis</source>
        <translation>判定依据</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="137"/>
        <source>Rectification</source>
        <translation>整改情况</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="138"/>
        <source>Military land (reported separately, never in the normal package)</source>
        <translation>军事用地（单独报送，不进入常规成果包）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="147"/>
        <source>Undo last change</source>
        <translation>撤销上次修改</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="273"/>
        <source>{} patches may generally not be judged 其他 (notice 002 §三(二)2).</source>
        <translation>{}图斑原则上不得判定为“其他”（002 §三(二)2）。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="340"/>
        <source>Saved</source>
        <translation>已保存</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="449"/>
        <source>Undone</source>
        <translation>已撤销</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="332"/>
        <source>NOT saved, trying again: {}</source>
        <translation>未保存，正在重试：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="426"/>
        <source>NOT saved: {}</source>
        <translation>未保存：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="127"/>
        <source>Non-agricultural conversion of cultivated land (非农化, notice 001)</source>
        <translation>耕地非农化（001）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="412"/>
        <source>Recovered the basis typed before QGIS closed, and saved it</source>
        <translation>已恢复 QGIS 关闭前输入但未保存的判定依据说明，并已保存</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="152"/>
        <source>Apply my change again</source>
        <translation>重新应用我的修改</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="325"/>
        <source>Your change: {}</source>
        <translation>您的修改：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/gui/verification_form.py" line="302"/>
        <source>NOT saved: a verification is recorded with the name of who made it</source>
        <translation>未保存：核实须记录核实人姓名</translation>
    </message>
</context>
<context>
    <name>VerifyPackage</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="99"/>
        <source>Verify package (manifest and hashes)</source>
        <translation>校验交换包（清单和哈希）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="102"/>
        <source>Checks any package of the plugin (assignment, return, upload): safe file names, no zip bomb, the manifest intact, every listed file present with its size and sha256, nothing unlisted. Fails naming every mismatch.</source>
        <translation>校验本插件的任何包（下发、返回、上报）：文件名安全、不是 zip 炸弹、清单完整未被修改、清单中每个文件都存在且大小和 sha256 一致、没有清单外的文件。失败时列出每一处不符。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="108"/>
        <source>Package</source>
        <translation>交换包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="109"/>
        <source>Package kind</source>
        <translation>包类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="110"/>
        <source>Files verified</source>
        <translation>已校验文件数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="111"/>
        <source>Identity (JSON)</source>
        <translation>身份（JSON）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="112"/>
        <source>Counts (JSON)</source>
        <translation>计数（JSON）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="123"/>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_upload.py" line="124"/>
        <source>{}: {} files match the manifest</source>
        <translation>{}：{} 个文件与清单一致</translation>
    </message>
</context>
<context>
    <name>WeipianAlgorithm</name>
    <message>
        <location filename="../weipian_plugin/processing/base.py" line="118"/>
        <source>Work package</source>
        <translation>工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/base.py" line="96"/>
        <source>Acting user</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/base.py" line="118"/>
        <source> (.gpkg, or office:&lt;schema&gt;@&lt;connection&gt;)</source>
        <translation>（.gpkg 文件；县局服务器上的工作包写作 office:模式名@连接名）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/base.py" line="118"/>
        <source>GeoPackage (*.gpkg);;All files (*)</source>
        <translation>GeoPackage (*.gpkg);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/base.py" line="135"/>
        <source>{}: {}</source>
        <translation>{}：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/base.py" line="105"/>
        <source>Sender&apos;s key fingerprint, confirmed by phone (first package from a sender only; several separated by ;)</source>
        <translation>经电话核对的发送方密钥指纹（仅发送方的首个包需要；多个用 ; 分隔）</translation>
    </message>
</context>
<context>
    <name>WeipianDock</name>
    <message>
        <location filename="../weipian_plugin/gui/dock.py" line="47"/>
        <source>卫片执法 field verification</source>
        <translation>卫片执法核查</translation>
    </message>
</context>
<context>
    <name>WeipianPlugin</name>
    <message>
        <location filename="../weipian_plugin/plugin.py" line="47"/>
        <source>卫片执法 field verification</source>
        <translation>卫片执法核查</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/plugin.py" line="54"/>
        <source>City review (city hub)</source>
        <translation>市级审核（市级汇总库）</translation>
    </message>
</context>
<context>
    <name>YearlyStatistics</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="47"/>
        <source>Yearly statistics (accountability ratio over the year's batches, error rate, 专班 list)</source>
        <translation>年度统计（全年各批次合计的问责比例、差错率、专班清单）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="50"/>
        <source>The notices count accountability within one year, all batches together. Give every work package of the county's year: the XLSX holds the accountability ratio (002 annex 3) with per-batch and per-patch lines, 补充图斑 included, deductions applied only where their acceptance is recorded, higher levels' final verdicts where there are any, and the 达到或接近 warning; the error rate from higher levels' findings; the field-check list; the 专班 hand-over list. With YEAR, patches issued in another year are left out. A patch found in several packages counts once, from the last one given.</source>
        <translation>按通知，问责在一年内全部批次合计计算。请给出本县本年度的全部工作包：XLSX 含问责比例（002 附件3）及按批次、按图斑的明细，包括补充图斑；核减只在记录了验收时扣除；有上级最终认定的按上级认定；并给出“达到或接近”预警；依据上级认定的差错率；实地核查清单；专班移交清单。填写年度时，其他年度下发的图斑不计入。同一图斑出现在多个工作包中只计一次，以最后给出的为准。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="60"/>
        <source>Year (0: every patch of the packages)</source>
        <translation>年度（0：工作包中的全部图斑）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="62"/>
        <source>Threshold level</source>
        <translation>问责标准层级</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="64"/>
        <source>Yearly statistics</source>
        <translation>年度统计</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="72"/>
        <source>OUTPUT must end in .xlsx: {}</source>
        <translation>输出文件须以 .xlsx 结尾：{}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="81"/>
        <source>accountability: {} 亩 of illegally occupied 耕地, ratio {} ({})</source>
        <translation>问责：违法占用耕地 {} 亩，比例 {}（{}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="81"/>
        <source>threshold reached</source>
        <translation>达到问责标准</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="81"/>
        <source>close to the threshold</source>
        <translation>接近问责标准</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_statistics.py" line="64"/>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 表格 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>_SheetImport</name>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="70"/>
        <source>Sheet (.csv UTF-8 or .xlsx)</source>
        <translation>表格（.csv UTF-8 或 .xlsx）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="72"/>
        <source>Apply the valid rows even when some rows are refused</source>
        <translation>有行被拒收时仍导入有效行</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="75"/>
        <source>Rows applied</source>
        <translation>已导入行数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="76"/>
        <source>Rows refused</source>
        <translation>拒收行数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="77"/>
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/processing/alg_records.py" line="70"/>
        <source>Excel or CSV (*.xlsx *.csv)</source>
        <translation>Excel 或 CSV 表格 (*.xlsx *.csv)</translation>
    </message>
</context>
<context>
    <name>weipian</name>
    <message>
        <location filename="../weipian_plugin/core/dbf_text.py" line="123"/>
        <source>the .cpg says {declared}, but the text is {actual}: read as {actual}</source>
        <translation>.cpg 声明为 {declared}，但文字实为 {actual}：按 {actual} 读取</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/dbf_text.py" line="127"/>
        <source>has text that is neither UTF-8 nor GBK</source>
        <translation>含有既非 UTF-8 也非 GBK 的文字</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/dbf_text.py" line="129"/>
        <source>mixes UTF-8 and GBK text (the rest of the file is {rest})</source>
        <translation>混有 UTF-8 和 GBK 文字（文件其余部分为 {rest}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/dbf_text.py" line="132"/>
        <source>has text in another encoding ({kind}) than the rest of the file ({rest})</source>
        <translation>文字编码（{kind}）与文件其余部分（{rest}）不同</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/upload_package.py" line="44"/>
        <source>… {count} more</source>
        <translation>…… 另有 {count} 条</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="161"/>
        <source>{manifest_name} is not valid UTF-8 JSON ({exc})</source>
        <translation>{manifest_name} 不是有效的 UTF-8 JSON（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="165"/>
        <source>{manifest_name} is nested deeper than any manifest of this plugin</source>
        <translation>{manifest_name} 的嵌套层数超出本插件任何清单</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="167"/>
        <source>{manifest_name} is not a manifest of this plugin (format is not {format!r})</source>
        <translation>{manifest_name} 不是本插件的清单（格式不是 {format!r}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="171"/>
        <source>manifest format version {value!r} is newer than this plugin reads ({format_version}); update the plugin</source>
        <translation>清单格式版本 {value!r} 高于本插件可读取的版本（{format_version}），请升级插件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="177"/>
        <source>{manifest_name} was edited after it was written (content_sha256 does not match)</source>
        <translation>{manifest_name} 在写出后被修改过（content_sha256 不符）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="181"/>
        <source>unknown package kind {value!r}</source>
        <translation>未知的交换包类型 {value!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="187"/>
        <source>manifest file entry {i} is incomplete</source>
        <translation>清单第 {i} 个文件条目不完整</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="190"/>
        <source>{path}: manifest sha256 is not a sha256</source>
        <translation>{path}：清单中的 sha256 不是有效的 sha256 值</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="206"/>
        <source>unreadable schema version {raw!r}</source>
        <translation>无法识别的结构版本 {raw!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="212"/>
        <source>contains a NUL character</source>
        <translation>含有空字符（NUL）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="214"/>
        <source>is an absolute path</source>
        <translation>是绝对路径</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="216"/>
        <source>is a path of {count} characters, over the limit of {max_path_chars}</source>
        <translation>路径长 {count} 个字符，超过上限 {max_path_chars}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="219"/>
        <source>is a path {count} folders deep, over the limit of {max_path_parts}</source>
        <translation>路径深 {count} 层文件夹，超过上限 {max_path_parts}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="221"/>
        <source>climbs out of the package with &apos;..&apos;</source>
        <translation>用“..”跳出交换包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="224"/>
        <source>climbs out of the package</source>
        <translation>跳出交换包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="235"/>
        <source>{count} entries, more than the limit of {max_entries}</source>
        <translation>共 {count} 个条目，超过上限 {max_entries}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="241"/>
        <source>member &apos;{shown}&apos; {why}</source>
        <translation>成员“{shown}”{why}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="246"/>
        <source>member &apos;{name}&apos; appears twice</source>
        <translation>成员“{name}”出现两次</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="249"/>
        <source>member &apos;{name}&apos; is encrypted</source>
        <translation>成员“{name}”已加密</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="252"/>
        <source>member &apos;{name}&apos; would expand {value:.0f} times (to {file_size} bytes): refused as a zip bomb</source>
        <translation>成员“{name}”解压后将膨胀 {value:.0f} 倍（达 {file_size} 字节）：视为压缩炸弹，拒绝接收</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="255"/>
        <source>declared content of {total} bytes exceeds the limit of {max_total_bytes}</source>
        <translation>声明的内容共 {total} 字节，超过上限 {max_total_bytes}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="258"/>
        <source>its {count} entries would expand {value:.0f} times (to {total} bytes): refused as a zip bomb</source>
        <translation>其 {count} 个条目解压后将膨胀 {value:.0f} 倍（达 {total} 字节）：视为压缩炸弹，拒绝接收</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="271"/>
        <source>{path}: listed in the manifest but missing from the package</source>
        <translation>{path}：清单中列出，但交换包中没有</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="273"/>
        <source>{path}: size {file_size} differs from the manifest&apos;s {size}</source>
        <translation>{path}：大小 {file_size} 与清单中的 {size} 不符</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="276"/>
        <source>{path}: in the package but not listed in the manifest</source>
        <translation>{path}：在交换包中，但清单中未列出</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/assignment_packages.py" line="50"/>
        <source>{value}: no township name field (looked for {value2}; fields are {value3})</source>
        <translation>{value}：没有乡镇名称字段（查找了 {value2}；现有字段为 {value3}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/assignment_packages.py" line="90"/>
        <source>{path}: assignment packages are made from the county&apos;s work package, this is a {value} package</source>
        <translation>{path}：下发包须由县级工作包导出，此为 {value} 工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/assignment_packages.py" line="166"/>
        <source>is a {kind} package, not an assignment package</source>
        <translation>是 {kind} 包，不是下发包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="135"/>
        <source>schema version {version} is newer than this plugin supports ({schema_version}); update the plugin</source>
        <translation>结构版本 {version} 高于本插件支持的版本（{schema_version}），请升级插件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="170"/>
        <source>does not hold exactly one work package (.gpkg)</source>
        <translation>所含工作包（.gpkg）不是恰好一个</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/assignment_packages.py" line="187"/>
        <source>{folder}: already exists and does not hold this assignment; move it away first</source>
        <translation>{folder}：已存在且不是本下发包的内容，请先移走</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="390"/>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="394"/>
        <source>not a zip file, or truncated ({exc})</source>
        <translation>不是 zip 文件，或文件不完整（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="396"/>
        <source>cannot be read ({exc})</source>
        <translation>无法读取（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="401"/>
        <source>has no {manifest_name}: not a package of this plugin, or damaged</source>
        <translation>没有 {manifest_name}：不是本插件的交换包，或已损坏</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="403"/>
        <source>{manifest_name} is {file_size} bytes, over the limit</source>
        <translation>{manifest_name} 大小为 {file_size} 字节，超过上限</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="407"/>
        <source>{manifest_name} cannot be read ({exc})</source>
        <translation>{manifest_name} 无法读取（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="440"/>
        <source>{path}: longer than the manifest&apos;s {size} bytes</source>
        <translation>{path}：长度超过清单中的 {size} 字节</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/keys.py" line="146"/>
        <source>{path}: cannot be read ({exc})</source>
        <translation>{path}：无法读取（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="446"/>
        <source>{path}: {size} bytes, the manifest says {size2}</source>
        <translation>{path}：{size} 字节，清单记载为 {size2}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="448"/>
        <source>{path}: sha256 does not match the manifest</source>
        <translation>{path}：sha256 与清单不符</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="504"/>
        <source>needs {declared} bytes to unpack, only {free} free in {folder}</source>
        <translation>解压需要 {declared} 字节，{folder} 仅剩 {free} 字节</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="513"/>
        <source>{path}: would be written outside the package folder</source>
        <translation>{path}：将被写到交换包文件夹之外</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="515"/>
        <source>{path}: already exists in {folder}</source>
        <translation>{path}：在 {folder} 中已存在</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="65"/>
        <source>{name}: {note}</source>
        <translation>{name}：{note}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="66"/>
        <source>row {row}: no patch code</source>
        <translation>第 {row} 行：没有图斑编号</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="67"/>
        <source>row {row}: duplicate code {code} (first at row {first_row}); not imported</source>
        <translation>第 {row} 行：编号 {code} 重复（首次出现在第 {first_row} 行），未导入</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="69"/>
        <source>row {row}: patch {code} has no geometry; not imported</source>
        <translation>第 {row} 行：图斑 {code} 没有几何图形，未导入</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="71"/>
        <source>row {row}: patch {code} had an invalid geometry ({error}); repaired</source>
        <translation>第 {row} 行：图斑 {code} 几何图形无效（{error}），已修复</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="73"/>
        <source>row {row}: patch {code} class &apos;{value}&apos; is not in the profile</source>
        <translation>第 {row} 行：图斑 {code} 的类型“{value}”不在规则配置中</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="75"/>
        <source>row {row}: patch {code} {reason}; not imported</source>
        <translation>第 {row} 行：图斑 {code} {reason}，未导入</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="131"/>
        <source>{path}: cannot open as a vector layer</source>
        <translation>{path}：无法作为矢量图层打开</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="174"/>
        <source>{value}: no coordinate reference system and none can be told from the coordinates; add a .prj (EPSG:4490, 4513–4554 or 4326)</source>
        <translation>{value}：没有坐标参考系，也无法从坐标判断；请补充 .prj（EPSG:4490、4513–4554 或 4326）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="203"/>
        <source>{value}: no patch code field (JCBH / 监测编号) among {value2}; name it with FIELD_MAP, e.g. JCBH=&lt;field&gt;</source>
        <translation>{value}：在 {value2} 中没有图斑编号字段（JCBH / 监测编号）；请用字段对应指定，如 JCBH=&lt;字段&gt;</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="209"/>
        <source>{value}: CRS {value2} is not CGCS2000 (4490, 4513–4554) or WGS84</source>
        <translation>{value}：坐标系 {value2} 不是 CGCS2000（4490、4513–4554）或 WGS84</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="239"/>
        <source>has an unusable code ({why})</source>
        <translation>编号不可用（{why}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="252"/>
        <source>has a geometry that cannot be used ({exc})</source>
        <translation>几何图形无法使用（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="302"/>
        <source>has an area field ({value}) that is not an area: {why}</source>
        <translation>面积字段（{value}）不是有效面积：{why}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="309"/>
        <source>is a {value}, not a polygon</source>
        <translation>是{value}，不是面</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="315"/>
        <source>has an invalid geometry that cannot be repaired into a polygon</source>
        <translation>几何图形无效，且无法修复为面</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="325"/>
        <source>lies outside China (longitude {value:.6g}…{value2:.6g}, latitude {value3:.6g}…{value4:.6g})</source>
        <translation>位于中国范围之外（经度 {value:.6g}…{value2:.6g}，纬度 {value3:.6g}…{value4:.6g}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="139"/>
        <source>{dbf}: the .dbf header is cut short; the file is damaged</source>
        <translation>{dbf}：.dbf 文件头不完整，文件已损坏</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="333"/>
        <source>{dbf}: its header declares {declared} records but {read} could be read; the file is truncated or damaged, nothing was imported</source>
        <translation>{dbf}：文件头声明 {declared} 条记录，但只能读取 {read} 条；文件不完整或已损坏，未导入任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="56"/>
        <source>{path}: a return package is made from a township&apos;s assignment package (this is a {value} package)</source>
        <translation>{path}：返回包须由乡镇的下发工作包导出（此为 {value} 工作包）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="132"/>
        <source>is a {kind} package, not a township&apos;s return package</source>
        <translation>是 {kind} 包，不是乡镇返回包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="138"/>
        <source>comes from county {value!r}, this work package is county {county!r}</source>
        <translation>来自县 {value!r}，本工作包属于县 {county!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="140"/>
        <source>was not assigned from this work package (its parent package id differs)</source>
        <translation>不是由本工作包下发的（上级工作包编号不同）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="142"/>
        <source>names assignment {value!r}, which this work package never issued</source>
        <translation>所指下发批次 {value!r} 并非本工作包下发</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="177"/>
        <source>its work package cannot be taken ({exc})</source>
        <translation>其中的工作包无法接收（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="181"/>
        <source>its work package&apos;s {key} differs from the manifest&apos;s</source>
        <translation>其中工作包的 {key} 与清单不符</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="198"/>
        <source>its audit log was altered ({value})</source>
        <translation>其操作日志被改动过（{value}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="202"/>
        <source>its audit log no longer holds entry {last} as the county received it before (history rewritten)</source>
        <translation>其操作日志中第 {last} 条已不是县级此前接收时的内容（历史被改写）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="215"/>
        <source>evidence of {code} names {path!r}, a file the package does not hold</source>
        <translation>图斑 {code} 的举证材料指向 {path!r}，交换包中没有该文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="217"/>
        <source>evidence of {code}: {path} has another sha256 than the manifest lists</source>
        <translation>图斑 {code} 的举证材料 {path} 的 sha256 与清单不符</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/upload_package.py" line="96"/>
        <source>{path}: a township&apos;s assignment package is not uploaded; export a return package for the county instead</source>
        <translation>{path}：乡镇的下发工作包不能上报，请导出返回包交回县级</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="43"/>
        <source>table {table!r} lacks the columns {value}</source>
        <translation>表 {table!r} 缺少字段 {value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="45"/>
        <source>{label}: not a work package of this plugin ({value})</source>
        <translation>{label}：不是本插件的工作包（{value}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="51"/>
        <source>{label}: unreadable schema version {raw!r}</source>
        <translation>{label}：无法识别的结构版本 {raw!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="54"/>
        <source>{label}: unusable patch codes {value}</source>
        <translation>{label}：图斑编号不可用 {value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="57"/>
        <source>{label}: evidence paths outside the package {value}</source>
        <translation>{label}：举证材料路径指向交换包之外 {value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="59"/>
        <source>{label}: schema version {version}, this plugin takes packages of version {schema_version} only (the sender and the receiver must use the same plugin version)</source>
        <translation>{label}：结构版本为 {version}，本插件只接收版本 {schema_version} 的交换包（发送方和接收方须使用同一版本的插件）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="77"/>
        <source>{target}: already exists; nothing is written over</source>
        <translation>{target}：已存在，不会覆盖</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="80"/>
        <source>{label}: not a GeoPackage (not an SQLite file)</source>
        <translation>{label}：不是 GeoPackage（不是 SQLite 文件）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="111"/>
        <source>{label}: damaged or not a work package ({exc})</source>
        <translation>{label}：已损坏或不是工作包（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="202"/>
        <source>{path}: the work package is in use by another program or user (database is locked); nothing was saved, try again</source>
        <translation>{path}：工作包正被其他程序或用户使用（数据库已锁定）；未保存任何内容，请重试</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="204"/>
        <source>{path}: the disk is full or failing ({text}); nothing was saved</source>
        <translation>{path}：磁盘已满或出现故障（{text}）；未保存任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="205"/>
        <source>{path}: cannot be written ({text}); nothing was saved</source>
        <translation>{path}：无法写入（{text}）；未保存任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="222"/>
        <source>{path}: already exists; a work package is never overwritten</source>
        <translation>{path}：已存在；工作包从不被覆盖</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="251"/>
        <source>{path}: cannot create work package ({exc})</source>
        <translation>{path}：无法创建工作包（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="259"/>
        <source>{path}: no such work package</source>
        <translation>{path}：工作包不存在</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="262"/>
        <source>{path}: not a GeoPackage (not an SQLite file)</source>
        <translation>{path}：不是 GeoPackage（不是 SQLite 文件）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="268"/>
        <source>{path}: the work package is in use by another program or user (database is locked); try again</source>
        <translation>{path}：工作包正被其他程序或用户使用（数据库已锁定），请重试</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="269"/>
        <source>{path}: damaged GeoPackage ({exc})</source>
        <translation>{path}：GeoPackage 已损坏（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="272"/>
        <source>{path}: a GeoPackage, but not a work package of this plugin</source>
        <translation>{path}：是 GeoPackage，但不是本插件的工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="279"/>
        <source>{path}: unreadable schema version {raw_version!r}</source>
        <translation>{path}：无法识别的结构版本 {raw_version!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="945"/>
        <source>{path}: schema version {version} is newer than this plugin supports ({schema_version}); update the plugin to open it</source>
        <translation>{path}：结构版本 {version} 高于本插件支持的版本（{schema_version}），请升级插件后打开</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="352"/>
        <source>{path}: no migration from schema version {version}</source>
        <translation>{path}：无法从结构版本 {version} 升级</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="687"/>
        <source>{path}: no patch with code {code}</source>
        <translation>{path}：没有编号为 {code} 的图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="163"/>
        <source>unknown verification fields: {value}</source>
        <translation>未知的核实字段：{value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="165"/>
        <source>a verification needs the name of the verifier</source>
        <translation>核实须填写核实人姓名</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="754"/>
        <source>review decision must be &apos;{pass_}&apos; or &apos;{return_}&apos;, not {decision!r}</source>
        <translation>审核结果须为“{pass_}”或“{return_}”，不能是 {decision!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="756"/>
        <source>a review needs the name of the reviewer</source>
        <translation>审核须填写审核人姓名</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="852"/>
        <source>{path}: no evidence with id {evidence_id}</source>
        <translation>{path}：没有编号为 {evidence_id} 的举证材料</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/messages.py" line="80"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="51"/>
        <source>no GPS position</source>
        <translation>无 GPS 位置</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="52"/>
        <source>no azimuth</source>
        <translation>无方位角</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="53"/>
        <source>no time taken</source>
        <translation>无拍摄时间</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="54"/>
        <source>not an image</source>
        <translation>不是图像</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="55"/>
        <source>empty file (0 bytes)</source>
        <translation>空文件（0 字节）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="56"/>
        <source>file cannot be read</source>
        <translation>文件无法读取</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="57"/>
        <source>corrupt EXIF</source>
        <translation>EXIF 已损坏</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="58"/>
        <source>no EXIF metadata</source>
        <translation>无 EXIF 元数据</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="59"/>
        <source>image is truncated</source>
        <translation>图像不完整</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="60"/>
        <source>implausible GPS altitude</source>
        <translation>GPS 海拔不合常理</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="61"/>
        <source>invalid time offset</source>
        <translation>时区偏移无效</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="62"/>
        <source>not a regular file</source>
        <translation>不是普通文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="100"/>
        <source>{problem}: {detail}</source>
        <translation>{problem}：{detail}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="207"/>
        <source>time offset {offset!r} is not a valid UTC offset; time kept without it</source>
        <translation>时区偏移 {offset!r} 不是有效的 UTC 偏移；拍摄时间保留，但不含时区</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="219"/>
        <source>unreadable GPS coordinates ({exc})</source>
        <translation>GPS 坐标无法读取（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="226"/>
        <source>invalid GPS coordinates ({lat}, {lon})</source>
        <translation>GPS 坐标无效（{lat}, {lon}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="240"/>
        <source>GPS altitude {alt:g} m is impossible for a field photo; ignored</source>
        <translation>GPS 海拔 {alt:g} 米对现场照片不可能成立，已忽略</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="253"/>
        <source>unreadable GPSImgDirection ({exc})</source>
        <translation>GPSImgDirection 无法读取（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="256"/>
        <source>GPSImgDirection {raw} out of range</source>
        <translation>GPSImgDirection {raw} 超出范围</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="266"/>
        <source>magnetic azimuth cannot be turned to true north ({exc})</source>
        <translation>磁方位角无法换算为真北方位角（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="268"/>
        <source>magnetic azimuth without a position cannot be turned to true north</source>
        <translation>没有位置的磁方位角无法换算为真北方位角</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="281"/>
        <source>a FIFO, device or link to one, not a file</source>
        <translation>是管道、设备或指向它们的链接，不是文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="322"/>
        <source>unknown file signature</source>
        <translation>无法识别的文件签名</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="334"/>
        <source>JPEG has no end-of-image marker</source>
        <translation>JPEG 缺少图像结束标记</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="373"/>
        <source>{name}: {exc}</source>
        <translation>{name}：{exc}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="349"/>
        <source>EXIF block present but unreadable</source>
        <translation>有 EXIF 数据块但无法读取</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_attach.py" line="93"/>
        <source>cannot be read: {problem}</source>
        <translation>无法读取：{problem}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_attach.py" line="105"/>
        <source>the same file is already attached</source>
        <translation>同一文件已挂接</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_attach.py" line="161"/>
        <source>no patch code in the folder or file name</source>
        <translation>文件夹名或文件名中没有图斑编号</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_attach.py" line="163"/>
        <source>no patch code in the name and no GPS position ({problem})</source>
        <translation>名称中没有图斑编号，且没有 GPS 位置（{problem}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_attach.py" line="166"/>
        <source>no patch code in the name and no patch within {limit:g} m</source>
        <translation>名称中没有图斑编号，且 {limit:g} 米内没有图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_attach.py" line="173"/>
        <source>cannot copy: {exc}</source>
        <translation>无法复制：{exc}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="245"/>
        <source>not assigned to this township by this assignment</source>
        <translation>本次下发未将其分配给该乡镇</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="250"/>
        <source>now assigned to {township}</source>
        <translation>现已分配给 {township}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/messages.py" line="84"/>
        <source>en</source>
        <translation>zh</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/rules.py" line="332"/>
        <source>unverified</source>
        <translation>未核实</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/rules.py" line="333"/>
        <source>awaiting_review</source>
        <translation>待审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/rules.py" line="334"/>
        <source>passed</source>
        <translation>已通过</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/rules.py" line="335"/>
        <source>returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/rules.py" line="336"/>
        <source>resubmitted</source>
        <translation>已修改，待重新审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/rules.py" line="337"/>
        <source>invalid_review</source>
        <translation>审核无效</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/upload_package.py" line="71"/>
        <source>{code}: internal review not passed ({state})</source>
        <translation>{code}：内业审核未通过（{state}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/upload_package.py" line="111"/>
        <source>{code}: {finding}</source>
        <translation>{code}：{finding}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/upload_package.py" line="78"/>
        <source>no patches to export</source>
        <translation>没有可导出的图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/upload_package.py" line="115"/>
        <source>{name}: the upload package cannot be exported yet ({count} blocking)</source>
        <translation>{name}：尚不能导出上报成果包（阻断 {count} 条）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/field_mapping.py" line="49"/>
        <source>field map entry &apos;{value}&apos; is not of the form CODE=source_field</source>
        <translation>字段对应项“{value}”不是“代码=源字段”的格式</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/field_mapping.py" line="53"/>
        <source>field map names unknown field &apos;{key}&apos; (known: {value})</source>
        <translation>字段对应中的“{key}”不是已知字段（已知：{value}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/field_mapping.py" line="82"/>
        <source>field map: source field &apos;{source}&apos; is not in the input (fields: {value})</source>
        <translation>字段对应：源字段“{source}”不在输入数据中（现有字段：{value}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/dossier.py" line="175"/>
        <source>{pdf_path}: QGIS could not write the dossier PDF (exporter result {result})</source>
        <translation>{pdf_path}：QGIS 无法写出卷宗 PDF（导出结果 {result}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="162"/>
        <source>{path}: already exists; a package is never overwritten</source>
        <translation>{path}：已存在；交换包从不被覆盖</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="217"/>
        <source>{source}: its bytes changed since it was attached (sha256 {value}… ≠ recorded {value2}…)</source>
        <translation>{source}：挂接后文件内容已改变（sha256 {value}… ≠ 记录的 {value2}…）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="320"/>
        <source>{path}: appeared while the package was written; left as {partial}</source>
        <translation>{path}：在写出交换包期间出现了同名文件；已保留为 {partial}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_evidence.py" line="169"/>
        <source>{source}: the copy does not match the original (sha256 differs)</source>
        <translation>{source}：副本与原文件不一致（sha256 不同）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_attach.py" line="145"/>
        <source>MATCH must be one of {value}, not {match!r}</source>
        <translation>匹配方式须为 {value} 之一，不能是 {match!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_scan.py" line="20"/>
        <source>{folder}: no such folder</source>
        <translation>{folder}：文件夹不存在</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="61"/>
        <source>{path}: evidence files are missing, the return package would be incomplete: {files}</source>
        <translation>{path}：举证文件缺失，返回包将不完整：{files}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="75"/>
        <source>{path}: the disk is full; nothing was exported</source>
        <translation>{path}：磁盘已满；未导出任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="79"/>
        <source>{path}: cannot be written ({exc}); nothing was exported</source>
        <translation>{path}：无法写入（{exc}）；未导出任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/statistics_export.py" line="90"/>
        <source>{path}: statistics are written as .xlsx or .csv</source>
        <translation>{path}：统计表只能写为 .xlsx 或 .csv</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/assignments.py" line="152"/>
        <source>keep must be &apos;county&apos; or &apos;township&apos;, not {keep!r}</source>
        <translation>保留的版本须为“county”（县级）或“township”（乡镇），不能是 {keep!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/assignments.py" line="154"/>
        <source>resolving a conflict needs the name of who decides</source>
        <translation>处理冲突须填写决定人姓名</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/assignments.py" line="157"/>
        <source>{path}: no conflict with id {conflict_id}</source>
        <translation>{path}：没有编号为 {conflict_id} 的冲突</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/assignments.py" line="160"/>
        <source>{path}: conflict {conflict_id} was already resolved ({resolution})</source>
        <translation>{path}：冲突 {conflict_id} 已处理（{resolution}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/patch_import.py" line="338"/>
        <source>{dbf}: it holds {expected} records but {read} could be read; the file is damaged, nothing was imported</source>
        <translation>{dbf}：文件含 {expected} 条记录，但只能读取 {read} 条；文件已损坏，未导入任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="35"/>
        <source>has no plain table {table!r}</source>
        <translation>没有普通数据表 {table!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="35"/>
        <source>{table!r} is a {kind}, not a table</source>
        <translation>{table!r} 是 {kind}，不是数据表</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="55"/>
        <source>{field} is required</source>
        <translation>{field} 为必填项</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="64"/>
        <source>{field}: {value!r} is not one of {choices}</source>
        <translation>{field}：{value!r} 不是 {choices} 之一</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="225"/>
        <source>{field}: {value!r} is not a date (YYYY-MM-DD)</source>
        <translation>{field}：{value!r} 不是日期（YYYY-MM-DD）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="79"/>
        <source>{field}: {value} is in the future</source>
        <translation>{field}：{value} 晚于今天</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="94"/>
        <source>{field}: {value!r} is not 是 or 否</source>
        <translation>{field}：{value!r} 不是“是”或“否”</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="121"/>
        <source>final_category and final_housing go with a final verdict of 违法 only</source>
        <translation>最终违法性质和乱占耕地建房认定只适用于最终判定为违法的图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="144"/>
        <source>evidence_ids must be a list of evidence numbers</source>
        <translation>证据编号须为举证材料编号列表</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="152"/>
        <source>an acceptance of {kind} names its evidence (evidence_ids)</source>
        <translation>{kind} 验收须列出其证据（证据编号）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="185"/>
        <source>a collective review names at least two participants</source>
        <translation>集体研究须列出至少两名参加人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="238"/>
        <source>unknown record kind {kind!r}</source>
        <translation>未知的记录类型 {kind!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="240"/>
        <source>a {kind} record must be an object</source>
        <translation>{kind} 记录须为 JSON 对象</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/records.py" line="243"/>
        <source>unknown fields of a {kind} record: {value}</source>
        <translation>{kind} 记录中有未知字段：{value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="120"/>
        <source>{name} row {row}: {reason}</source>
        <translation>{name} 第 {row} 行：{reason}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/verdict_import.py" line="35"/>
        <source>{field} is {value!r}, not 是 or 否</source>
        <translation>{field} 为 {value!r}，不是“是”或“否”</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/higher_findings_import.py" line="38"/>
        <source>ZZPDJG {value!r} is not a verdict of the profile ({choices})</source>
        <translation>ZZPDJG {value!r} 不是规则配置中的判定结果（{choices}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/verdict_import.py" line="55"/>
        <source>WFXZ {value!r} is not a category of {verdict}</source>
        <translation>WFXZ {value!r} 不是“{verdict}”的违法性质</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="136"/>
        <source>{name}: the columns {value} are missing</source>
        <translation>{name}：缺少列 {value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="149"/>
        <source>JCBH {code} is not a patch of this work package</source>
        <translation>JCBH {code} 不是本工作包的图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="151"/>
        <source>JCBH {code} is also in row {row}</source>
        <translation>JCBH {code} 在第 {row} 行也出现</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="158"/>
        <source>{name}: {count} rows refused, nothing was imported: {value}</source>
        <translation>{name}：拒收 {count} 行，未导入任何内容：{value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="33"/>
        <source>{name}: no such file</source>
        <translation>{name}：文件不存在</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="35"/>
        <source>{name}: larger than {limit} MB; not read</source>
        <translation>{name}：大于 {limit} MB，未读取</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="43"/>
        <source>{name}: a sheet is read as .csv (UTF-8) or .xlsx</source>
        <translation>{name}：表格须为 .csv（UTF-8）或 .xlsx</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="45"/>
        <source>{name}: more than {limit} rows; not read</source>
        <translation>{name}：超过 {limit} 行，未读取</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="49"/>
        <source>{name}: the column {value} appears twice</source>
        <translation>{name}：列 {value} 出现了两次</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="64"/>
        <source>{name}: row {row} has more values than there are columns</source>
        <translation>{name}：第 {row} 行的值多于列数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="67"/>
        <source>{name}: not UTF-8 text; save the sheet as CSV UTF-8 or as .xlsx</source>
        <translation>{name}：不是 UTF-8 文本；请将表格另存为“CSV UTF-8”或 .xlsx</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="69"/>
        <source>{name}: not a readable CSV ({text})</source>
        <translation>{name}：不是可读取的 CSV（{text}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="80"/>
        <source>{name}: not a readable XLSX ({text})</source>
        <translation>{name}：不是可读取的 XLSX（{text}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="82"/>
        <source>{name}: not a readable XLSX</source>
        <translation>{name}：不是可读取的 XLSX</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/statistics_export.py" line="149"/>
        <source>the yearly statistics need at least one work package</source>
        <translation>年度统计至少需要一个工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/statistics_export.py" line="158"/>
        <source>the packages belong to different counties ({value}); a year is one county&apos;s</source>
        <translation>这些工作包属于不同的县（{value}）；年度统计按一个县计算</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/verdict_import.py" line="42"/>
        <source>PDJG {value!r} is not a verdict of the profile ({choices})</source>
        <translation>PDJG {value!r} 不是规则配置中的判定结果（{choices}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/verdict_import.py" line="46"/>
        <source>PDLX {value!r} and WFLX {other!r} differ</source>
        <translation>PDLX {value!r} 与 WFLX {other!r} 不一致</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/verdict_import.py" line="50"/>
        <source>PDLX {value!r} is not a type of {verdict}</source>
        <translation>PDLX {value!r} 不是“{verdict}”的类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/verdict_import.py" line="59"/>
        <source>ZGZT {value!r} is not a rectification status of the profile</source>
        <translation>ZGZT {value!r} 不是规则配置中的整改状态</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/verdict_import.py" line="63"/>
        <source>HSR (the verifier) is empty: a verdict names who verified it</source>
        <translation>HSR（核实人）为空：判定须注明核实人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/verdict_import.py" line="67"/>
        <source>SFXZLZGDJF and SFFNH go with a verdict of 违法 only</source>
        <translation>SFXZLZGDJF 和 SFFNH 只适用于违法判定</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/sheet_import.py" line="147"/>
        <source>JCBH is empty</source>
        <translation>JCBH 为空</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="763"/>
        <source>{code}: marked disputed or key, it is decided by collective review (集体研究) before it can pass; record the collective review first</source>
        <translation>{code}：已标记为疑难或重点图斑，须经集体研究决定后方可通过；请先记录集体研究</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="953"/>
        <source>a record needs the name of who records it</source>
        <translation>记录须注明记录人</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="962"/>
        <source>{code}: evidence {value} is not attached to this patch</source>
        <translation>{code}：举证材料 {value} 未挂接在本图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="64"/>
        <source>{label}: unknown document types {value}</source>
        <translation>{label}：未知的材料类型 {value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="69"/>
        <source>{label}: patch record {fid} is not valid ({reason})</source>
        <translation>{label}：图斑记录 {fid} 无效（{reason}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/photo_reading.py" line="351"/>
        <source>a phone's camera always writes it, so this file is most likely a copy sent through a chat app (WeChat, QQ) that strips it, a screenshot or an edited picture; ask for the original file from the phone (sent as a file, or with 原图 ticked)</source>
        <translation>手机相机拍摄时总会写入这些信息，此文件很可能是经微信、QQ 等聊天软件发送后被去除了信息的副本、截图或编辑过的图片；请向拍摄人索取手机中的原始文件（以文件方式发送，或勾选“原图”）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/dossier_workers.py" line="41"/>
        <source>a dossier could not be written: {detail}</source>
        <translation>举证材料无法生成：{detail}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/pg_schema.py" line="418"/>
        <source>schema {schema} already exists; a work package is never published over another</source>
        <translation>模式 {schema} 已存在；工作包绝不覆盖发布到已有模式</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/pg_copy.py" line="62"/>
        <source>{path}: evidence file cannot be read ({exc})</source>
        <translation>{path}：无法读取举证文件（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/pg_copy.py" line="66"/>
        <source>{path}: the file changed after it was attached (sha256 differs); nothing was published</source>
        <translation>{path}：挂接后文件已被改动（sha256 不符）；未发布任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_copy.py" line="178"/>
        <source>{path}: an evidence path leaves the package&apos;s folder; refused</source>
        <translation>{path}：举证文件路径超出工作包所在文件夹；已拒绝</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_evidence.py" line="121"/>
        <source>{path}: its file is not in the database</source>
        <translation>{path}：数据库中没有该文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_copy.py" line="187"/>
        <source>{path}: the stored bytes do not match their sha256</source>
        <translation>{path}：库中存储的内容与其 sha256 不符</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_copy.py" line="193"/>
        <source>{path}: a different file is already there; nothing is overwritten</source>
        <translation>{path}：该位置已有不同的文件；不覆盖任何文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/pg_connect.py" line="39"/>
        <source>connection {name}: its authentication configuration {authcfg} cannot be read (is the master password entered?)</source>
        <translation>连接 {name}：无法读取其认证配置 {authcfg}（是否已输入主密码？）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/pg_connect.py" line="145"/>
        <source>connection {name}: {exc}</source>
        <translation>连接 {name}：{exc}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/pg_connect.py" line="147"/>
        <source>connection {name}: no such PostgreSQL connection in QGIS</source>
        <translation>连接 {name}：QGIS 中没有这个 PostgreSQL 连接</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_connection.py" line="25"/>
        <source>{code}: {who} changed this patch at {when} while you were editing it; your change was not saved. The patch shows their version now; apply yours again if it still holds.</source>
        <translation>{code}：您编辑期间，{who} 于 {when} 修改了该图斑；您的修改未保存。图斑现显示对方的版本；如您的修改仍然成立，请重新填写。</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_writes.py" line="198"/>
        <source>{code}: no such patch</source>
        <translation>{code}：没有这个图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_writes.py" line="120"/>
        <source>{code}: the verifier cannot review their own verification</source>
        <translation>{code}：核实人不能审核自己的核实结果</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_connection.py" line="124"/>
        <source>the office server connection broke ({reason}); nothing of this step was saved</source>
        <translation>与办公数据库服务器的连接中断（{reason}）；本步操作未保存</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_connection.py" line="130"/>
        <source>the office server cannot be reached ({reason}); nothing of this step was saved, try again when it is back</source>
        <translation>无法连接办公数据库服务器（{reason}）；本步操作未保存，请待服务器恢复后重试</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_connection.py" line="134"/>
        <source>the office server connection broke ({reason}) and is back; nothing of this step was saved, do it again</source>
        <translation>与办公数据库服务器的连接曾中断（{reason}），现已恢复；本步操作未保存，请重新操作</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_connection.py" line="173"/>
        <source>{name}: cannot open a second connection</source>
        <translation>{name}：无法建立第二个连接</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_connection.py" line="114"/>
        <source>{name}: the database refused: your login may not do this ({reason}); nothing was saved</source>
        <translation>{name}：数据库拒绝：您的登录账号无权执行此操作（{reason}）；未保存任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_evidence.py" line="98"/>
        <source>{source}: the file changed while it was being attached (sha256 differs); attach it again</source>
        <translation>{source}：文件在添加过程中被改动（sha256 不一致）；请重新添加</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/open_store.py" line="40"/>
        <source>{spec}: name the office work package as office:&lt;schema&gt;@&lt;connection&gt;</source>
        <translation>{spec}：县局数据库工作包的写法为 office:&lt;模式&gt;@&lt;连接&gt;</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/open_store.py" line="43"/>
        <source>{spec}: {schema!r} is not a schema name (lower-case letter, then letters, digits or _)</source>
        <translation>{spec}：{schema!r} 不是有效的模式名（小写字母开头，其后为字母、数字或 _）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/open_store.py" line="75"/>
        <source>{name}: no work package in this schema (or this login may not read it)</source>
        <translation>{name}：该模式中没有工作包（或此登录账号无权读取）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_connection.py" line="268"/>
        <source>{name}: {what} is written inside a transaction</source>
        <translation>{name}：{what} 须在事务中写入</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="63"/>
        <source>{where}: {field} is not a valid {kind}</source>
        <translation>{where}：{field} 不是有效的{kind}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="133"/>
        <source>{where}: not an object</source>
        <translation>{where}：不是对象</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="73"/>
        <source>{where}: unknown fields {value}</source>
        <translation>{where}：未知字段 {value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="78"/>
        <source>{where}: {field} is missing</source>
        <translation>{where}：缺少 {field}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="89"/>
        <source>{where}: not a snapshot of format {format}</source>
        <translation>{where}：不是格式 {format} 的规则输入快照</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="97"/>
        <source>{where}: a patch code appears twice</source>
        <translation>{where}：有监测编号重复出现</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="106"/>
        <source>{where}: {code} is not one of its patches</source>
        <translation>{where}：{code} 不是其中的图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="127"/>
        <source>{where}: belongs to {code}</source>
        <translation>{where}：属于图斑 {code}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="120"/>
        <source>{where}: not a list</source>
        <translation>{where}：不是列表</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="138"/>
        <source>{where}: {exc}</source>
        <translation>{where}：{exc}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="50"/>
        <source>{name}: {problem}</source>
        <translation>{name}：{problem}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="128"/>
        <source>its results GeoPackage has no plain table tb</source>
        <translation>其成果 GeoPackage 中没有普通数据表 tb</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/received.py" line="138"/>
        <source>its results GeoPackage cannot be read ({exc})</source>
        <translation>其成果 GeoPackage 无法读取（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="173"/>
        <source>is the confidential military-land package; it does not go into the hub</source>
        <translation>是涉密的军事用地包，不导入汇总库</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="176"/>
        <source>is a {kind} package, not a county&apos;s upload package</source>
        <translation>是 {kind} 包，不是县级上报包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="180"/>
        <source>comes from county {value!r}, which is not a county of city {city}</source>
        <translation>来自县级行政区 {value!r}，不属于市 {city}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="218"/>
        <source>holds no {path} (made by an older version of the plugin? export it again)</source>
        <translation>不含 {path}（由旧版插件导出？请重新导出）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="243"/>
        <source>reports patches of another county: {value}</source>
        <translation>上报了其他县的图斑：{value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_returns.py" line="31"/>
        <source>{value!r} is not a county code</source>
        <translation>{value!r} 不是县级行政区代码</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_returns.py" line="44"/>
        <source>county {county}: nothing returned or determined since the last return package</source>
        <translation>县级行政区 {county}：自上次退回包以来没有新的退回或市级认定</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_returns.py" line="81"/>
        <source>{name}: is a {kind} package, not the city&apos;s return package</source>
        <translation>{name}：是 {kind} 包，不是市级退回包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_returns.py" line="85"/>
        <source>{name}: is for county {value!r}, this work package is county {county!r}</source>
        <translation>{name}：发往县级行政区 {value!r}，本工作包属于 {county!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_returns.py" line="101"/>
        <source>{name}: {path} holds no list of returns</source>
        <translation>{name}：{path} 中没有退回列表</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_returns.py" line="109"/>
        <source>not a patch of this work package</source>
        <translation>不是本工作包的图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_returns.py" line="117"/>
        <source>decision {value!r} is neither a return nor a determination</source>
        <translation>审核结论 {value!r} 既不是退回也不是市级认定</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_returns.py" line="125"/>
        <source>{name}: {code}: {exc}; nothing was taken</source>
        <translation>{name}：{code}：{exc}；未导入任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="471"/>
        <source>holds no {path}</source>
        <translation>不含 {path}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="473"/>
        <source>{path}: {size} bytes, over the limit</source>
        <translation>{path}：{size} 字节，超过上限</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="68"/>
        <source>{value!r} is not a city code (4 digits, e.g. 6109)</source>
        <translation>{value!r} 不是市级行政区代码（4 位，如 6109）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="383"/>
        <source>{name}: imported before</source>
        <translation>{name}：此前已导入</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="431"/>
        <source>decision must be one of {value}, not {decision!r}</source>
        <translation>审核结论须为 {value} 之一，而不是 {decision!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="435"/>
        <source>{code}: no county reported this patch</source>
        <translation>{code}：没有县级上报该图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="437"/>
        <source>{code}: a return or a determination says why (opinion)</source>
        <translation>{code}：退回或市级认定须说明理由（审核意见）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="443"/>
        <source>{code}: a return needs a deadline (YYYY-MM-DD), not {value!r}</source>
        <translation>{code}：退回须注明整改期限（YYYY-MM-DD），而不是 {value!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="454"/>
        <source>{code}: a determination names the final verdict (HF, WF or QT)</source>
        <translation>{code}：市级认定须给出最终判定结果（HF、WF 或 QT）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="460"/>
        <source>{code}: {exc}</source>
        <translation>{code}：{exc}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="32"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="32"/>
        <source>number</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="33"/>
        <source>whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/snapshot_json.py" line="34"/>
        <source>yes/no value</source>
        <translation>是/否值</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="192"/>
        <source>its manifest&apos;s created_at {value!r} is not a time</source>
        <translation>其清单中的 created_at {value!r} 不是有效时间</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="388"/>
        <source>{name}: reports patches another county reported before: {value}</source>
        <translation>{name}：上报了其他县此前已上报的图斑：{value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="449"/>
        <source>{code}: return it to the county first; the city determines where the county refuses to correct it (002 §三(四)1)</source>
        <translation>{code}：须先退回县级；县级拒不整改的，方由市级作出认定（002 §三(四)1）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="469"/>
        <source>{code}: the county reported this patch again since you opened it; look at the new report and decide again</source>
        <translation>{code}：打开后县级已重新上报该图斑；请查看新的上报内容后重新审核</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="125"/>
        <source>{manifest_name} names no signer with an Ed25519 key</source>
        <translation>{manifest_name} 未写明持 Ed25519 密钥的签名方</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="130"/>
        <source>{manifest_name}: its signer&apos;s key is not a key</source>
        <translation>{manifest_name}：签名方的密钥无效</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="133"/>
        <source>{manifest_name} carries no signature</source>
        <translation>{manifest_name} 没有签名</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="135"/>
        <source>its signature does not match its content (changed after it was signed, or not signed by the key it names)</source>
        <translation>签名与内容不符（签名后被改动，或并非由其所写明的密钥签名）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="173"/>
        <source>is not signed (made by an older version of the plugin): ask the sender to update the plugin and export it again</source>
        <translation>没有签名（由旧版插件生成）：请发送方升级插件后重新导出</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/manifest.py" line="195"/>
        <source>{manifest_name}: identity and counts must be objects</source>
        <translation>{manifest_name}：identity 与 counts 必须是对象</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/assignment_packages.py" line="169"/>
        <source>is signed by {party!r}, not by the county {county} it says it comes from</source>
        <translation>签名方为 {party!r}，而非其自称来源的县 {county}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="128"/>
        <source>its audit chain ({path}) is missing or does not match its manifest ({exc})</source>
        <translation>其审计链（{path}）缺失或与清单不符（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="132"/>
        <source>the county&apos;s audit log no longer holds entry {entries} as it stood in {file}, received before: its history was rewritten since</source>
        <translation>该县的审计日志中第 {entries} 条已不是此前收到的 {file} 中的样子：其历史此后被改写</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="183"/>
        <source>is signed by {party!r}, not by county {county}</source>
        <translation>签名方为 {party!r}，而非县 {county}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_returns.py" line="90"/>
        <source>{name}: comes from {value!r}, not from city {city} above this county</source>
        <translation>{name}：来自 {value!r}，而非本县的上级市 {city}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="170"/>
        <source>{path}: another export is writing this package right now; wait for it to finish</source>
        <translation>{path}：另一个导出正在写入该包，请等待其完成</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/package_zip.py" line="338"/>
        <source>the package written does not match its manifest ({problem}); nothing was published</source>
        <translation>写出的包与其清单不符（{problem}）；未发布任何文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/return_packages.py" line="145"/>
        <source>says it comes from {value!r}, but assignment {aid} was handed to {township}</source>
        <translation>自称来自 {value!r}，但任务 {aid} 交付的是 {township}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/signatures.py" line="33"/>
        <source>township {township} ({county})</source>
        <translation>乡镇 {township}（{county}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/signatures.py" line="35"/>
        <source>county {county}</source>
        <translation>县级 {county}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/signatures.py" line="37"/>
        <source>city {city}</source>
        <translation>市级 {city}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/signatures.py" line="38"/>
        <source>unknown sender {party!r}</source>
        <translation>未知发送方 {party!r}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/signatures.py" line="46"/>
        <source>is the first package from {sender}, signed with the key {fingerprint}; confirm this fingerprint with the sender by phone or on the official letter, then give it as the confirmed key fingerprint to take the package</source>
        <translation>是来自{sender}的首个数据包，签名密钥指纹为 {fingerprint}；请通过电话或正式公函与发送方核对该指纹，再将其作为已核对的密钥指纹填入，方可接收该包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/signatures.py" line="58"/>
        <source>is signed with the key {found}, but the key trusted for {sender} is {trusted}: not taken. If the sender really has a new key (a lost or replaced computer), confirm the new fingerprint with them by phone and replace the key (weipian:trust_key, REPLACE) with the reason</source>
        <translation>签名密钥为 {found}，但对{sender}信任的密钥为 {trusted}：不予接收。如发送方确已更换密钥（电脑遗失或更换），请电话核对新指纹后更换密钥（weipian:trust_key，REPLACE）并说明原因</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/signatures.py" line="97"/>
        <source>the confirmed fingerprint {confirmed!r} is not this key&apos;s ({fingerprint}); nothing was changed</source>
        <translation>所填核对指纹 {confirmed!r} 不是该密钥的指纹（{fingerprint}）；未作任何更改</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/signatures.py" line="104"/>
        <source>{sender} already has the trusted key {trusted}; to put {fingerprint} in its place, replace it (REPLACE) and say why</source>
        <translation>{sender}已有信任的密钥 {trusted}；如要以 {fingerprint} 替换，请选择更换（REPLACE）并说明原因</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/signatures.py" line="109"/>
        <source>a key is replaced only with the reason (REASON)</source>
        <translation>更换密钥须说明原因（REASON）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/keys.py" line="104"/>
        <source>{folder}: the key folder cannot be made ({exc})</source>
        <translation>{folder}：无法创建密钥文件夹（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/keys.py" line="154"/>
        <source>{path}: damaged ({exc}); it is left as it is</source>
        <translation>{path}：已损坏（{exc}）；保持原样不动</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/keys.py" line="175"/>
        <source>{path}: not a signing key of this plugin; it is left as it is</source>
        <translation>{path}：不是本插件的签名密钥；保持原样不动</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/keys.py" line="234"/>
        <source>{name}: its signing key cannot be read ({reason}); packages are signed by the county&apos;s (city&apos;s) own logins, on a package published by this version</source>
        <translation>{name}：无法读取其签名密钥（{reason}）；数据包须由县级（市级）自己的账号签名，且工作包须由本版本发布</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/keys.py" line="239"/>
        <source>{name}: has no signing key</source>
        <translation>{name}：没有签名密钥</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="132"/>
        <source>a place outside the package folder</source>
        <translation>工作包文件夹以外的位置</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="146"/>
        <source>a link out of the package folder</source>
        <translation>指向工作包文件夹以外的链接</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="148"/>
        <source>a file without its sha256</source>
        <translation>没有 sha256 的文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="330"/>
        <source>{path}: the work package is no longer there (renamed or moved while it was open); close it and open it where it is now; nothing was saved</source>
        <translation>{path}：工作包已不在原处（打开期间被改名或移动）；请关闭后在其新位置重新打开；未保存任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="573"/>
        <source>{path}: evidence of {code} names {file!r}, {why}; it is not used</source>
        <translation>{path}：{code} 的证据记录指向 {file!r}，即{why}；不予使用</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="195"/>
        <source>is dated {value}, ahead of this computer&apos;s clock: the county&apos;s clock is wrong; export it again when it is right</source>
        <translation>日期为 {value}，晚于本机时钟：县级电脑时钟有误，请校正后重新导出</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="221"/>
        <source>its {path} is {size} bytes, over the limit of {limit}</source>
        <translation>其 {path} 为 {size} 字节，超过上限 {limit}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="235"/>
        <source>its {path} is nested deeper than any snapshot of this plugin</source>
        <translation>其 {path} 的嵌套层级超出本插件任何快照</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="247"/>
        <source>does not hold its results GeoPackage</source>
        <translation>不含成果 GeoPackage</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="255"/>
        <source>its snapshot and its results differ for {count} patches: {value}</source>
        <translation>其快照与成果数据有 {count} 个图斑不一致：{value}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/city_import.py" line="374"/>
        <source>cannot be taken ({exc})</source>
        <translation>无法接收（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/city_hub.py" line="74"/>
        <source>{value}: not county codes of city {city}</source>
        <translation>{value}：不是市 {city} 的县级代码</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_connection.py" line="107"/>
        <source>{name}: another desk holds a lock on what this step writes (login {logins}); nothing was saved, try again in a moment</source>
        <translation>{name}：另一处正锁定本操作要写入的数据（账号 {logins}）；未保存任何内容，请稍后再试</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/pg_connect.py" line="28"/>
        <source>connection {name}: its password is stored in QGIS&apos; settings in plain text (and would reach every project&apos;s layers); store it in an authentication configuration (the padlock in the connection&apos;s dialog) instead</source>
        <translation>连接 {name}：其密码以明文保存在 QGIS 设置中（会进入每个项目的图层）；请改存入认证配置（连接对话框中的锁形按钮）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/pg_connect.py" line="109"/>
        <source>connection {name}: a connection string must not hold a password (it would reach the project file, the command line and the process list); use a PostgreSQL connection saved in QGIS with an authentication configuration, a pg_service entry or ~/.pgpass</source>
        <translation>连接 {name}：连接字符串中不得包含密码（会进入项目文件、命令行和进程列表）；请使用在 QGIS 中保存并配有认证配置的 PostgreSQL 连接、pg_service 条目或 ~/.pgpass</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/pg_schema.py" line="423"/>
        <source>role {role} exists already (left by an earlier package of this name, with its members): remove it (DROP ROLE) or choose another name</source>
        <translation>角色 {role} 已存在（同名旧工作包遗留，含其成员）：请删除（DROP ROLE）或另取名称</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/work_package.py" line="337"/>
        <source>{folder}: this evidence folder belongs to another work package (an earlier one of the same name?); move it away or give this package another name; nothing was saved</source>
        <translation>{folder}：该证据文件夹属于另一个工作包（同名的旧工作包？）；请移走该文件夹或为本工作包另取名称；未保存任何内容</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/boundary.py" line="53"/>
        <source>the boundary file is larger than {limit} MB</source>
        <translation>红线文件大于 {limit} MB</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/boundary.py" line="58"/>
        <source>the boundary file is not GeoJSON text</source>
        <translation>红线文件不是 GeoJSON 文本</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/boundary.py" line="60"/>
        <source>the boundary file is nested too deeply</source>
        <translation>红线文件嵌套层级过深</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/boundary.py" line="71"/>
        <source>the boundary file holds no polygon, or other geometries besides polygons</source>
        <translation>红线文件不含面，或含有面以外的几何类型</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/boundary.py" line="77"/>
        <source>the boundary is in {crs}; give it in longitude and latitude (EPSG:4490)</source>
        <translation>红线坐标系为 {crs}；请提供经纬度坐标（EPSG:4490）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/boundary.py" line="82"/>
        <source>the boundary&apos;s coordinates are not polygons</source>
        <translation>红线坐标不构成面</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/boundary.py" line="86"/>
        <source>the boundary has more than {limit} vertices</source>
        <translation>红线节点数超过 {limit} 个</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/boundary.py" line="91"/>
        <source>the boundary encloses no area</source>
        <translation>红线不围成面积</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/core/boundary.py" line="93"/>
        <source>the boundary&apos;s coordinates are not longitude and latitude (EPSG:4490)</source>
        <translation>红线坐标不是经纬度（EPSG:4490）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_attach.py" line="128"/>
        <source>{file}: cannot be read ({exc})</source>
        <translation>{file}：无法读取（{exc}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_attach.py" line="131"/>
        <source>{file}: not an approval boundary: {reason}</source>
        <translation>{file}：不是批准红线文件：{reason}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/photo_attach.py" line="98"/>
        <source>not attached as a photo: {problem}; if it is a paper, attach it as a document</source>
        <translation>未作为照片挂接：{problem}；如是证明材料，请作为举证材料挂接</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="59"/>
        <source>{path}: {reason}</source>
        <translation>{path}：{reason}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="93"/>
        <source>no patches of {township} in the package</source>
        <translation>工作包中没有{township}的图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="100"/>
        <source>already exists; choose another folder</source>
        <translation>已存在；请选择其他文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="269"/>
        <source>is neither a field project folder nor a zip</source>
        <translation>既不是外业项目文件夹，也不是压缩包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="273"/>
        <source>holds {count} files, more than {limit}</source>
        <translation>含 {count} 个文件，超过上限 {limit}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="317"/>
        <source>{name}: a link is not accepted</source>
        <translation>{name}：不接受链接文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="326"/>
        <source>{name}: larger than {limit} MB</source>
        <translation>{name}：超过 {limit} MB</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="291"/>
        <source>unpacks to more than {limit} GB</source>
        <translation>解压后超过 {limit} GB</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="304"/>
        <source>{name}: larger than its listing says</source>
        <translation>{name}：实际大小超过目录所列</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="321"/>
        <source>{name}: not a plain file</source>
        <translation>{name}：不是普通文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="329"/>
        <source>holds more than {limit} files</source>
        <translation>文件数超过 {limit}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="331"/>
        <source>holds more than {limit} GB</source>
        <translation>超过 {limit} GB</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="342"/>
        <source>no {name} in it: not a field project made by the plugin</source>
        <translation>其中没有 {name}：不是本插件生成的外业项目</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="348"/>
        <source>carries Python macros</source>
        <translation>含Python宏</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="348"/>
        <source>carries a Python form init function</source>
        <translation>含Python表单初始化函数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="348"/>
        <source>names a Python form init file</source>
        <translation>指定了Python表单初始化文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="348"/>
        <source>carries actions that run commands</source>
        <translation>含可执行命令的操作（动作）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="348"/>
        <source>carries Python expression functions</source>
        <translation>含Python表达式函数</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="363"/>
        <source>missing from the field project</source>
        <translation>外业项目中缺少该文件</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="413"/>
        <source>larger than {limit} MB</source>
        <translation>超过 {limit} MB</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="374"/>
        <source>a layer&apos;s source lies outside the folder: {source}</source>
        <translation>图层数据源位于文件夹之外：{source}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="422"/>
        <source>cannot be read as a field project&apos;s record</source>
        <translation>无法读取为外业项目记录</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="424"/>
        <source>was made from another work package</source>
        <translation>由其他工作包生成</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="433"/>
        <source>is not the field project&apos;s GeoPackage</source>
        <translation>不是外业项目的GeoPackage</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="440"/>
        <source>holds a patch {code} that was not handed out</source>
        <translation>含有未下发的图斑 {code}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="453"/>
        <source>the geometry of {codes} was changed in the field; issued geometry is not edited</source>
        <translation>图斑 {codes} 的图形在外业中被修改；下发图形不得修改</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="464"/>
        <source>photo {photo} names a patch {code} not in the project</source>
        <translation>照片 {photo} 所指图斑 {code} 不在外业项目中</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="468"/>
        <source>photo {photo} lies outside the folder</source>
        <translation>照片 {photo} 位于文件夹之外</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="470"/>
        <source>photo {photo} is missing from the folder</source>
        <translation>文件夹中缺少照片 {photo}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="538"/>
        <source>the form says {form}°, the photo's own record {exif}°: the photo's is used</source>
        <translation>表单填写 {form}°，照片自身记录 {exif}°：以照片记录为准</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="510"/>
        <source>taken in the field app but left out of the form</source>
        <translation>在外业App中拍摄但未填入表单</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="399"/>
        <source>the verdict {value} is not in the rule profile</source>
        <translation>判定结果“{value}”不在规则配置中</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="401"/>
        <source>the rural-housing answer must be yes or no</source>
        <translation>是否属于新增农村乱占耕地建房只能填“是”或“否”</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="404"/>
        <source>{field} is longer than {limit} characters</source>
        <translation>{field} 超过 {limit} 个字</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="426"/>
        <source>lists patches this work package does not hold</source>
        <translation>列出了本工作包中没有的图斑</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="451"/>
        <source>patch {code}: {problem}</source>
        <translation>图斑 {code}：{problem}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="457"/>
        <source>holds more than {limit} photo rows</source>
        <translation>照片记录超过 {limit} 条</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="526"/>
        <source>changed at the desk after the field project was made ({who}); the field&apos;s verdict is kept beside it as a conflict to decide</source>
        <translation>外业项目导出后已在桌面端修改（{who}）；外业的判定作为冲突与之并存，待决定</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="279"/>
        <source>names a folder with a backslash</source>
        <translation>以反斜杠分隔文件夹</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/field_project.py" line="282"/>
        <source>{name}: would be written outside the folder ({why})</source>
        <translation>{name}：将写到文件夹之外（{why}）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_renewal.py" line="31"/>
        <source>say why the protections are renewed (the reason goes into the audit log)</source>
        <translation>请填写更新保护的原因（原因记入审计日志）</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_renewal.py" line="38"/>
        <source>schema {schema} was published by an earlier version whose tables lack {columns}: take it back into a GeoPackage (which is brought up to date) and publish that again</source>
        <translation>模式 {schema} 由较早版本发布，表中缺少 {columns}：请先取回为 GeoPackage 工作包（取回时自动升级），再重新发布</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_renewal.py" line="51"/>
        <source>the renewal left differences: {problems}</source>
        <translation>更新后仍有不一致：{problems}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_renewal.py" line="61"/>
        <source>schema {schema} does not exist</source>
        <translation>模式 {schema} 不存在</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_renewal.py" line="63"/>
        <source>only the owner of schema {schema} ({owner}) renews its protections; this login is {login}</source>
        <translation>只有模式 {schema} 的所有者（{owner}）可以更新其保护；当前登录为 {login}</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_renewal.py" line="67"/>
        <source>schema {schema} is not a work package of this plugin</source>
        <translation>模式 {schema} 不是本插件的工作包</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/store/office_renewal.py" line="72"/>
        <source>role {role} of schema {schema} was removed: take the package back and publish it again</source>
        <translation>模式 {schema} 的角色 {role} 已被删除：请取回工作包后重新发布</translation>
    </message>
    <message>
        <location filename="../weipian_plugin/services/check_worker.py" line="93"/>
        <source>the check&apos;s helper process ended with status {status}; its parts were checked in this process: {tail}</source>
        <translation>检查的辅助进程异常结束（状态 {status}），它负责的部分已在本进程检查完毕：{tail}</translation>
    </message>
</context>
</TS>
