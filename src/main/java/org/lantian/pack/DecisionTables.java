package org.lantian.pack;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drools.decisiontable.ExternalSpreadsheetCompiler;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * A pack's decision tables: spreadsheets ({@code .xlsx}) in Drools' decision-table layout, one rule a row,
 * compiled to DRL by Drools' own spreadsheet compiler; and its rule templates: a DRL template ({@code .drt},
 * drools-templates) whose rules are made one per row of the workbook of the same name (a row of labels, then
 * one rule a row from column A). docs/rules.md ("Rule families as tables") says which column means what.
 */
final class DecisionTables {
    private DecisionTables() {
    }

    static final String TEMPLATE = ".drt";
    static final String WORKBOOK = ".xlsx";
    /** Where a template's rows start in its workbook (1-based, as Drools counts): below the labels, in column A. */
    private static final int FIRST_ROW = 2;
    private static final int FIRST_COLUMN = 1;

    static boolean isTemplate(Path file) {
        return file.getFileName().toString().endsWith(TEMPLATE);
    }

    /** Whether a workbook holds the rows of a template (a {@code .drt} of its name is beside it). */
    static boolean isTemplateData(Path workbook) {
        return Files.isRegularFile(sibling(workbook, WORKBOOK, TEMPLATE));
    }

    /** The DRL a template makes of the rows of its workbook, one rule a row. */
    static String templateDrl(Path template) throws PackException {
        Path data = sibling(template, TEMPLATE, WORKBOOK);
        if (!Files.isRegularFile(data)) throw new PackException(template + ": its rows belong in " + data.getFileName() + ", which is missing");
        byte[] rows = RulePack.bytes(data);
        byte[] drt = RulePack.bytes(template);
        try {
            return new ExternalSpreadsheetCompiler().compile(new ByteArrayInputStream(rows), new ByteArrayInputStream(drt),
                    InputType.XLS, FIRST_ROW, FIRST_COLUMN);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new PackException(template + " with " + data.getFileName() + ": not a template and rows Drools can read (" + why + ")");
        }
    }

    private static Path sibling(Path file, String ending, String other) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - ending.length()) + other);
    }

    /** The DRL of every RuleTable in the workbook's sheets. */
    static String drl(Path table) throws PackException {
        byte[] bytes = RulePack.bytes(table);
        try {
            return new SpreadsheetCompiler().compile(new ByteArrayInputStream(bytes), InputType.XLS);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new PackException(table + ": not a decision table Drools can read (" + why + ")");
        }
    }
}
