package org.lantian.batch;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.WorkbookUtil;
import org.apache.poi.xssf.model.SharedStringsTable;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;

/**
 * The scorecard as a workbook for Excel and WPS: a scorecard sheet (by measure and by unit), a sheet per
 * responsible unit with its failing findings, and one sheet with the night's findings. POI's streaming
 * workbook keeps only a window of rows in memory; the findings sheet holds at most {@link #FINDING_ROWS}
 * rows (a workbook that big is already hard to open) and says so when there were more.
 */
final class XlsxReport implements AutoCloseable {
    static final int FINDING_ROWS = 100_000;
    static final String FINDINGS_SHEET = "全部发现 All findings";
    private static final String[] FINDING_HEADER = {"措施 measure", "规则 rule", "对象 subject", "类型 type", "状态 status",
            "实测 observed", "目标 target", "责任单位 units", "说明", "message", "期限 deadline", "期间 period",
            "提交 submission"};

    private final Book book = new Book(200);
    private final CellStyle bold;
    private final CellStyle percent;
    /** The workbook's default style, given to a cell outright: else POI looks it up (its column's, the book's) per cell. */
    private final CellStyle plain;
    private final SXSSFSheet findings;
    private final SheetWriter findingsWriter;
    private final Set<String> names = new HashSet<>();
    /** The findings sheet's rows at most ({@link #FINDING_ROWS}; fewer in tests). */
    private final int rows;
    private final boolean early;
    private int findingRow = 1;

    /**
     * Starts the workbook with its findings sheet, which fills while the night is evaluated; the scorecard
     * and unit sheets follow in {@link #finish} once the counts are known, and go before it.
     */
    XlsxReport() {
        this(FINDING_ROWS, true);
    }

    /** {@code early}: deflate the findings sheet once it is full, before the workbook is written (see {@link EarlySheet}). */
    XlsxReport(int rows, boolean early) {
        this.rows = rows;
        this.early = early;
        Font font = book.createFont();
        font.setBold(true);
        bold = book.createCellStyle();
        bold.setFont(font);
        plain = book.getCellStyleAt(0);
        percent = book.createCellStyle();
        percent.setDataFormat(book.createDataFormat().getFormat("0.0%"));
        findings = book.createSheet(name(FINDINGS_SHEET, names));
        findingsWriter = book.lastWriter;
        header(findings.createRow(0), FINDING_HEADER);
        findings.createFreezePane(0, 1);
    }

    /** Adds the scorecard sheet first, then a sheet per unit, and says on the findings sheet if it holds only the first ones. */
    void finish(NightReport report) {
        if (report.findings() > rows) {
            cells(findings.createRow(findingRow), "… " + (report.findings() - rows)
                    + " more findings in findings.jsonl (this sheet holds its first " + rows + ")");
        }
        // POI stamps the workbook with the time it is made; the night's date instead keeps a re-run byte-identical.
        book.getXSSFWorkbook().getProperties().getCoreProperties().setCreated(java.util.Optional.of(
                java.util.Date.from(report.asOf().atStartOfDay(java.time.ZoneOffset.UTC).toInstant())));
        scorecard(book.createSheet(name("记分卡 Scorecard", names)), report);
        if (report.trends() != null) trends(book.createSheet(name("趋势 Trends", names)), report.trends());
        for (NightReport.UnitCard u : report.units()) unit(book.createSheet(name(u.unit(), names)), u);
        book.setSheetOrder(findings.getSheetName(), book.getNumberOfSheets() - 1);
    }

    private static String name(String wanted, Set<String> used) {
        String base = WorkbookUtil.createSafeSheetName(wanted);
        String name = base;
        for (int i = 2; !used.add(name.toLowerCase()); i++) {
            String suffix = " (" + i + ")";
            name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
        }
        return name;
    }

    private void scorecard(Sheet sheet, NightReport r) {
        int row = 0;
        header(sheet.createRow(row++), "蓝天夜间记分卡 Lantian nightly scorecard");
        cells(sheet.createRow(row++), "评估日期 As of", r.asOf().toString());
        cells(sheet.createRow(row++), "规则包 Pack", r.pack().name() + " " + r.pack().hash());
        cells(sheet.createRow(row++), "记录 Records", r.records());
        cells(sheet.createRow(row++), "评估事实 Facts evaluated", r.factsEvaluated());
        cells(sheet.createRow(row++), "重复 Duplicates", r.duplicates());
        cells(sheet.createRow(row++), "拒收 Rejects", r.rejects());
        Row rate = sheet.createRow(row++);
        cells(rate, "达标率 Compliance rate");
        rateCell(rate, 1, r.rate());
        cells(sheet.createRow(row++), "无数据措施 Measures without data", join(r.measuresWithoutData()));
        row++;
        header(sheet.createRow(row++), withStatuses("措施 measure", "类别 category", "摘要 summary", "规则数 rules"));
        for (NightReport.MeasureCard m : r.measures()) {
            Row x = sheet.createRow(row++);
            cells(x, m.measure(), m.category(), m.summary(), m.rules());
            counts(x, 4, m.counts());
            rateCell(x, 4 + Status.values().length, m.rate());
            x.createCell(5 + Status.values().length).setCellValue(m.noData() ? "无数据 NO DATA" : "");
        }
        row++;
        header(sheet.createRow(row++), withStatuses("责任单位 unit", "", "", ""));
        for (NightReport.UnitCard u : r.units()) {
            Row x = sheet.createRow(row++);
            cells(x, u.unit(), u.town() ? "镇（街道） town" : "部门 bureau");
            counts(x, 4, u.counts());
            rateCell(x, 4 + Status.values().length, u.rate());
        }
        sheet.setColumnWidth(0, 24 * 256);
        sheet.setColumnWidth(2, 60 * 256);
    }

    private void unit(Sheet sheet, NightReport.UnitCard u) {
        int row = 0;
        header(sheet.createRow(row++), u.unit());
        Row status = sheet.createRow(row++);
        Row count = sheet.createRow(row++);
        int c = 0;
        for (Status s : Status.values()) {
            status.createCell(c).setCellValue(s.name());
            count.createCell(c++).setCellValue(u.counts().get(s));
        }
        status.createCell(c).setCellValue("达标率 rate");
        rateCell(count, c, u.rate());
        row++;
        header(sheet.createRow(row++), "未达标 Failing: " + u.failingCount());
        header(sheet.createRow(row++), FINDING_HEADER);
        for (Finding f : u.failing()) finding(sheet.createRow(row++), f);
        if (u.failingCount() > u.failing().size()) {
            cells(sheet.createRow(row), "… " + (u.failingCount() - u.failing().size()) + " more in findings.jsonl");
        }
        sheet.setColumnWidth(8, 50 * 256);
    }

    /**
     * Adds one finding to the findings sheet; past {@link #FINDING_ROWS} the sheet takes no more. The sheet's
     * last row starts its deflating, while the night goes on.
     */
    void finding(Finding f) throws IOException {
        if (findingRow > rows) return;
        finding(findings.createRow(findingRow++), f);
        if (findingRow > rows && early) book.deflateEarly(findings, findingsWriter, EarlySheet.prefix(rows + 2));
    }

    /** Whether the findings sheet went into the file deflated early, as {@link EarlySheet} foresaw it (for tests). */
    boolean deflatedEarly() {
        return book.spliced;
    }

    private void finding(Row x, Finding f) {
        cells(x, f.measure(), f.rule(), f.subject(), f.subjectType(), f.status().name(), value(f.observed()),
                value(f.target()), f.units() == null ? "" : String.join("、", f.units()), f.message().zh(), f.message().en(),
                f.deadline(), f.period() == null ? "" : f.period().from() + ".." + f.period().to(), f.submission());
    }

    private static Object value(Object v) {
        return v instanceof Number || v == null ? v : String.valueOf(v);
    }

    private static String[] withStatuses(String... first) {
        String[] all = new String[first.length + Status.values().length + 2];
        System.arraycopy(first, 0, all, 0, first.length);
        int i = first.length;
        for (Status s : Status.values()) all[i++] = s.name();
        all[i++] = "达标率 rate";
        all[i] = "";
        return all;
    }

    private void counts(Row x, int from, java.util.Map<Status, Long> counts) {
        for (Status s : Status.values()) x.createCell(from++).setCellValue(counts.get(s));
    }

    private void rateCell(Row x, int column, Double rate) {
        var cell = x.createCell(column);
        if (rate == null) {
            cell.setCellValue("—");
        } else {
            cell.setCellValue(rate);
            cell.setCellStyle(percent);
        }
    }

    /** The FAIL share of the last nights: a row per unit and per measure, a column per night. */
    private void trends(Sheet sheet, NightReport.Trends t) {
        int row = 0;
        header(sheet.createRow(row++), "未达标占比 FAIL share of the last " + t.nights().size() + " nights");
        Row head = sheet.createRow(row++);
        header(head, "责任单位 / 措施 unit / measure");
        for (int i = 0; i < t.nights().size(); i++) {
            var cell = head.createCell(i + 1);
            cell.setCellValue(t.nights().get(i).toString());
            cell.setCellStyle(bold);
        }
        for (NightReport.Line l : t.units()) trendRow(sheet.createRow(row++), l.name(), l.failShare());
        for (NightReport.Line l : t.measures()) trendRow(sheet.createRow(row++), "措施 measure " + l.name(), l.failShare());
        sheet.setColumnWidth(0, 28 * 256);
    }

    private void trendRow(Row x, String name, List<Double> shares) {
        x.createCell(0).setCellValue(name);
        for (int i = 0; i < shares.size(); i++) rateCell(x, i + 1, shares.get(i));
    }

    private void header(Row x, String... names) {
        for (int i = 0; i < names.length; i++) {
            var cell = x.createCell(i);
            cell.setCellValue(names[i]);
            cell.setCellStyle(bold);
        }
    }

    private void cells(Row x, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v == null) continue;
            var cell = x.createCell(i);
            cell.setCellStyle(plain);
            if (v instanceof Number n) cell.setCellValue(n.doubleValue());
            else cell.setCellValue(String.valueOf(v));
        }
    }

    private static String join(List<Integer> numbers) {
        return numbers.isEmpty() ? "—" : String.join(", ", numbers.stream().map(String::valueOf).toList());
    }

    /**
     * POI's streaming workbook, but that a sheet's text needing no escape is written in one piece rather than
     * code point by code point (POI's way, kept for the rest): the same bytes at a fraction of the cost.
     */
    private static final class Book extends SXSSFWorkbook {
        /** The writer of the sheet created last. */
        SheetWriter lastWriter;
        private EarlySheet early;
        /** Whether the sheet deflated early is left out of POI's writing (to be spliced in). */
        private boolean leaveOut;
        boolean spliced;

        Book(int window) {
            super(window);
        }

        @Override
        protected SheetDataWriter createSheetDataWriter() throws IOException {
            return lastWriter = new SheetWriter(_sharedStringSource);
        }

        /**
         * Begins deflating a full sheet behind the beginning of its part foreseen: the rows it has handed to its file
         * (the rows still in POI's window stay there: POI's dimension of the sheet counts them).
         */
        void deflateEarly(SXSSFSheet sheet, SheetWriter writer, byte[] prefix) throws IOException {
            writer.flushOut();
            early = new EarlySheet(sheet, writer, prefix);
            if (!early.takeFile()) early = null;
        }

        @Override
        protected ISheetInjector createSheetInjector(SXSSFSheet sheet) throws IOException {
            if (leaveOut && early != null && early.sheet == sheet) return out -> { };
            return super.createSheetInjector(sheet);
        }

        /**
         * Writes the workbook; with a sheet deflated early, POI writes the rest (and that sheet's part without its
         * rows) and the sheet's part goes in as deflated early, finished with its last rows and POI's end of it:
         * the same bytes as POI's own writing, without deflating the sheet's rows at the end.
         */
        void writeTo(OutputStream out) throws IOException {
            if (early == null) {
                write(out);
                return;
            }
            var placeholder = new java.io.ByteArrayOutputStream(1 << 20);
            leaveOut = true;
            try {
                write(placeholder);
            } finally {
                leaveOut = false;
            }
            byte[] zip = placeholder.toByteArray();
            String entry = getXSSFWorkbook().getSheet(early.sheet.getSheetName()).getPackagePart().getPartName().getName().substring(1);
            early.writer.flushOut(); // the rows POI's writing took out of its window
            spliced = early.splice(zip, entry, out);
            if (!spliced) write(out);
        }

        @Override
        public void close() throws IOException {
            if (early != null) early.end();
            super.close();
        }

        /**
         * Deflates at the fastest level: the findings sheet's ~90 MB of XML is what a night waits for at its end, and
         * level 1 deflates it in under half the time of the default level for a file about a fifth larger.
         */
        @Override
        protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
            ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
            zip.setLevel(Deflater.BEST_SPEED);
            return zip;
        }
    }

    /**
     * POI's sheet writer, but that a text needing no escape goes to the file in one piece, and that a text or
     * number cell of the first 26 columns (all the findings sheet has) is written without POI's cell reference
     * and attribute objects: the same bytes (XlsxTextTest), at a fraction of the cost of the findings sheet.
     */
    static final class SheetWriter extends SheetDataWriter {
        private static final String[] COLUMNS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
        /** Whether texts are written into their cells (POI's streaming default) rather than shared. */
        private final boolean inline;
        /** The number of the row being written, as a cell reference has it. */
        private String row;

        SheetWriter(SharedStringsTable strings) throws IOException {
            super(strings);
            inline = strings == null;
        }

        SheetWriter(Writer out) throws IOException {
            super(out);
            inline = true;
        }

        /**
         * The sheet's file as POI opens it, written through {@link Utf8Writer} rather than a buffered UTF-8 writer: the
         * same bytes. Called by POI's constructor, before this class's fields are set.
         */
        @Override
        public Writer createWriter(java.io.File fd) throws IOException {
            java.io.FileOutputStream file = new java.io.FileOutputStream(fd);
            try {
                return new Utf8Writer(decorateOutputStream(file));
            } catch (IOException | RuntimeException e) {
                file.close();
                throw e;
            }
        }

        /** Hands what is buffered to the sheet's file. */
        void flushOut() throws IOException {
            _out.flush();
        }

        java.io.File file() {
            return getTempFile();
        }

        @Override
        public void writeRow(int rownum, SXSSFRow cells) throws IOException {
            row = Integer.toString(rownum + 1);
            super.writeRow(rownum, cells);
        }

        @Override
        public void writeCell(int column, Cell cell) throws IOException {
            CellType type = cell == null ? null : cell.getCellType();
            if (column >= COLUMNS.length || row == null || !(type == CellType.NUMERIC || type == CellType.STRING && inline)) {
                super.writeCell(column, cell);
                return;
            }
            _out.write("<c r=\"");
            _out.write(COLUMNS[column]);
            _out.write(row);
            _out.write('"');
            int style = cell.getCellStyle().getIndex() & 0xffff;
            if (style != 0) {
                _out.write(" s=\"");
                _out.write(Integer.toString(style));
                _out.write('"');
            }
            if (type == CellType.NUMERIC) {
                _out.write(" t=\"n\"><v>");
                _out.write(Double.toString(cell.getNumericCellValue()));
                _out.write("</v></c>");
            } else {
                String text = cell.getStringCellValue();
                _out.write(spaced(text) ? " t=\"inlineStr\"><is><t xml:space=\"preserve\">" : " t=\"inlineStr\"><is><t>");
                outputEscapedString(text);
                _out.write("</t></is></c>");
            }
        }

        /** Whether a text begins or ends in white space, which XML keeps only when told to. */
        private static boolean spaced(String s) {
            return s != null && !s.isEmpty() && (Character.isWhitespace(s.charAt(0)) || Character.isWhitespace(s.charAt(s.length() - 1)));
        }

        @Override
        protected void outputEscapedString(String s) throws IOException {
            if (plain(s)) _out.write(s);
            else super.outputEscapedString(s);
        }
    }

    /**
     * Whether POI writes a text into a sheet as it is: no character it escapes (&lt; &gt; &amp; &quot;, no-break
     * space) or replaces by '?' (controls, U+FFFE, U+FFFF). A surrogate it writes as it is, paired or not.
     */
    private static boolean plain(String s) {
        if (s == null) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\u00A0' || c >= '\uFFFE') return false;
        }
        return true;
    }

    void write(OutputStream out) throws IOException {
        book.writeTo(out);
    }

    @Override
    public void close() throws IOException {
        book.close();
    }
}
