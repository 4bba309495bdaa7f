package org.lantian;

import java.nio.file.Path;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.PackCompiler;
import org.lantian.pack.RulePack;

/** The bundled pack, compiled once for the whole test run (compiling takes seconds). */
public final class TestPacks {
    public static final Path BUNDLED = Path.of("rules", "chengqu-2022");
    private static CompiledPack bundled;

    private TestPacks() {
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
