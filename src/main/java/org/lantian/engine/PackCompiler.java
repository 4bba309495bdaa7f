package org.lantian.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.KieBuilderImpl;
import org.drools.model.codegen.ExecutableModelProject;
import org.drools.modelcompiler.CanonicalKieModule;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a pack's DRL files into a KieBase and checks that every rule names a measure of the ledger.
 * Drools builds the pack as an executable model (the rules as Java classes), a kjar that loads again
 * without compiling; {@link #compile(RulePack)} keeps it in the {@link PackCache}, so only the first run
 * after a change to the pack (or to Lantian) compiles.
 */
public final class PackCompiler {
    private static final Logger LOG = LoggerFactory.getLogger(PackCompiler.class);
    /** Where KieFileSystem looks for rules; DRL written anywhere else is silently ignored. */
    private static final String RESOURCES = "src/main/resources/lantian/";
    /** How many times this process compiled DRL (tests tell a cache hit from a rebuild by it). */
    static final AtomicInteger BUILDS = new AtomicInteger();

    private PackCompiler() {
    }

    /** The pack from the shared cache when an entry for its exact files is there, else compiled and cached. */
    public static CompiledPack compile(RulePack pack) throws PackException {
        return compile(pack, PackCache.standard().orElse(null));
    }

    /** As {@link #compile(RulePack)} with a given cache ({@code null}: none). */
    public static CompiledPack compile(RulePack pack, PackCache cache) throws PackException {
        if (cache == null) return compileFresh(pack);
        String key = PackCache.key(pack);
        Optional<PackCache.Entry> entry = cache.read(key);
        if (entry.isPresent()) {
            try {
                return load(pack, key, cache.kjar(key), PackIndex.fromJson(entry.get().body()));
            } catch (PackException e) {
                throw e;
            } catch (Exception | LinkageError e) {
                LOG.warn("pack cache entry {} does not load ({}); compiling the pack again", cache.kjar(key), e.toString());
                cache.discard(key);
            }
        }
        Built built = build(pack, key);
        try {
            cache.write(key, built.kjar(), PackCache.Entry.header(key, built.kjar()) + built.pack().index().toJson());
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not write the pack cache in {} ({}); the next start compiles again", cache.dir(), e.toString());
        }
        return built.pack();
    }

    /** Compiles the pack without reading or writing any cache. */
    public static CompiledPack compileFresh(RulePack pack) throws PackException {
        return build(pack, PackCache.key(pack)).pack();
    }

    /** Appended to a decision table's name for the DRL made of it, so that Drools compiles it as DRL. */
    private static final String TABLE_DRL = ".drl";

    private static String drlName(RulePack.RuleFile f) {
        return f.name().endsWith(".drl") ? f.name() : f.name() + TABLE_DRL;
    }

    private record Built(CompiledPack pack, byte[] kjar) {
    }

    private static Built build(RulePack pack, String key) throws PackException {
        BUILDS.incrementAndGet();
        PackIndex index = PackIndex.of(pack.ruleFiles());
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId id = releaseId(ks, key);
        kfs.generateAndWritePomXML(id);
        List<RulePack.RuleFile> files = pack.ruleFiles();
        for (RulePack.RuleFile f : files) kfs.write(RESOURCES + drlName(f), f.drl());
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(ExecutableModelProject.class);
        List<String> errors = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(Message.Level.ERROR)) {
            String file = m.getPath() == null ? "?" : pack.dir().resolve(m.getPath().replace(RESOURCES, "")).toString();
            if (file.endsWith(".xlsx" + TABLE_DRL) || file.endsWith(".drt" + TABLE_DRL)) {  // DRL Drools made of a table or template: say so
                file = file.substring(0, file.length() - TABLE_DRL.length());
                errors.add(file + ": " + m.getText().strip() + " (in the DRL made of the " + (file.endsWith(".drt") ? "template" : "table")
                        + ", line " + m.getLine() + ")");
                continue;
            }
            errors.add(file + ":" + m.getLine() + ": " + m.getText().strip());
        }
        if (!errors.isEmpty()) throw new PackException(errors);
        byte[] kjar = ((InternalKieModule) builder.getKieModule()).getBytes();
        KieBase base;
        try {
            base = ks.newKieContainer(id).getKieBase();
        } finally {
            ks.getRepository().removeKieModule(id);
        }
        return new Built(pack(pack, base, index), kjar);
    }

    /**
     * A KieBase from an executable-model kjar: its classes are loaded, nothing is compiled. Drools reads the
     * file as a zip, entry by entry as it needs them.
     */
    private static CompiledPack load(RulePack pack, String key, Path kjar, PackIndex index) throws PackException {
        KieServices ks = KieServices.Factory.get();
        ReleaseId id = releaseId(ks, key);
        KieModuleModel model = ks.newKieModuleModel();
        KieBuilderImpl.setDefaultsforEmptyKieModule(model);
        InternalKieModule module = new CanonicalKieModule(id, model, kjar.toFile());
        ks.getRepository().addKieModule(module);
        try {
            return pack(pack, ks.newKieContainer(id).getKieBase(), index);
        } finally {
            ks.getRepository().removeKieModule(id);
        }
    }

    /** The kjar's Maven coordinates; the version is the cache key, so one pack's build is one module. */
    private static ReleaseId releaseId(KieServices ks, String key) {
        return ks.newReleaseId("org.lantian.pack", "pack", "1.0.0-" + key.substring(0, 16));
    }

    private static CompiledPack pack(RulePack pack, KieBase base, PackIndex index) throws PackException {
        List<String> errors = new ArrayList<>();
        List<RuleInfo> rules = rules(pack, base, index.files(), errors);
        if (!errors.isEmpty()) throw new PackException(errors);
        return new CompiledPack(pack, base, rules, hash(pack), index);
    }

    private static List<RuleInfo> rules(RulePack pack, KieBase base, Map<String, String> files, List<String> errors) {
        List<RuleInfo> rules = new ArrayList<>();
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
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
                rules.add(new RuleInfo(r.getName(), measure, files.getOrDefault(r.getName(), ""),
                        r.getMetaData().containsKey("advisory")));
            }
        }
        rules.sort(java.util.Comparator.comparingInt(RuleInfo::measure).thenComparing(RuleInfo::id));
        return rules;
    }

    /** A content hash of the ledger file, the DRL files and the decision tables: which rules produced a report. */
    private static String hash(RulePack pack) throws PackException {
        MessageDigest digest = PackCache.sha256();
        digest.update(RulePack.read(pack.dir().resolve(RulePack.LEDGER_FILE)).getBytes(StandardCharsets.UTF_8));
        for (byte[] file : pack.ruleBytes()) digest.update(file);
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }
}
