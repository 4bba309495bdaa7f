package org.lantian.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;

/** Compiles a pack's DRL files into a KieBase and checks that every rule names a measure of the ledger. */
public final class PackCompiler {
    /** Where KieFileSystem looks for rules; DRL written anywhere else is silently ignored. */
    private static final String RESOURCES = "src/main/resources/lantian/";
    private static final AtomicInteger BUILDS = new AtomicInteger();

    private PackCompiler() {
    }

    public static CompiledPack compile(RulePack pack) throws PackException {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        // A fresh release id per build, so that a reloaded pack never collides with the one in use.
        ReleaseId id = ks.newReleaseId("org.lantian.pack", pack.name(), "1.0." + BUILDS.incrementAndGet());
        kfs.generateAndWritePomXML(id);
        MessageDigest digest = sha256();
        digest.update(RulePack.read(pack.dir().resolve(RulePack.LEDGER_FILE)).getBytes(StandardCharsets.UTF_8));
        for (Path drl : pack.drlFiles()) {
            String text = RulePack.read(drl);
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            kfs.write(RESOURCES + drl.getFileName(), text);
        }
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<String> errors = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String file = m.getPath() == null ? "?" : pack.dir().resolve(m.getPath().replace(RESOURCES, "")).toString();
            errors.add(file + ":" + m.getLine() + ": " + m.getText().strip());
        }
        if (!errors.isEmpty()) throw new PackException(errors);
        KieBase base = ks.newKieContainer(id).getKieBase();
        List<RuleInfo> rules = rules(pack, base, errors);
        if (!errors.isEmpty()) throw new PackException(errors);
        return new CompiledPack(pack, base, rules, HexFormat.of().formatHex(digest.digest()).substring(0, 16));
    }

    private static List<RuleInfo> rules(RulePack pack, KieBase base, List<String> errors) {
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
                String file = sourceFile(r);
                int measure;
                try {
                    measure = FindingCollector.measureOf(r);
                } catch (RuntimeException e) {
                    errors.add("rule \"" + r.getName() + "\": needs @measure(N) metadata naming its ledger measure");
                    continue;
                }
                if (!pack.ledger().hasMeasure(measure)) {
                    errors.add("rule \"" + r.getName() + "\": @measure(" + measure + ") is not a measure of the ledger");
                } else if (!r.getName().startsWith(measure + "-")) {
                    errors.add("rule \"" + r.getName() + "\": its id must start with its measure, \"" + measure + "-\"");
                }
                rules.add(new RuleInfo(r.getName(), measure, file, r.getMetaData().containsKey("advisory")));
            }
        }
        rules.sort(java.util.Comparator.comparingInt(RuleInfo::measure).thenComparing(RuleInfo::id));
        return rules;
    }

    /** The DRL file a rule came from, as named in the pack ("03-dust.drl"). */
    private static String sourceFile(Rule rule) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            String path = impl.getResource().getSourcePath();
            return path.substring(path.lastIndexOf('/') + 1);
        }
        return "";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
