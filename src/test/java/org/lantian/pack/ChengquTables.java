package org.lantian.pack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Made the bundled pack's decision tables (rules/chengqu-2022/*.xlsx) once, from the DRL rules they replace.
 * The committed workbooks are the source from then on: officials edit them in Excel or WPS. Run again only
 * to start a table afresh: {@code mvn -q test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.lantian.pack.ChengquTables}, or from an IDE.
 */
final class ChengquTables {
    static final Path PACK = Path.of("rules", "chengqu-2022");
    static final String PACKAGE = "lantian.chengqu";
    static final String IMPORTS = "org.lantian.domain.Status, org.lantian.domain.facts.*";
    static final String GLOBALS = "org.lantian.engine.FindingCollector findings, org.lantian.pack.Ledger ledger";

    private ChengquTables() {
    }

    public static void main(String[] args) throws IOException {
        siteItems();
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
