package org.lantian.pack;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * A pack's decision tables: spreadsheets ({@code .xlsx}) in Drools' decision-table layout, one rule a row,
 * compiled to DRL by Drools' own spreadsheet compiler. docs/rules.md ("Rule families as tables") says which
 * column means what.
 */
final class DecisionTables {
    private DecisionTables() {
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
