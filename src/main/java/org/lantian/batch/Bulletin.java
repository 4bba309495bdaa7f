package org.lantian.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.lantian.Json;
import org.lantian.pack.Ledger;
import org.lantian.pack.Period;
import org.lantian.pack.Periods;
import org.lantian.store.Scores;
import org.lantian.store.Store;

/**
 * A bulletin (通报) over a week, month or quarter from the nightly scorecards in the store: responsible units
 * ranked by compliance (PASS over findings judged, summed over the period's nights) with the change against
 * the period before, the measures most failed and the subjects failing again and again.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Bulletin(Span period, Span previous, int nights, List<UnitRank> units, List<MeasureFails> measures,
                       List<Scores.Repeat> repeated) {
    /** Measures and repeatedly failing subjects listed at most. */
    static final int TOP = 10;
    static final int REPEATED = 50;

    /** A period: its label ("2022-W26", "2022-06", "2022-Q2") and days, both ends included. */
    public record Span(String label, LocalDate from, LocalDate to) {
        /** Parses "2022-W26", "2022-06" or "2022-Q2". */
        public static Span parse(String kind, String text) {
            try {
                LocalDate first = switch (kind) {
                    case "week" -> LocalDate.parse(text + "-1", DateTimeFormatter.ISO_WEEK_DATE);
                    case "month" -> YearMonth.parse(text).atDay(1);
                    case "quarter" -> {
                        Matcher q = Pattern.compile("(\\d{4})-Q([1-4])").matcher(text);
                        if (!q.matches()) throw new IllegalArgumentException();
                        yield LocalDate.of(Integer.parseInt(q.group(1)), 3 * Integer.parseInt(q.group(2)) - 2, 1);
                    }
                    default -> throw new IllegalArgumentException();
                };
                return containing(kind, first);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--" + kind + " " + text + ": expected " + switch (kind) {
                    case "week" -> "an ISO week such as 2022-W26";
                    case "month" -> "a month such as 2022-06";
                    default -> "a quarter such as 2022-Q2";
                });
            }
        }

        /** The period of the same kind just before. */
        public Span before(String kind) {
            return containing(kind, from.minusDays(1));
        }

        /** The calendar period of a kind that contains a day, bounded and labelled as the pack's periods are. */
        private static Span containing(String kind, LocalDate day) {
            Period p = Periods.containing(kind, day, null); // calendar kinds read no ledger
            return new Span(Periods.label(kind, p), p.from(), p.to());
        }
    }

    /** A unit's place: rate over the period, and the previous period's rate and rank (null when it had none). */
    public record UnitRank(int rank, String unit, long judged, long passed, long failed, long waived, Double rate, Double previousRate,
                           Integer previousRank, Double change) {
    }

    public record MeasureFails(int measure, String summary, long judged, long failed, Double failShare) {
    }

    /** Counts summed over nights; WAIVED apart (docs/cases.md): not judged, so out of the rate. */
    private record Sum(long judged, long passed, long failed, long waived) {
        static final Sum ZERO = new Sum(0, 0, 0, 0);

        Sum plus(Scores.Score s) {
            return new Sum(judged + s.judged(), passed + s.passed(), failed + s.failed(), waived + s.waived());
        }

        Sum plus(Sum s) {
            return new Sum(judged + s.judged(), passed + s.passed(), failed + s.failed(), waived + s.waived());
        }

        Double rate() {
            return judged == 0 ? null : (double) passed / judged;
        }
    }

    /** Works the bulletin out of the store's nightly scorecards. */
    public static Bulletin of(Store store, Ledger ledger, String kind, Span period) throws SQLException {
        Span previous = period.before(kind);
        List<Scores.Nightly> rows = store.scores().between(period.from(), period.to());
        Map<String, Sum> units = unitSums(rows);
        Map<String, Sum> before = unitSums(store.scores().between(previous.from(), previous.to()));
        Map<String, Integer> beforeRank = new TreeMap<>();
        List<String> previousOrder = ranked(before);
        for (int i = 0; i < previousOrder.size(); i++) beforeRank.put(previousOrder.get(i), i + 1);
        List<UnitRank> ranks = new ArrayList<>();
        List<String> order = ranked(units);
        for (int i = 0; i < order.size(); i++) {
            String u = order.get(i);
            Sum s = units.get(u);
            Sum b = before.get(u);
            Double prevRate = b == null ? null : b.rate();
            ranks.add(new UnitRank(i + 1, u, s.judged(), s.passed(), s.failed(), s.waived(), s.rate(), prevRate, beforeRank.get(u),
                    s.rate() == null || prevRate == null ? null : s.rate() - prevRate));
        }
        Map<Integer, Sum> measures = new TreeMap<>();
        for (Scores.Nightly n : rows) {
            if (Scores.ALL_UNITS.equals(n.score().unit())) measures.merge(n.score().measure(), Sum.ZERO.plus(n.score()), Sum::plus);
        }
        List<MeasureFails> most = new ArrayList<>();
        measures.forEach((m, s) -> {
            if (s.failed() > 0) {
                most.add(new MeasureFails(m, ledger.hasMeasure(m) ? ledger.measure(m).summary() : null, s.judged(), s.failed(),
                        s.judged() == 0 ? null : (double) s.failed() / s.judged()));
            }
        });
        most.sort(Comparator.comparingLong(MeasureFails::failed).reversed().thenComparingInt(MeasureFails::measure));
        int nights = (int) rows.stream().map(Scores.Nightly::night).distinct().count();
        return new Bulletin(period, previous, nights, ranks, List.copyOf(most.subList(0, Math.min(TOP, most.size()))),
                store.scores().repeated(period.from(), period.to(), 2, REPEATED));
    }

    private static Map<String, Sum> unitSums(List<Scores.Nightly> rows) {
        Map<String, Sum> out = new TreeMap<>();
        for (Scores.Nightly n : rows) {
            if (n.score().measure() == Scores.ALL_MEASURES) out.merge(n.score().unit(), Sum.ZERO.plus(n.score()), Sum::plus);
        }
        return out;
    }

    /** Units by rate, highest first; a unit with nothing judged last; ties by name. */
    private static List<String> ranked(Map<String, Sum> sums) {
        return sums.keySet().stream().sorted(Comparator.<String, Double>comparing(u -> sums.get(u).rate(),
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(Comparator.naturalOrder())).toList();
    }

    /** Writes bulletin.json, bulletin.html and bulletin.xlsx into a folder. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("bulletin.json").toFile(), this);
        Files.writeString(dir.resolve("bulletin.html"), html(), StandardCharsets.UTF_8);
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(dir.resolve("bulletin.xlsx"))) {
            xlsx(book);
            book.write(out);
        }
    }

    private static String pct(Double x) {
        return x == null ? "—" : String.format(Locale.ROOT, "%.1f%%", x * 100);
    }

    private static String points(Double x) {
        return x == null ? "—" : String.format(Locale.ROOT, "%+.1f", x * 100);
    }

    String html() {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"zh\">\n<head>\n<meta charset=\"utf-8\">\n<title>大气污染防治通报 ").append(period.label())
                .append(" · Bulletin</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}"
                        + "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:left}.en{color:#555}</style>\n</head>\n<body>\n");
        h.append("<h1>大气污染防治重点工作通报 <span class=\"en\">Bulletin</span> ").append(period.label()).append("</h1>\n<p>")
                .append(period.from()).append(" – ").append(period.to()).append("，共 ").append(nights).append(" 晚 <span class=\"en\">(")
                .append(nights).append(" nights; compared with ").append(previous.label()).append(")</span></p>\n");
        h.append("<h2>责任单位达标率排名 <span class=\"en\">Units ranked by compliance</span></h2>\n<table>\n<tr><th>名次 Rank</th>"
                + "<th>责任单位 Unit</th><th>达标率 Rate</th><th>上期 Previous</th><th>变化（百分点） Change (points)</th><th>上期名次 Previous rank</th>"
                + "<th>未达标 FAIL</th><th>评判 Judged</th><th>豁免 Waived</th></tr>\n");
        for (UnitRank u : units) {
            h.append("<tr><td>").append(u.rank()).append("</td><td>").append(HtmlReport.esc(u.unit())).append("</td><td>").append(pct(u.rate()))
                    .append("</td><td>").append(pct(u.previousRate())).append("</td><td>").append(points(u.change())).append("</td><td>")
                    .append(u.previousRank() == null ? "—" : u.previousRank()).append("</td><td>").append(u.failed()).append("</td><td>")
                    .append(u.judged()).append("</td><td>").append(u.waived()).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>未达标最多的措施 <span class=\"en\">Measures most failed</span></h2>\n<table>\n<tr><th>措施 Measure</th>"
                + "<th>摘要 Summary</th><th>未达标 FAIL</th><th>占比 Share</th></tr>\n");
        for (MeasureFails m : measures) {
            h.append("<tr><td>").append(m.measure()).append("</td><td>").append(HtmlReport.esc(m.summary())).append("</td><td>")
                    .append(m.failed()).append("</td><td>").append(pct(m.failShare())).append("</td></tr>\n");
        }
        h.append("</table>\n<h2>反复未达标的对象 <span class=\"en\">Subjects failing again and again</span></h2>\n<table>\n"
                + "<tr><th>措施 Measure</th><th>对象 Subject</th><th>责任单位 Units</th><th>未达标晚数 Nights failed</th></tr>\n");
        for (Scores.Repeat r : repeated) {
            h.append("<tr><td>").append(r.measure()).append("</td><td>").append(HtmlReport.esc(r.subject())).append("</td><td>")
                    .append(HtmlReport.esc(String.join("、", r.units()))).append("</td><td>").append(r.nights()).append("</td></tr>\n");
        }
        h.append("</table>\n</body>\n</html>\n");
        return h.toString();
    }

    private void xlsx(XSSFWorkbook book) {
        Sheet s = book.createSheet("排名 Ranking");
        int row = 0;
        cells(s.createRow(row++), "通报 Bulletin " + period.label(), period.from() + " – " + period.to(), nights + " 晚 nights",
                "上期 previous " + previous.label());
        cells(s.createRow(row++), "名次 Rank", "责任单位 Unit", "达标率 Rate", "上期 Previous", "变化 Change", "上期名次 Previous rank",
                "未达标 FAIL", "评判 Judged", "豁免 Waived");
        for (UnitRank u : units) {
            cells(s.createRow(row++), u.rank(), u.unit(), u.rate(), u.previousRate(), u.change(), u.previousRank(), u.failed(), u.judged(), u.waived());
        }
        s = book.createSheet("措施 Measures");
        row = 0;
        cells(s.createRow(row++), "措施 Measure", "摘要 Summary", "未达标 FAIL", "评判 Judged", "占比 Share");
        for (MeasureFails m : measures) cells(s.createRow(row++), m.measure(), m.summary(), m.failed(), m.judged(), m.failShare());
        s = book.createSheet("反复 Repeated");
        row = 0;
        cells(s.createRow(row++), "措施 Measure", "对象 Subject", "责任单位 Units", "未达标晚数 Nights failed");
        for (Scores.Repeat r : repeated) cells(s.createRow(row++), r.measure(), r.subject(), String.join("、", r.units()), r.nights());
    }

    private static void cells(Row x, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) continue;
            if (v instanceof Number n) x.createCell(i).setCellValue(n.doubleValue());
            else x.createCell(i).setCellValue(String.valueOf(v));
        }
    }
}
