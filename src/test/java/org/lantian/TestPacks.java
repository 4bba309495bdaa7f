package org.lantian;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.PackCompiler;
import org.lantian.pack.RulePack;

/** The bundled pack, compiled once for the whole test run (compiling takes seconds), and copies of it to edit. */
public final class TestPacks {
    public static final Path BUNDLED = Path.of("rules", "chengqu-2022");
    private static CompiledPack bundled;

    private TestPacks() {
    }

    /**
     * Replaces every text cell of the first sheet of a copied pack's workbook (a decision table or a template's rows)
     * that reads {@code from} with {@code to}, as an official editing it in Excel would; fails when no cell reads so.
     */
    public static void editCell(Path xlsx, String from, String to) throws IOException {
        boolean found = false;
        try (InputStream in = Files.newInputStream(xlsx); Workbook wb = new XSSFWorkbook(in)) {
            for (Row row : wb.getSheetAt(0)) {
                for (Cell cell : row) {
                    if (cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(from)) {
                        cell.setCellValue(to);
                        found = true;
                    }
                }
            }
            if (!found) throw new AssertionError(from + " is no cell of " + xlsx);
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                wb.write(out);
            }
        }
    }

    /** Copies the bundled pack's folder to {@code dir}, for a test that edits a pack; returns {@code dir}. */
    public static Path copyOfBundled(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(BUNDLED)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = dir.resolve(BUNDLED.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target);
                else Files.copy(f, target);
            }
        }
        return dir;
    }

    /** The bundled pack's ledger, without compiling the rules (for tests of input validation). */
    public static org.lantian.pack.Ledger ledger() {
        return ledgerPack().ledger();
    }

    /** The bundled pack as loaded from disk, not compiled. */
    public static RulePack ledgerPack() {
        try {
            return RulePack.load(BUNDLED);
        } catch (Exception e) {
            throw new IllegalStateException("the bundled pack does not load: " + e.getMessage(), e);
        }
    }

    public static synchronized CompiledPack bundled() {
        if (bundled == null) {
            try {
                bundled = PackCompiler.compile(RulePack.load(BUNDLED));
            } catch (Exception e) {
                throw new IllegalStateException("the bundled pack does not load: " + e.getMessage(), e);
            }
        }
        return bundled;
    }
}
