package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.TestPacks;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;

/**
 * Drools' truth maintenance (drools-tms) is left off the classpath (pom.xml): no rule of a pack may insert
 * logically, and a pack that tries is refused when it is compiled, saying so, rather than failing on a night.
 */
class NoTruthMaintenanceTest {
    @Test
    void aPackWithInsertLogicalIsRefusedWhenCompiled(@TempDir Path tmp) throws Exception {
        Path pack = TestPacks.copyOfBundled(tmp);
        Files.writeString(pack.resolve("99-logical.drl"), """
                package lantian.chengqu;
                import org.lantian.domain.facts.*;
                rule "33-logical"
                    @measure(33)
                when
                    $r : Restaurant()
                then
                    insertLogical(new java.util.ArrayList());
                end
                """);
        PackException e = assertThrows(PackException.class, () -> PackCompiler.compile(RulePack.load(pack)));
        assertTrue(String.join("\n", e.errors()).contains("Truth Maintenance System"), e.errors().toString());
    }
}
