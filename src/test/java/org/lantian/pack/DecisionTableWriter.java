package org.lantian.pack;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a decision-table workbook in Drools' layout, byte for byte the same on every run (fixed document
 * dates and zip entry times), so that a table can first be made from code and then be committed as the file
 * officials edit. A convenience for pack authors, not a source: the committed .xlsx is the source.
 *
 * <pre>
 *   B: RuleSet   | package
 *      Import    | imports
 *      Variables | globals
 *      (blank)
 *      RuleTable NAME
 *      NAME | DESCRIPTION | METADATA | CONDITION … | ACTION …     keywords
 *           |             |          | $s : Type   |              the pattern conditions constrain
 *           |             | measure($param) | kind != $param | …  snippets ($param: the row's cell)
 *      labels people read (ignored by Drools)
 *      one rule a row
 * </pre>
 */
final class DecisionTableWriter {
    /** 2022-01-01T00:00:00Z: the date every entry and document property carries. */
    private static final long FIXED_TIME = 1640995200000L;

    record Table(String name, List<String> keywords, List<String> patterns, List<String> snippets, List<String> labels,
                 List<List<String>> rows, List<Integer> widths) {
    }

    private DecisionTableWriter() {
    }

    static void write(Path file, String sheetName, String pkg, String imports, String variables, List<String> notes,
                      List<Table> tables) throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.getProperties().getCoreProperties().setCreated(Optional.of(new Date(FIXED_TIME)));
            wb.getProperties().getCoreProperties().setModified(Optional.of(new Date(FIXED_TIME)));
            wb.getProperties().getCoreProperties().setCreator("lantian");
            Sheet sheet = wb.createSheet(sheetName);
            CellStyle head = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            head.setFont(bold);
            CellStyle code = wb.createCellStyle();
            code.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            code.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            code.setWrapText(true);
            CellStyle label = wb.createCellStyle();
            label.cloneStyleFrom(head);
            label.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            label.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            label.setWrapText(true);
            CellStyle text = wb.createCellStyle();
            text.setWrapText(true);

            int r = 0;
            r = row(sheet, r, head, "RuleSet", pkg);
            r = row(sheet, r, null, "Import", imports);
            r = row(sheet, r, null, "Variables", variables);
            for (String note : notes) r = row(sheet, r, text, null, null, note);
            for (Table t : tables) {
                r++;
                r = row(sheet, r, head, "RuleTable " + t.name());
                r = row(sheet, r, head, t.keywords().toArray(String[]::new));
                mergePatterns(sheet, r, t);
                r = row(sheet, r, code, t.patterns().toArray(String[]::new));
                for (int c = 0; c < t.patterns().size(); c++) {  // Drools reads a merged cell's other cells too
                    if (sheet.getRow(r - 1).getCell(c + 1) == null) sheet.getRow(r - 1).createCell(c + 1).setCellStyle(code);
                }
                r = row(sheet, r, code, t.snippets().toArray(String[]::new));
                r = row(sheet, r, label, t.labels().toArray(String[]::new));
                for (List<String> data : t.rows()) r = row(sheet, r, text, data.toArray(String[]::new));
            }
            sheet.setColumnWidth(0, 2 * 256);
            List<Integer> widths = tables.get(0).widths();
            for (int c = 0; c < widths.size(); c++) sheet.setColumnWidth(c + 1, widths.get(c) * 256);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            Files.write(file, fixedTimes(out.toByteArray()));
        }
    }

    /**
     * Writes the rows of a rule template (the .drt of the same name): a row of labels, then one rule a row from
     * column A, each cell the value of the template's column of that position.
     */
    static void writeRows(Path file, String sheetName, List<String> labels, List<List<String>> rows, List<Integer> widths)
            throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook()) {
            wb.getProperties().getCoreProperties().setCreated(Optional.of(new Date(FIXED_TIME)));
            wb.getProperties().getCoreProperties().setModified(Optional.of(new Date(FIXED_TIME)));
            wb.getProperties().getCoreProperties().setCreator("lantian");
            Sheet sheet = wb.createSheet(sheetName);
            CellStyle label = wb.createCellStyle();
            Font bold = wb.createFont();
            bold.setBold(true);
            label.setFont(bold);
            label.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            label.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            label.setWrapText(true);
            CellStyle text = wb.createCellStyle();
            text.setWrapText(true);
            cells(sheet.createRow(0), label, labels);
            for (int r = 0; r < rows.size(); r++) cells(sheet.createRow(r + 1), text, rows.get(r));
            for (int c = 0; c < widths.size(); c++) sheet.setColumnWidth(c, widths.get(c) * 256);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            Files.write(file, fixedTimes(out.toByteArray()));
        }
    }

    private static void cells(Row row, CellStyle style, List<String> values) {
        for (int c = 0; c < values.size(); c++) {
            var cell = row.createCell(c);
            cell.setCellValue(values.get(c));
            cell.setCellStyle(style);
        }
    }

    /**
     * A pattern spans the CONDITION columns after it whose pattern cell is "": their constraints join it. A null
     * pattern cell is not merged: Drools takes that column's snippet as a whole condition of its own.
     */
    private static void mergePatterns(Sheet sheet, int r, Table t) {
        for (int c = 0; c < t.patterns().size(); c++) {
            if (t.patterns().get(c) == null || t.patterns().get(c).isEmpty()) continue;
            int last = c;
            while (last + 1 < t.patterns().size() && "".equals(t.patterns().get(last + 1))
                    && t.keywords().get(last + 1).equals("CONDITION")) last++;
            if (last > c) sheet.addMergedRegion(new org.apache.poi.ss.util.CellRangeAddress(r, r, c + 1, last + 1));
        }
    }

    /** Writes cells from column B on; a null cell stays empty. Returns the next row. */
    private static int row(Sheet sheet, int r, CellStyle style, String... cells) {
        Row row = sheet.createRow(r);
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] == null || cells[c].isEmpty()) continue;
            var cell = row.createCell(c + 1);
            cell.setCellValue(cells[c]);
            if (style != null) cell.setCellStyle(style);
        }
        return r + 1;
    }

    /** The same zip with every entry dated {@link #FIXED_TIME}: POI dates them now. */
    private static byte[] fixedTimes(byte[] zip) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream z = new ZipOutputStream(out)) {
            List<String> seen = new ArrayList<>();
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(FIXED_TIME);
                z.putNextEntry(copy);
                in.transferTo(z);
                z.closeEntry();
                seen.add(e.getName());
            }
        }
        return out.toByteArray();
    }
}
