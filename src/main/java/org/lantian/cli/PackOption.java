package org.lantian.cli;

import java.nio.file.Path;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.PackCompiler;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;
import picocli.CommandLine.Option;

/** The {@code --rules DIR} option every command shares; the bundled pack when absent. */
public final class PackOption {
    @Option(names = "--rules", paramLabel = "DIR", description = "Rule pack folder (default: the bundled chengqu-2022).")
    Path rules;

    public Path dir() {
        return rules != null ? rules : defaultPack();
    }

    public static Path defaultPack() {
        return Path.of(System.getProperty("lantian.home", ".")).resolve("rules").resolve("chengqu-2022");
    }

    public CompiledPack compile() throws PackException {
        return PackCompiler.compile(RulePack.load(dir()));
    }
}
