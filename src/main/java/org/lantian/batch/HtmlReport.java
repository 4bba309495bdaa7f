package org.lantian.batch;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.lantian.domain.Evidence;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;

/**
 * The scorecard as one self-contained HTML page (no external assets: the machines that read it are
 * offline): headline figures, compliance bars by unit and by measure as inline SVG, the scorecard tables
 * and the failing subjects with their messages. Chinese by default; a button (or {@code #en}) shows English.
 */
final class HtmlReport {
    private static final Map<Status, String> ZH = Map.of(Status.PASS, "达标", Status.FAIL, "未达标", Status.WARN, "提示",
            Status.PENDING, "未到期", Status.NO_DATA, "无数据", Status.NOT_APPLICABLE, "不适用",
            Status.WAIVED, "已豁免");
    private static final Map<Status, String> COLOR = Map.of(Status.PASS, "#2e7d32", Status.FAIL, "#c62828",
            Status.WARN, "#ef6c00", Status.PENDING, "#1565c0", Status.NO_DATA, "#757575", Status.NOT_APPLICABLE, "#bdbdbd",
            Status.WAIVED, "#6a1b9a");

    private final StringBuilder h = new StringBuilder(1 << 16);

    private HtmlReport() {
    }

    static String render(NightReport r) {
        return new HtmlReport().page(r);
    }

    private String page(NightReport r) {
        h.append("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>蓝天夜间记分卡 ")
                .append(r.asOf()).append(" · Lantian nightly scorecard</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(both("蓝天 · 大气污染防治任务台账夜间记分卡", "Lantian · nightly scorecard of the air-pollution task ledger"))
                .append("</h1>\n<p class=\"meta\">").append(both("评估日期", "As of")).append(' ').append(r.asOf())
                .append(" · ").append(both("规则包", "Rule pack")).append(' ').append(esc(r.pack().name())).append(" <code>")
                .append(esc(r.pack().hash())).append("</code></p>\n")
                .append("<button id=\"lang\" type=\"button\" onclick=\"toggleLang()\">English</button></header>\n<main>\n");
        tiles(r);
        h.append("<section id=\"scorecard\">\n<h2>").append(both("记分卡：按责任单位", "Scorecard by responsible unit")).append("</h2>\n");
        bars(r.units().stream().map(u -> new Bar(esc(u.unit()), esc(u.unit()), u.rate(), u.counts())).toList());
        unitTable(r);
        h.append("</section>\n<section id=\"measures\">\n<h2>").append(both("记分卡：按措施", "Scorecard by measure")).append("</h2>\n");
        bars(r.measures().stream().filter(m -> !m.noData())
                .map(m -> new Bar(m.measure() + " " + esc(shorten(m.text(), 14)), m.measure() + " " + esc(shorten(m.summary(), 28)),
                        m.rate(), m.counts())).toList());
        measureTable(r);
        h.append("</section>\n");
        trends(r.trends());
        failing(r);
        registers(r);
        h.append("</main>\n<footer>").append(both("完整结果见 findings.jsonl；无法使用的记录见 rejects.jsonl。",
                "Every finding is in findings.jsonl; records that could not be used are in rejects.jsonl.")).append("</footer>\n");
        h.append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private void tiles(NightReport r) {
        h.append("<section class=\"tiles\">\n");
        tile(both("记录", "Records"), String.format(Locale.ROOT, "%,d", r.records()), null);
        tile(both("评估事实", "Facts evaluated"), String.format(Locale.ROOT, "%,d", r.factsEvaluated()), null);
        tile(both("拒收记录", "Rejected records"), String.format(Locale.ROOT, "%,d", r.rejects()), r.rejects() > 0 ? "#ef6c00" : null);
        tile(both("达标率", "Compliance rate"), pct(r.rate()), null);
        for (Status s : Status.values()) {
            tile(both(ZH.get(s), s.name()), String.format(Locale.ROOT, "%,d", r.summary().get(s)), COLOR.get(s));
        }
        h.append("</section>\n");
        if (!r.measuresWithoutData().isEmpty()) {
            h.append("<p class=\"nodata\" id=\"no-data\">").append(both("无数据的措施（不视为达标）：", "Measures with no data (never a pass): "))
                    .append(String.join(", ", r.measuresWithoutData().stream().map(String::valueOf).toList())).append("</p>\n");
        }
    }

    private void tile(String label, String value, String color) {
        h.append("<div class=\"tile\"").append(color == null ? "" : " style=\"border-color:" + color + "\"").append("><div class=\"v\">")
                .append(value).append("</div><div class=\"l\">").append(label).append("</div></div>\n");
    }

    private record Bar(String zh, String en, Double rate, Map<Status, Long> counts) {
    }

    /** Horizontal stacked bars (one per row, shares of each status) with the compliance rate at the end. */
    private void bars(List<Bar> bars) {
        int rowH = 22;
        int label = 230;
        int width = 520;
        int height = bars.size() * rowH + 24;
        h.append("<svg class=\"bars\" role=\"img\" viewBox=\"0 0 ").append(label + width + 70).append(' ').append(height)
                .append("\" width=\"").append(label + width + 70).append("\" height=\"").append(height).append("\">\n");
        int y = 4;
        for (Bar b : bars) {
            long total = b.counts().values().stream().mapToLong(Long::longValue).sum();
            h.append("<text class=\"zh\" x=\"").append(label - 6).append("\" y=\"").append(y + 15).append("\" text-anchor=\"end\">")
                    .append(b.zh()).append("</text><text class=\"en\" x=\"").append(label - 6).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\">").append(b.en()).append("</text>\n");
            double x = label;
            for (Status s : Status.values()) {
                long n = b.counts().get(s);
                if (n == 0 || total == 0) continue;
                double w = width * (double) n / total;
                h.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(y + 3).append("\" width=\"").append(fmt(w))
                        .append("\" height=\"").append(rowH - 6).append("\" fill=\"").append(COLOR.get(s)).append("\"><title>")
                        .append(s.name()).append(' ').append(n).append("</title></rect>");
                x += w;
            }
            h.append("<text x=\"").append(label + width + 6).append("\" y=\"").append(y + 15).append("\">").append(pct(b.rate()))
                    .append("</text>\n");
            y += rowH;
        }
        int lx = label;
        for (Status s : Status.values()) {
            h.append("<rect x=\"").append(lx).append("\" y=\"").append(y + 6).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(COLOR.get(s)).append("\"/><text x=\"").append(lx + 14).append("\" y=\"").append(y + 15)
                    .append("\" class=\"small\">").append(s.name()).append("</text>");
            lx += 88;
        }
        h.append("\n</svg>\n");
    }

    private void statusHeader() {
        for (Status s : Status.values()) h.append("<th>").append(both(ZH.get(s), s.name())).append("</th>");
        h.append("<th>").append(both("达标率", "Rate")).append("</th>");
    }

    private void statusCells(Map<Status, Long> counts, Double rate) {
        for (Status s : Status.values()) {
            long n = counts.get(s);
            h.append("<td class=\"n").append(n > 0 && (s == Status.FAIL || s == Status.NO_DATA) ? " " + s.name().toLowerCase() : "")
                    .append("\">").append(n).append("</td>");
        }
        h.append("<td class=\"n\">").append(pct(rate)).append("</td>");
    }

    private void unitTable(NightReport r) {
        h.append("<table class=\"scorecard\" id=\"units\"><thead><tr><th>").append(both("责任单位", "Unit")).append("</th>");
        statusHeader();
        h.append("</tr></thead><tbody>\n");
        for (NightReport.UnitCard u : r.units()) {
            h.append("<tr><td>").append(esc(u.unit())).append("</td>");
            statusCells(u.counts(), u.rate());
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private void measureTable(NightReport r) {
        h.append("<table class=\"scorecard\" id=\"measure-table\"><thead><tr><th>").append(both("措施", "Measure")).append("</th><th>")
                .append(both("内容", "Requirement")).append("</th><th>").append(both("规则", "Rules")).append("</th>");
        statusHeader();
        h.append("</tr></thead><tbody>\n");
        for (NightReport.MeasureCard m : r.measures()) {
            h.append("<tr").append(m.noData() ? " class=\"dim\"" : "").append("><td>").append(m.measure()).append("</td><td>")
                    .append("<span class=\"zh\" title=\"").append(esc(m.text())).append("\">").append(esc(shorten(m.text(), 40)))
                    .append("</span><span class=\"en\">").append(esc(m.summary())).append("</span>")
                    .append(m.noData() ? " <b class=\"tag\">" + both("无数据", "no data") + "</b>" : "").append("</td><td class=\"n\">")
                    .append(m.rules()).append("</td>");
            statusCells(m.counts(), m.rate());
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private void failing(NightReport r) {
        h.append("<section id=\"failing\">\n<h2>").append(both("未达标对象", "Failing subjects")).append("</h2>\n");
        boolean any = false;
        for (NightReport.MeasureCard m : r.measures()) {
            if (m.failingCount() == 0) continue;
            any = true;
            h.append("<details open><summary>").append(both("措施", "Measure")).append(' ').append(m.measure()).append(" — ")
                    .append("<span class=\"zh\">").append(esc(shorten(m.text(), 40))).append("</span><span class=\"en\">")
                    .append(esc(m.summary())).append("</span> (").append(m.failingCount()).append(")</summary>\n<table><thead><tr><th>")
                    .append(both("对象", "Subject")).append("</th><th>").append(both("规则", "Rule")).append("</th><th>")
                    .append(both("实测 / 目标", "Observed / target")).append("</th><th>").append(both("责任单位", "Units"))
                    .append("</th><th>").append(both("说明", "Message")).append("</th><th>").append(both("提交", "Submission"))
                    .append("</th></tr></thead><tbody>\n");
            for (Finding f : m.failing()) {
                h.append("<tr><td>").append(esc(f.subject())).append("</td><td>").append(esc(f.rule())).append("</td><td>")
                        .append(esc(show(f.observed()))).append(" / ").append(esc(show(f.target()))).append("</td><td>")
                        .append(esc(f.units() == null ? "" : String.join("、", f.units()))).append("</td><td>")
                        .append(both(esc(f.message().zh()), esc(f.message().en()))).append(evidence(f)).append("</td><td>")
                        .append(esc(f.submission() == null ? "" : f.submission())).append("</td></tr>\n");
            }
            h.append("</tbody></table>\n");
            if (m.failingCount() > m.failing().size()) {
                h.append("<p class=\"more\">").append(both("另有 " + (m.failingCount() - m.failing().size()) + " 条，见 findings.jsonl",
                        (m.failingCount() - m.failing().size()) + " more in findings.jsonl")).append("</p>\n");
            }
            h.append("</details>\n");
        }
        if (!any) h.append("<p>").append(both("今晚没有未达标的对象。", "Nothing failed tonight.")).append("</p>\n");
        h.append("</section>\n");
    }

    private void registers(NightReport r) {
        if (r.registers().isEmpty()) return;
        h.append("<section id=\"registers\">\n<h2>").append(both("登记名录", "Registers")).append("</h2>\n<table><thead><tr><th>")
                .append(both("名录", "Register")).append("</th><th>").append(both("登记对象", "Subjects")).append("</th><th>")
                .append(both("未报送", "Not reporting")).append("</th></tr></thead><tbody>\n");
        for (NightReport.RegisterCard c : r.registers()) {
            h.append("<tr><td>").append(esc(c.register())).append("</td><td class=\"n\">").append(c.subjects())
                    .append("</td><td class=\"n").append(c.unreported() > 0 ? " no_data" : "").append("\">").append(c.unreported())
                    .append("</td></tr>\n");
        }
        h.append("</tbody></table>\n</section>\n");
    }

    /** The FAIL share of the last nights per unit and per measure: a table with an inline SVG line each. */
    private void trends(NightReport.Trends t) {
        if (t == null) return;
        h.append("<section id=\"trends\">\n<h2>").append(both("趋势：近" + t.nights().size() + "晚未达标占比",
                "Trends: FAIL share of the last " + t.nights().size() + " nights")).append("</h2>\n<p class=\"meta\">")
                .append(t.nights().isEmpty() ? "" : t.nights().get(0) + " … " + t.nights().get(t.nights().size() - 1))
                .append("</p>\n<table>\n<thead><tr><th>").append(both("责任单位 / 措施", "Unit / measure")).append("</th><th>")
                .append(both("走势", "Trend")).append("</th><th>").append(both("今晚", "Tonight")).append("</th></tr></thead>\n<tbody>\n");
        for (NightReport.Line l : t.units()) trendRow(esc(l.name()), l.failShare());
        for (NightReport.Line l : t.measures()) trendRow(both("措施 ", "Measure ") + esc(l.name()), l.failShare());
        h.append("</tbody></table>\n</section>\n");
    }

    private void trendRow(String name, List<Double> shares) {
        int w = 180;
        int ht = 28;
        int n = shares.size();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < n; i++) {
            Double v = shares.get(i);
            if (v == null) continue;
            double x = n == 1 ? w / 2.0 : i * (w - 4) / (double) (n - 1) + 2;
            double y = ht - 2 - v * (ht - 4);
            points.append(points.length() == 0 ? "" : " ").append(fmt(x)).append(',').append(fmt(y));
        }
        h.append("<tr><td>").append(name).append("</td><td><svg width=\"").append(w).append("\" height=\"").append(ht)
                .append("\" viewBox=\"0 0 ").append(w).append(' ').append(ht).append("\" role=\"img\"><line x1=\"0\" y1=\"")
                .append(ht - 2).append("\" x2=\"").append(w).append("\" y2=\"").append(ht - 2)
                .append("\" stroke=\"#bdbdbd\"/><polyline fill=\"none\" stroke=\"#c62828\" stroke-width=\"1.5\" points=\"")
                .append(points).append("\"/></svg></td><td>").append(pct(n == 0 ? null : shares.get(n - 1))).append("</td></tr>\n");
    }

    /** The facts the finding was judged on, folded away until asked for. */
    private static String evidence(Finding f) {
        if (f.evidence() == null || f.evidence().isEmpty()) return "";
        StringBuilder b = new StringBuilder("<details class=\"evidence\"><summary>")
                .append(both("依据", "Evidence")).append(" (").append(f.evidence().size()).append(")</summary><ul>");
        for (Evidence e : f.evidence()) {
            b.append("<li>").append(esc(e.type())).append(' ').append(esc(e.subject()));
            if (e.day() != null) b.append(' ').append(e.day());
            if (e.submission() != null) b.append(" · ").append(esc(e.submission()));
            if (!e.fields().isEmpty()) {
                b.append(": ");
                int n = 0;
                for (Map.Entry<String, Object> x : e.fields().entrySet()) {
                    if (n++ > 0) b.append(", ");
                    b.append("<code>").append(esc(x.getKey())).append("</code>=").append(esc(show(x.getValue())));
                }
            }
            b.append("</li>");
        }
        return b.append("</ul></details>").toString();
    }

    private static String both(String zh, String en) {
        return "<span class=\"zh\">" + zh + "</span><span class=\"en\">" + en + "</span>";
    }

    private static String show(Object v) {
        return v == null ? "—" : String.valueOf(v);
    }

    private static String pct(Double rate) {
        return rate == null ? "—" : String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }

    private static String shorten(String s, int n) {
        if (s == null) return "";
        return s.codePointCount(0, s.length()) <= n ? s : s.substring(0, s.offsetByCodePoints(0, n)) + "…";
    }

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            body{font-family:"Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;margin:0;color:#212121;background:#fafafa}
            header{background:#0d47a1;color:#fff;padding:16px 24px;position:relative}
            header h1{margin:0;font-size:22px} .meta{margin:6px 0 0;opacity:.9} code{font-size:12px}
            #lang{position:absolute;right:24px;top:20px;padding:6px 14px;border:1px solid #fff;background:transparent;color:#fff;cursor:pointer;border-radius:4px}
            main{padding:8px 24px 24px;max-width:1200px} h2{font-size:18px;border-bottom:2px solid #0d47a1;padding-bottom:4px;margin-top:28px}
            .tiles{display:flex;flex-wrap:wrap;gap:10px;margin-top:16px}
            .tile{background:#fff;border-left:6px solid #0d47a1;padding:8px 14px;min-width:110px;box-shadow:0 1px 2px #0002}
            .tile .v{font-size:22px;font-weight:bold} .tile .l{font-size:13px;color:#555}
            .nodata{background:#fff3e0;border-left:6px solid #ef6c00;padding:8px 12px}
            table{border-collapse:collapse;background:#fff;margin:8px 0;font-size:13px;width:100%}
            th,td{border:1px solid #e0e0e0;padding:4px 8px;text-align:left;vertical-align:top} th{background:#e3f2fd}
            td.n{text-align:right;font-variant-numeric:tabular-nums} td.fail{color:#c62828;font-weight:bold} td.no_data{color:#757575;font-weight:bold}
            tr.dim td{color:#9e9e9e} .tag{color:#ef6c00;font-size:12px}
            svg.bars{max-width:100%;height:auto;font-size:12px;background:#fff;margin:8px 0} svg .small{font-size:10px}
            details{margin:6px 0} summary{cursor:pointer;font-weight:bold;padding:4px 0} .more{color:#555;font-size:13px}
            .evidence summary{font-weight:normal;color:#555;font-size:13px} .evidence ul{margin:2px 0 2px 18px;padding:0;font-size:13px}
            footer{padding:12px 24px;color:#555;font-size:13px}
            html[lang=zh] .en{display:none} html[lang=en] .zh{display:none}
            """;

    private static final String SCRIPT = """
            function toggleLang(){var d=document.documentElement;d.lang=d.lang==='en'?'zh':'en';
              document.getElementById('lang').textContent=d.lang==='en'?'中文':'English';
              try{history.replaceState(null,'',d.lang==='en'?'#en':'#');}catch(e){}}
            if(location.hash==='#en'){toggleLang();}
            document.body.setAttribute('data-ready','1');
            """;
}
