package org.lantian.pack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Made the bundled pack's decision tables (rules/chengqu-2022/*.xlsx) once, from the DRL rules they replace.
 * The committed workbooks are the source from then on: officials edit them in Excel or WPS. Run again only
 * to start a table afresh: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.lantian.pack.ChengquTables -Dexec.args=boilers} (one workbook; none named: all), or from an IDE.
 */
final class ChengquTables {
    static final Path PACK = Path.of("rules", "chengqu-2022");
    static final String PACKAGE = "lantian.chengqu";
    static final String IMPORTS = "org.lantian.domain.Status, org.lantian.domain.facts.*";
    static final String GLOBALS = "org.lantian.engine.FindingCollector findings, org.lantian.pack.Ledger ledger";

    private ChengquTables() {
    }

    /** Writes the workbooks named (sites, coal, kiln, boilers), or all of them. */
    public static void main(String[] args) throws IOException {
        List<String> only = List.of(args);
        if (only.isEmpty() || only.contains("sites")) siteItems();
        if (only.isEmpty() || only.contains("site-conditions")) siteConditions();
        if (only.isEmpty() || only.contains("coal")) coalLimits();
        if (only.isEmpty() || only.contains("kiln")) kilnLimits();
        if (only.isEmpty() || only.contains("boilers")) boilerLimits();
        if (only.isEmpty() || only.contains("alert-caps")) alertCaps();
    }

    /**
     * Measures 3 and 41 hold a plant's output on an alert day to the cap of measure 41's grade x alert table; measure 3
     * reads it alertLevelsStricter levels higher. The rows of the template 01-industry-alert-caps.drt.
     */
    static void alertCaps() throws IOException {
        DecisionTableWriter.writeRows(PACK.resolve("01-industry-alert-caps.xlsx"), "alert-caps",
                List.of("规则编号 Rule id (id)", "措施 Measure (measure)", "要求 Requirement (requirement)",
                        "适用企业（条件）Plants (plants: conditions on Enterprise)",
                        "预警级别上调几级 Alert levels stricter (levelsStricter)",
                        "中文：预警日 Chinese: the day (zhDay)", "English: the day (enDay)"),
                List.of(
                        row("3-alert-one-level-higher",
                                "3",
                                "Measure 3: on a heavy-pollution alert day a near-urban casting or building-material plant cuts output as"
                                        + " its grade requires at the alert level alertLevelsStricter levels higher ([I] 加严一个等级 read as the"
                                        + " next-higher alert level; red stays red; the caps are measure 41's maxOutputShare table). A production day"
                                        + " whose alert level is unknown (no WeatherDay, or one without a level) is NO_DATA; a day without an alert is"
                                        + " not an alert day (no finding).",
                                "nearUrbanArea == true, status != EnterpriseStatus.CLOSED, industryIn(ledger.target(3, \"industries\").value())",
                                "(int) ledger.num(3, \"alertLevelsStricter\")",
                                "ledger.zh(level) + \"预警日按\" + ledger.zh(applied) + \"预警执行：\"",
                                "level + \" alert day applied as \" + applied"),
                        row("41-alert-day-reduction",
                                "41",
                                "Measure 41: on a heavy-pollution alert day a graded plant runs at no more than the share its grade allows at"
                                        + " that alert level (maxOutputShare table, 2020 technical guide; A and leading unrestricted). [I] Checked under"
                                        + " measure 41, whose targets hold the table: the ledger has no measure of its own for applying the emergency"
                                        + " reduction list. Alert days count whenever they fall. The level of a day is the strictest of its WeatherDays"
                                        + " (industryAlertLevel, 01-industry.drl); a production day whose level is unknown is NO_DATA, a day without an"
                                        + " alert not an alert day (no finding). The caps come from the function industryAlertCap (01-industry.drl).",
                                "status != EnterpriseStatus.CLOSED",
                                "0",
                                "ledger.zh(level) + \"预警日\"",
                                "level + \" alert day\"")),
                List.of(26, 8, 60, 40, 24, 36, 30));
    }

    /** Measure 26: a boiler's stack test against the limit for its fuel, capacity and area, one rule a pollutant. */
    static void boilerLimits() throws IOException {
        var table = new DecisionTableWriter.Table("锅炉排放限值 Boiler emission limits (measure 26)",
                List.of("NAME", "DESCRIPTION", "METADATA", "CONDITION", "CONDITION", "CONDITION", "ACTION", "ACTION", "ACTION"),
                java.util.Arrays.asList("", "", "", "$t : EmissionTest", "", null, "", "", ""),
                List.of("", "", "measure($param)", "sourceType == $param", "$value : $param",
                        "$boilers : java.util.List() from collect($param(id == $t.source))",
                        "String pollutant = \"$param\";",
                        "String zh = \"$param\";",
                        "var d = BoilerLimits.judge(ledger, $t, $boilers, pollutant, $value, zh, \"$param\");"
                                + " findings.about(kcontext, $t).status(d.status(), d.observed(), d.target())"
                                + ".say($t.testedOn() + \" \" + d.zh(), \"Test of \" + $t.testedOn() + \": \" + d.en());"),
                List.of("规则编号 Rule id", "要求 Requirement", "措施 Measure", "排放源 Source", "污染物（字段）Pollutant (field)",
                        "锅炉（按编号）Boiler facts (by id)", "限值名（ledger.yaml 中 <燃料>.<名>MgM3）Limit name (ledger.yaml <fuel>.<name>MgM3)",
                        "中文名称 Chinese name", "English name"),
                List.of(
                        row("26-boiler-pm", "Measure 26: a boiler's particulate matter is within the limit for its fuel and capacity.",
                                "26", "SourceType.BOILER", "pmMgM3", "Boiler", "pm", "颗粒物", "particulate matter"),
                        row("26-boiler-so2", "Measure 26: a boiler's SO2 is within the limit for its fuel and capacity.",
                                "26", "SourceType.BOILER", "so2MgM3", "Boiler", "so2", "二氧化硫", "SO2"),
                        row("26-boiler-nox", "Measure 26: a boiler's NOx is within the limit for its fuel, capacity and area; chiefly the gas"
                                        + " boilers of the main urban area (low-NOx value gasBoilerNoxMgM3).",
                                "26", "SourceType.BOILER", "noxMgM3", "Boiler", "nox", "氮氧化物", "NOx")),
                List.of(24, 48, 8, 20, 18, 20, 22, 18, 24));
        DecisionTableWriter.write(PACK.resolve("06-boilers-limits.xlsx"), "boilers", PACKAGE,
                IMPORTS + ", org.lantian.pack.BoilerLimits", GLOBALS,
                List.of("Measure 26: one rule a row; a test passes when the pollutant is within the limit of ledger.yaml for the"
                        + " boiler's fuel, capacity and area (org.lantian.pack.BoilerLimits works it out); NO_DATA when not reported or"
                        + " when the limit depends on a capacity or area not reported. 每行一条规则：不超过该锅炉燃料、容量和区域的限值则合格。"),
                List.of(table));
    }

    /** Measure 5: the cement kiln's stack tests against the ultra-low limits, one rule a pollutant. */
    static void kilnLimits() throws IOException {
        var table = new DecisionTableWriter.Table("水泥窑超低排放限值 Cement kiln ultra-low limits (measure 5)",
                List.of("NAME", "DESCRIPTION", "METADATA", "CONDITION", "CONDITION", "ACTION", "ACTION", "ACTION"),
                List.of("", "", "", "$t : EmissionTest", "", "", "", ""),
                List.of("", "", "measure($param)", "sourceType == $param", "$value : $param",
                        "var check = findings.about(kcontext, $t).atMost($value, \"$param\").pendingUntilDue();",
                        "String o2 = industryNum(ledger.num(5, \"referenceO2Pct\")); String zh = \"$param {observed} mg/m³（\" + $t.testedOn() + \"，基准氧含量 \" + o2 + \"%），超低限值 {target}\";",
                        "check.say(zh, \"Cement kiln $param {observed} mg/m³ (\" + $t.testedOn() + \", at \" + o2 + \"% O2), ultra-low limit {target}\");"),
                List.of("规则编号 Rule id", "要求 Requirement", "措施 Measure", "排放源 Source", "污染物（字段）Pollutant (field)",
                        "限值（ledger.yaml 目标名）Limit (target name in ledger.yaml)", "中文名称 Chinese name", "English name"),
                List.of(
                        row("5-kiln-pm", "Measure 5: cement kiln stack PM at most pmMgM3 at the reference O2 ([I] checked on every cement kiln test:"
                                + " the company's kiln is the district's clinker kiln); a miss is pending until 2022-12-31.",
                                "5", "SourceType.CEMENT_KILN", "pmMgM3", "pmMgM3", "水泥窑颗粒物", "PM"),
                        row("5-kiln-so2", "Measure 5: cement kiln stack SO2 at most so2MgM3 ([I] every cement kiln test); pending until 2022-12-31.",
                                "5", "SourceType.CEMENT_KILN", "so2MgM3", "so2MgM3", "水泥窑二氧化硫", "SO2"),
                        row("5-kiln-nox", "Measure 5: cement kiln stack NOx at most noxMgM3 ([I] every cement kiln test); pending until 2022-12-31.",
                                "5", "SourceType.CEMENT_KILN", "noxMgM3", "noxMgM3", "水泥窑氮氧化物", "NOx")),
                List.of(24, 48, 8, 24, 18, 22, 24, 24));
        DecisionTableWriter.write(PACK.resolve("01-industry-kiln.xlsx"), "kiln", PACKAGE, IMPORTS, GLOBALS,
                List.of("Measure 5: one rule a row; a test passes when the pollutant is at most the limit named in ledger.yaml;"
                        + " a miss is PENDING until the measure's due date, then FAIL; NO_DATA when not reported."
                        + " 每行一条规则：不超过限值则合格；截止日期前超标为待定，之后为不合格；未报告则无数据。"),
                List.of(table));
    }

    /**
     * Measures 10 and 12: site items checked only while the site needs them (wet work during demolition or
     * earthworks, a refusal to rectify reported upward). The rows of the template 03-dust-site-conditions.drt.
     */
    static void siteConditions() throws IOException {
        DecisionTableWriter.writeRows(PACK.resolve("03-dust-site-conditions.xlsx"), "site-conditions",
                List.of("规则编号 Rule id (id)", "措施 Measure (measure)", "要求 Requirement (requirement)",
                        "工地条件，$item 为检查项 Site conditions, $item the item (site)",
                        "适用条件字段 Applies when (appliesWhen: field)", "不适用时的观测值 Observed when not applicable (observedIfNot)",
                        "不适用：中文 Not applicable: Chinese", "Not applicable: English", "中文结论 Chinese message", "English message"),
                List.of(
                        row("10-wet-work", "10",
                                "Measure 10: demolition and earthworks are done wet (湿法作业); not applicable when neither is under way.",
                                "kind != SiteKind.ROAD, $item : wetWork", "wetWorkRequired", "$item",
                                "非拆除工地且无土石方作业，无需湿法作业", "No demolition or earthworks under way: wet work not required",
                                "拆除或土石方作业实行湿法作业：{observed}", "Demolition or earthworks done wet: {observed}"),
                        row("12-wet-work", "12",
                                "Measure 12: 六个百分之百 — demolition and earthworks done wet (拆迁工地湿法作业); not applicable when neither is under way.",
                                "$item : wetWork", "wetWorkRequired", "$item",
                                "非拆除工地且无土石方作业，无需湿法作业", "No demolition or earthworks under way: wet work not required",
                                "湿法作业：{observed}", "Wet work: {observed}"),
                        row("12-refusal-reported", "12",
                                "Measure 12: a site that refuses to rectify is reported upward (对拒不执行的进行上报); not applicable without a refusal.",
                                "$item : refusalReported", "rectificationRefused", "null",
                                "无拒不整改情形", "No refusal to rectify",
                                "拒不整改已上报：{observed}", "Refusal to rectify reported upward: {observed}")),
                List.of(22, 8, 50, 36, 20, 14, 30, 40, 30, 40));
    }

    /** Measures 23 and 24: a coal sample's ash, sulfur and volatiles against the GB limit of its kind. */
    static void coalLimits() throws IOException {
        var table = new DecisionTableWriter.Table("煤质限值 Coal quality limits (measures 23, 24)",
                List.of("NAME", "DESCRIPTION", "METADATA", "CONDITION", "CONDITION", "CONDITION", "ACTION", "ACTION", "ACTION"),
                List.of("", "", "", "$s : CoalSample", "", "", "", "", ""),
                List.of("", "", "measure($param)", "coalKind == $param", "coalKind != $param",
                        "$value : $param",
                        "var check = findings.about(kcontext, $s).atMost($s.coalKind() == null ? null : $value, \"$param\");",
                        "String zh = \"$param\";",
                        "check.say(zh, \"$param\");"),
                List.of("规则编号 Rule id", "要求 Requirement", "措施 Measure", "煤种为 Coal kind is", "煤种不为 Coal kind is not",
                        "检测项（字段；煤种未报告则无数据）Value checked (field; NO_DATA when the kind is not reported)",
                        "限值（ledger.yaml 目标名）Limit (target name in ledger.yaml)", "中文结论 Chinese message", "English message"),
                List.of(
                        row("23-briquette-ash", "Measure 23: briquettes sold where clean heating has not arrived meet GB 34170-2017: ash (Ad) at most briquetteAshPct.",
                                "23", "CoalKind.BRIQUETTE", "", "ashPct", "briquetteAshPct",
                                "型煤灰分 {observed}%，限值 {target}%（GB 34170-2017）", "Briquette ash {observed}%, limit {target}% (GB 34170-2017)"),
                        row("23-briquette-sulfur", "Measure 23: briquettes meet GB 34170-2017: total sulfur (St,d) at most briquetteSulfurPct.",
                                "23", "CoalKind.BRIQUETTE", "", "sulfurPct", "briquetteSulfurPct",
                                "型煤全硫 {observed}%，限值 {target}%（GB 34170-2017）", "Briquette total sulfur {observed}%, limit {target}% (GB 34170-2017)"),
                        row("23-briquette-volatiles", "Measure 23: briquettes meet GB 34170-2017: volatiles (Vdaf) at most briquetteVolatilePct.",
                                "23", "CoalKind.BRIQUETTE", "", "volatilePct", "briquetteVolatilePct",
                                "型煤挥发分 {observed}%，限值 {target}%（GB 34170-2017）", "Briquette volatiles {observed}%, limit {target}% (GB 34170-2017)"),
                        row("24-coal-ash", "Measure 24: loose coal sold by a dealer is not poor-quality coal: ash (Ad) at most ashPct (GB 34169-2017).",
                                "24", "", "CoalKind.BRIQUETTE", "ashPct", "ashPct",
                                "散煤灰分 {observed}%，限值 {target}%（GB 34169-2017）", "Loose coal ash {observed}%, limit {target}% (GB 34169-2017)"),
                        row("24-coal-sulfur", "Measure 24: loose coal total sulfur (St,d) at most sulfurPct (GB 34169-2017).",
                                "24", "", "CoalKind.BRIQUETTE", "sulfurPct", "sulfurPct",
                                "散煤全硫 {observed}%，限值 {target}%（GB 34169-2017）", "Loose coal total sulfur {observed}%, limit {target}% (GB 34169-2017)")),
                List.of(24, 48, 8, 18, 18, 22, 22, 36, 40));
        DecisionTableWriter.write(PACK.resolve("05-coal-limits.xlsx"), "coal", PACKAGE, IMPORTS, GLOBALS,
                List.of("Measures 23 and 24: one rule a row; a sample passes when its value is at most the limit named in ledger.yaml,"
                        + " fails above it, and is NO_DATA when the value is not reported. 每行一条规则：检测值不超过限值则合格，超过则不合格，未报告则无数据。"),
                List.of(table));
    }

    /** Measures 10 and 12: each item a site is inspected for, one rule an item. */
    static void siteItems() throws IOException {
        var table = new DecisionTableWriter.Table("施工工地逐项检查 Site items (measures 10, 12)",
                List.of("NAME", "DESCRIPTION", "METADATA", "CONDITION", "CONDITION", "ACTION", "ACTION"),
                List.of("", "", "", "$s : ConstructionSite", "", "", ""),
                List.of("", "", "measure($param)", "kind != $param", "$item : $param",
                        "String zh = \"$param\";",
                        "findings.about(kcontext, $s).holds($item).say(zh, \"$param\");"),
                List.of("规则编号 Rule id", "要求 Requirement", "措施 Measure", "不检查的工地类型 Sites not checked (kind)",
                        "检查项（字段）Item checked (field: true passes)", "中文结论 Chinese message", "English message"),
                List.of(
                        row("10-fixed-leader", "Measure 10: 六定 — the site has a fixed leader assigned (定领导).", "10", "SiteKind.ROAD",
                                "fixedLeader", "六定之定领导已落实：{observed}", "六定: a fixed leader assigned: {observed}"),
                        row("10-fixed-staff", "Measure 10: 六定 — the site has fixed staff assigned (定人员).", "10", "SiteKind.ROAD",
                                "fixedStaff", "六定之定人员已落实：{observed}", "六定: fixed staff assigned: {observed}"),
                        row("10-fixed-vehicles", "Measure 10: 六定 — the site has fixed vehicles assigned (定车辆).", "10", "SiteKind.ROAD",
                                "fixedVehicles", "六定之定车辆已落实：{observed}", "六定: fixed vehicles assigned: {observed}"),
                        row("10-fixed-equipment", "Measure 10: 六定 — the site has fixed equipment assigned (定设备).", "10", "SiteKind.ROAD",
                                "fixedEquipment", "六定之定设备已落实：{observed}", "六定: fixed equipment assigned: {observed}"),
                        row("10-fixed-route", "Measure 10: 六定 — the site has a fixed route assigned (定路线).", "10", "SiteKind.ROAD",
                                "fixedRoute", "六定之定路线已落实：{observed}", "六定: a fixed route assigned: {observed}"),
                        row("10-fixed-time", "Measure 10: 六定 — the site has fixed times assigned (定时间).", "10", "SiteKind.ROAD",
                                "fixedTime", "六定之定时间已落实：{observed}", "六定: fixed times assigned: {observed}"),
                        row("10-continuous-watering", "Measure 10: the site is watered continuously to keep dust down (不间断洒水降尘).",
                                "10", "SiteKind.ROAD", "continuousWatering", "不间断洒水降尘：{observed}", "Watered continuously: {observed}"),
                        row("10-bare-ground-treated", "Measure 10: bare ground on the site is hardened, greened or temporarily covered in time.",
                                "10", "SiteKind.ROAD", "bareGroundTreated", "裸露地面已硬化、绿化或苫盖：{observed}",
                                "Bare ground hardened, greened or covered: {observed}"),
                        row("12-hoarding", "Measure 12: 六个百分之百 — perimeter hoarding (周边围挡), on every site patrolled.", "12", "",
                                "hoarding", "周边围挡：{observed}", "Perimeter hoarding: {observed}"),
                        row("12-stockpiles-covered", "Measure 12: 六个百分之百 — stockpiles covered (物料堆放覆盖), on every site patrolled.", "12", "",
                                "stockpilesCovered", "物料堆放覆盖：{observed}", "Stockpiles covered: {observed}"),
                        row("12-vehicle-washing", "Measure 12: 六个百分之百 — vehicles leaving washed (出入车辆清洗), on every site patrolled.", "12", "",
                                "vehicleWashing", "出入车辆清洗：{observed}", "Vehicles leaving washed: {observed}"),
                        row("12-ground-hardened", "Measure 12: 六个百分之百 — site ground and roads hardened (施工现场地面硬化), on every site patrolled.",
                                "12", "", "groundHardened", "施工现场地面硬化：{observed}", "Site ground and roads hardened: {observed}"),
                        row("12-spoil-enclosed", "Measure 12: 六个百分之百 — spoil transported enclosed (渣土车辆密闭运输), on every site patrolled.",
                                "12", "", "spoilEnclosed", "渣土车辆密闭运输：{observed}", "Spoil transported enclosed: {observed}")),
                List.of(24, 48, 8, 20, 22, 30, 40));
        DecisionTableWriter.write(PACK.resolve("03-dust-sites.xlsx"), "sites", PACKAGE, IMPORTS, GLOBALS,
                List.of("Measures 10 and 12: one rule a row; a site passes an item when its field is true, fails when false, and"
                        + " is NO_DATA when the field is not reported. 每行一条规则：字段为是则合格，为否则不合格，未报告则无数据。"),
                List.of(table));
    }

    private static List<String> row(String... cells) {
        return List.of(cells);
    }
}
