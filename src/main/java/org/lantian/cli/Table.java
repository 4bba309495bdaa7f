package org.lantian.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table that lines up Chinese text, which takes two terminal columns a character. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    void row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) r[i] = text(cells[i]);
        rows.add(r);
    }

    /** Numbers without a trailing ".0" (900, not 900.0); nothing for null. */
    static String text(Object cell) {
        if (cell == null) return "";
        if (cell instanceof Double d) return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        return String.valueOf(cell);
    }

    String render() {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] r : rows) for (int i = 0; i < columns; i++) width[i] = Math.max(width[i], width(r[i]));
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            for (int i = 0; i < columns; i++) {
                out.append(r[i]);
                if (i < columns - 1) out.append(" ".repeat(width[i] - width(r[i]) + 2));
            }
            out.append('\n');
            if (n == 0) {
                for (int i = 0; i < columns; i++) out.append("-".repeat(width[i])).append(i < columns - 1 ? "  " : "");
                out.append('\n');
            }
        }
        return out.toString();
    }

    static int width(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            w += wide(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        return w;
    }

    private static boolean wide(int cp) {
        return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60)
                || (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    }
}
