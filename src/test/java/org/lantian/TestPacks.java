package org.lantian;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.PackCompiler;
import org.lantian.pack.RulePack;

/** The bundled pack, compiled once for the whole test run (compiling takes seconds), and copies of it to edit. */
public final class TestPacks {
    public static final Path BUNDLED = Path.of("rules", "chengqu-2022");
    private static CompiledPack bundled;

    private TestPacks() {
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
