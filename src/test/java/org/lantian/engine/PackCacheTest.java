package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.drools.compiler.kie.builder.impl.DrlProject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.domain.Finding;
import org.lantian.domain.Submission;
import org.lantian.input.FactReader;
import org.lantian.input.Problem;
import org.lantian.pack.RulePack;

/**
 * The compiled-pack cache: a pack loaded from the cache judges exactly as the pack compiled fresh, and as
 * the DRL build Lantian used before the cache (interpreted DRL, no executable model), on every test case
 * and sample; an entry is rebuilt when a pack file changes and when it is corrupt or foreign.
 */
class PackCacheTest {
    @TempDir
    static Path shared;
    private static CompiledPack fresh;
    private static CompiledPack cached;
    private static CompiledPack drl;

    @BeforeAll
    static void compileThreeWays() throws Exception {
        RulePack pack = RulePack.load(TestPacks.BUNDLED);
        PackCache cache = new PackCache(shared.resolve("cache"));
        int before = PackCompiler.BUILDS.get();
        fresh = PackCompiler.compile(pack, cache);
        cached = PackCompiler.compile(pack, cache);
        assertEquals(before + 1, PackCompiler.BUILDS.get(), "the second compile loads the entry the first wrote");
        drl = drlBuild(pack);
    }

    @TestFactory
    Stream<DynamicTest> cachedFreshAndDrlBuildsGiveTheSameFindings() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : RulePack.load(TestPacks.BUNDLED).testFiles()) {
            JsonNode doc = Json.MAPPER.readTree(file.toFile());
            List<Problem> problems = new ArrayList<>();
            List<Fact> facts = new FactReader(org.lantian.TestPacks.ledger()).readFacts(doc.path("facts"), "/facts", problems);
            LocalDate asOf = LocalDate.parse(doc.path("asOf").asText());
            tests.add(same("case " + file.getFileName(), facts, asOf));
        }
        try (Stream<Path> list = Files.list(Path.of("samples", "inspections"))) {
            for (Path file : list.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                Submission s = new FactReader(org.lantian.TestPacks.ledger()).readSubmission(Json.MAPPER.readTree(file.toFile()));
                for (LocalDate asOf : List.of(LocalDate.of(2022, 6, 30), LocalDate.of(2022, 12, 31))) {
                    tests.add(same("sample " + file.getFileName() + " as of " + asOf, s.facts(), asOf));
                }
            }
        }
        assertTrue(tests.size() > 20, "test cases and samples were found");
        return tests.stream();
    }

    private static DynamicTest same(String name, List<Fact> facts, LocalDate asOf) {
        return DynamicTest.dynamicTest(name, () -> {
            List<Finding> expected = drl.evaluate(facts, asOf);
            assertFalse(expected.isEmpty(), name + " has findings");
            assertEquals(expected, fresh.evaluate(facts, asOf), name + ": fresh executable model against the DRL build");
            assertEquals(expected, cached.evaluate(facts, asOf), name + ": cached against the DRL build");
        });
    }

    @Test
    void theCachedPackKnowsItsRulesAsTheFreshOneDoes() {
        assertEquals(fresh.rules(), cached.rules());
        assertEquals(fresh.hash(), cached.hash());
        assertEquals(fresh.index(), cached.index());
        assertTrue(cached.rules().stream().allMatch(r -> r.file().endsWith(".drl") || r.file().endsWith(".xlsx")
                        || r.file().endsWith(".drt")),
                "every rule knows its file (a DRL file, a decision table or a rule template)");
    }

    @Test
    void aChangedDrlOrLedgerIsCompiledAgain(@TempDir Path dir) throws Exception {
        Path packDir = smallPack(dir.resolve("pack"));
        PackCache cache = new PackCache(dir.resolve("cache"));
        List<Fact> facts = List.of(road(2));
        LocalDate asOf = LocalDate.of(2022, 6, 30);

        int builds = PackCompiler.BUILDS.get();
        CompiledPack first = PackCompiler.compile(RulePack.load(packDir), cache);
        assertEquals("swept 2 times", first.evaluate(facts, asOf).get(0).message().en());
        PackCompiler.compile(RulePack.load(packDir), cache);
        assertEquals(builds + 1, PackCompiler.BUILDS.get(), "unchanged: loaded from the cache");

        Path drlFile = packDir.resolve("small.drl");
        Files.writeString(drlFile, Files.readString(drlFile).replace("swept", "cleaned"));
        CompiledPack edited = PackCompiler.compile(RulePack.load(packDir), cache);
        assertEquals(builds + 2, PackCompiler.BUILDS.get(), "a changed DRL file is compiled again");
        assertEquals("cleaned 2 times", edited.evaluate(facts, asOf).get(0).message().en());

        Files.writeString(packDir.resolve(RulePack.LEDGER_FILE), "\n# edited\n", StandardOpenOption.APPEND);
        PackCompiler.compile(RulePack.load(packDir), cache);
        assertEquals(builds + 3, PackCompiler.BUILDS.get(), "a changed ledger.yaml is compiled again");
        PackCompiler.compile(RulePack.load(packDir), cache);
        assertEquals(builds + 3, PackCompiler.BUILDS.get(), "and then loaded from the cache");
    }

    @Test
    void aCorruptOrForeignEntryIsRebuiltNotTrusted(@TempDir Path dir) throws Exception {
        Path packDir = smallPack(dir.resolve("pack"));
        PackCache cache = new PackCache(dir.resolve("cache"));
        RulePack pack = RulePack.load(packDir);
        String key = PackCache.key(pack);
        List<Fact> facts = List.of(road(5));
        LocalDate asOf = LocalDate.of(2022, 6, 30);
        List<Finding> expected = PackCompiler.compile(pack, cache).evaluate(facts, asOf);
        byte[] good = Files.readAllBytes(cache.kjar(key));
        String goodIndex = Files.readString(cache.index(key));

        List<Runnable> damages = List.of(
                () -> write(cache.kjar(key), "not a jar".getBytes(StandardCharsets.UTF_8)),
                () -> write(cache.kjar(key), java.util.Arrays.copyOf(good, good.length / 2)),
                () -> { good[good.length / 3] ^= 0x55; write(cache.kjar(key), good); good[good.length / 3] ^= 0x55; },
                () -> write(cache.index(key), "{}".getBytes(StandardCharsets.UTF_8)),
                // an entry of another key copied in: its header names the other key
                () -> write(cache.index(key), goodIndex.replace(key, "0".repeat(64)).getBytes(StandardCharsets.UTF_8)),
                // garbage whose checksum the index states: it passes the checksum but does not load
                () -> {
                    byte[] junk = "PK\u0003\u0004 junk".getBytes(StandardCharsets.ISO_8859_1);
                    write(cache.kjar(key), junk);
                    write(cache.index(key), (PackCache.Entry.header(key, junk) + goodIndex.lines().skip(3).findFirst().orElseThrow())
                            .getBytes(StandardCharsets.UTF_8));
                });
        for (Runnable damage : damages) {
            damage.run();
            int builds = PackCompiler.BUILDS.get();
            assertEquals(expected, PackCompiler.compile(pack, cache).evaluate(facts, asOf));
            assertEquals(builds + 1, PackCompiler.BUILDS.get(), "a damaged entry is compiled again");
            assertTrue(cache.read(key).isPresent(), "and written whole again");
            int after = PackCompiler.BUILDS.get();
            PackCompiler.compile(pack, cache);
            assertEquals(after, PackCompiler.BUILDS.get(), "the rewritten entry loads");
        }
    }

    @Test
    void theKeyCoversFileNamesAndContent(@TempDir Path dir) throws Exception {
        Path packDir = smallPack(dir.resolve("pack"));
        String key = PackCache.key(RulePack.load(packDir));
        assertEquals(key, PackCache.key(RulePack.load(packDir)));
        Files.move(packDir.resolve("small.drl"), packDir.resolve("renamed.drl"));
        assertNotEquals(key, PackCache.key(RulePack.load(packDir)));
    }

    @Test
    void onlyTheMostRecentlyWrittenEntriesAreKept(@TempDir Path dir) throws Exception {
        PackCache cache = new PackCache(dir);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < PackCache.KEEP + 5; i++) {
            String key = String.format("%064x", i);
            keys.add(key);
            cache.write(key, new byte[] {(byte) i}, PackCache.Entry.header(key, new byte[] {(byte) i}));
            Files.setLastModifiedTime(cache.index(key), java.nio.file.attribute.FileTime.fromMillis(1_000_000L * (i + 1)));
        }
        for (int i = 0; i < keys.size(); i++) {
            boolean kept = i >= keys.size() - PackCache.KEEP;
            assertEquals(kept, Files.exists(cache.index(keys.get(i))), "entry " + i);
            assertEquals(kept, Files.exists(cache.kjar(keys.get(i))), "kjar " + i);
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Fact road(int sweeps) throws IOException {
        List<Problem> problems = new ArrayList<>();
        List<Fact> facts = new FactReader(org.lantian.TestPacks.ledger()).readFacts(Json.MAPPER.readTree("""
                [{"type": "RoadCleaning", "road": "R-1", "roadClass": "MAIN", "town": "北街街道", "date": "2022-06-30", "sweeps": %d}]
                """.formatted(sweeps)), "/facts", problems);
        assertEquals(List.of(), problems);
        return facts.get(0);
    }

    /** The bundled ledger with one small DRL file of our own, so that recompiling takes seconds. */
    private static Path smallPack(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(TestPacks.BUNDLED.resolve(RulePack.LEDGER_FILE), dir.resolve(RulePack.LEDGER_FILE));
        Files.writeString(dir.resolve("small.drl"), """
                package lantian.test;
                import org.lantian.domain.facts.*;
                global org.lantian.engine.FindingCollector findings;

                rule "13-test-sweeps"
                    @measure(13)
                when
                    $r : RoadCleaning(roadClass == RoadClass.MAIN)
                then
                    findings.about(kcontext, $r).atLeastValue($r.sweeps(), 3).say("清扫 {observed} 次", "swept {observed} times");
                end
                """);
        return dir;
    }

    /** The pack as Lantian compiled it before the cache: DRL built by Drools' classic (non-executable-model) builder. */
    private static CompiledPack drlBuild(RulePack pack) throws Exception {
        KieServices ks = KieServices.Factory.get();
        KieFileSystem kfs = ks.newKieFileSystem();
        ReleaseId id = ks.newReleaseId("org.lantian.test", "drl-build", "1.0.0");
        kfs.generateAndWritePomXML(id);
        for (RulePack.RuleFile f : pack.ruleFiles()) kfs.write("src/main/resources/lantian/" + f.name() + ".drl", f.drl());
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(DrlProject.class);
        assertTrue(builder.getResults().getMessages(Message.Level.ERROR).isEmpty(), builder.getResults().toString());
        KieBase base = ks.newKieContainer(id).getKieBase();
        return new CompiledPack(pack, base, fresh.rules(), fresh.hash(), PackIndex.of(pack.ruleFiles()));
    }
}
