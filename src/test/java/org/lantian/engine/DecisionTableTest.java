package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.definition.rule.Rule;
import org.lantian.TestPacks;
import org.lantian.domain.Finding;
import org.lantian.domain.facts.ConstructionSite;
import org.lantian.domain.facts.SiteKind;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;

/**
 * A pack's decision tables (*.xlsx) are rules like its DRL: their rules carry their measure as metadata and
 * name the workbook as their file; an edited cell changes the pack's hash and cache key, so the next compile
 * (a start, a reload) judges with the edit; a workbook Drools cannot read is refused naming the file.
 */
class DecisionTableTest {
    private static final String TABLE = "03-dust-sites.xlsx";

    @TempDir
    Path tmp;

    @Test
    void tableRulesCarryTheirMeasureAndFile() {
        CompiledPack pack = TestPacks.bundled();
        RuleInfo leader = pack.rules().stream().filter(r -> r.id().equals("10-fixed-leader")).findFirst().orElseThrow();
        assertEquals(10, leader.measure());
        assertEquals(TABLE, leader.file());
        Rule rule = pack.base().getRule("lantian.chengqu", "12-hoarding");
        assertEquals(Map.of("measure", 12), Map.copyOf(rule.getMetaData()));
        assertEquals(List.of("kind", "fixedLeader"), pack.index().reads("10-fixed-leader", "ConstructionSite"),
                "a table's conditions and actions are read for evidence as DRL's are");
    }

    @Test
    void anEditedCellIsJudgedAfterTheNextCompileAndChangesTheCacheKey() throws Exception {
        Path dir = TestPacks.copyOfBundled(tmp.resolve("pack"));
        PackCache cache = new PackCache(tmp.resolve("cache"));
        RulePack before = RulePack.load(dir);
        String key = PackCache.key(before);
        String hash = PackCompiler.compile(before, cache).hash();

        TestPacks.editCell(dir.resolve(TABLE), "周边围挡：{observed}", "周边围挡（已改）：{observed}");
        RulePack after = RulePack.load(dir);
        assertNotEquals(key, PackCache.key(after), "the cache key covers the tables");
        CompiledPack edited = PackCompiler.compile(after, cache);
        assertNotEquals(hash, edited.hash(), "the pack's hash covers the tables");
        Finding hoarding = hoardingOf(edited);
        assertEquals("周边围挡（已改）：是", hoarding.message().zh());
        assertEquals(hoarding, hoardingOf(PackCompiler.compile(RulePack.load(dir), cache)), "the edit, loaded from the cache");
    }

    @Test
    void aWorkbookThatIsNotADecisionTableIsRefusedNamingIt() throws IOException {
        Path dir = TestPacks.copyOfBundled(tmp.resolve("pack"));
        Files.write(dir.resolve(TABLE), "not a workbook".getBytes());
        PackException e = assertThrows(PackException.class, () -> PackCompiler.compileFresh(RulePack.load(dir)));
        assertTrue(e.getMessage().contains(TABLE), e.getMessage());
    }

    @Test
    void aCellThatBreaksTheRuleIsRefusedNamingTheWorkbook() throws IOException {
        Path dir = TestPacks.copyOfBundled(tmp.resolve("pack"));
        TestPacks.editCell(dir.resolve(TABLE), "hoarding", "hoardin");
        PackException e = assertThrows(PackException.class, () -> PackCompiler.compileFresh(RulePack.load(dir)));
        assertTrue(e.getMessage().contains(TABLE + ": "), e.getMessage());
    }

    private static Finding hoardingOf(CompiledPack pack) {
        ConstructionSite site = new ConstructionSite("CQ-T-1", "Test", "东街街道", SiteKind.BUILDING, LocalDate.of(2022, 6, 30),
                null, null, null, null, null, null, true, null, null, null, null, null, null, null, null, null, null);
        return pack.evaluate(List.of(site), LocalDate.of(2022, 6, 30)).stream()
                .filter(f -> f.rule().equals("12-hoarding")).findFirst().orElseThrow();
    }
}
