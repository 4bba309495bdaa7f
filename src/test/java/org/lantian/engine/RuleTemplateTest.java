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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.TestPacks;
import org.lantian.domain.Finding;
import org.lantian.domain.Status;
import org.lantian.domain.facts.ConstructionSite;
import org.lantian.domain.facts.SiteKind;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;

/**
 * A pack's rule templates (*.drt with the rows of the workbook of the same name) are rules like its DRL: each
 * row's rule carries its measure and names the template as its file; its named consequence keeps the rule's id;
 * an edited row changes the pack's cache key and is judged after the next compile; a template without its rows,
 * or a row that breaks the rule, is refused naming the template.
 */
class RuleTemplateTest {
    private static final String TEMPLATE = "03-dust-site-conditions.drt";
    private static final String ROWS = "03-dust-site-conditions.xlsx";

    @TempDir
    Path tmp;

    @Test
    void templateRulesCarryTheirMeasureFileAndReads() {
        CompiledPack pack = TestPacks.bundled();
        RuleInfo refusal = pack.rules().stream().filter(r -> r.id().equals("12-refusal-reported")).findFirst().orElseThrow();
        assertEquals(12, refusal.measure());
        assertEquals(TEMPLATE, refusal.file());
        RuleInfo alert = pack.rules().stream().filter(r -> r.id().equals("41-alert-day-reduction")).findFirst().orElseThrow();
        assertEquals(41, alert.measure());
        assertEquals("01-industry-alert-caps.drt", alert.file());
        assertEquals(List.of("rectificationRefused", "refusalReported"), pack.index().reads("12-refusal-reported", "ConstructionSite"),
                "the field of the branch condition and the item bound by the row are read for evidence");
    }

    @Test
    void theNamedConsequenceSaysTheFindingUnderTheRulesId() {
        List<Finding> findings = TestPacks.bundled().evaluate(List.of(site(false, null), site(true, true)), LocalDate.of(2022, 6, 30));
        Finding none = refusalOf(findings, "CQ-T-1");
        assertEquals(Status.NOT_APPLICABLE, none.status());
        assertEquals("无拒不整改情形", none.message().zh());
        assertEquals(Status.PASS, refusalOf(findings, "CQ-T-2").status());
    }

    @Test
    void anEditedRowIsJudgedAfterTheNextCompileAndChangesTheCacheKey() throws Exception {
        Path dir = TestPacks.copyOfBundled(tmp.resolve("pack"));
        PackCache cache = new PackCache(tmp.resolve("cache"));
        RulePack before = RulePack.load(dir);
        String key = PackCache.key(before);
        PackCompiler.compile(before, cache);

        TestPacks.editCell(dir.resolve(ROWS), "无拒不整改情形", "无拒不整改情形（已改）");
        RulePack after = RulePack.load(dir);
        assertNotEquals(key, PackCache.key(after), "the cache key covers a template's rows");
        List<Finding> findings = PackCompiler.compile(after, cache).evaluate(List.of(site(false, null)), LocalDate.of(2022, 6, 30));
        assertEquals("无拒不整改情形（已改）", refusalOf(findings, "CQ-T-1").message().zh());
    }

    @Test
    void aTemplateWithoutItsRowsIsRefusedNamingIt() throws IOException {
        Path dir = TestPacks.copyOfBundled(tmp.resolve("pack"));
        Files.delete(dir.resolve(ROWS));
        PackException e = assertThrows(PackException.class, () -> PackCompiler.compileFresh(RulePack.load(dir)));
        assertTrue(e.getMessage().contains(TEMPLATE) && e.getMessage().contains(ROWS), e.getMessage());
    }

    @Test
    void aRowThatBreaksTheRuleIsRefusedNamingTheTemplate() throws IOException {
        Path dir = TestPacks.copyOfBundled(tmp.resolve("pack"));
        TestPacks.editCell(dir.resolve(ROWS), "$item : refusalReported", "$item : refusalReporte");
        PackException e = assertThrows(PackException.class, () -> PackCompiler.compileFresh(RulePack.load(dir)));
        assertTrue(e.getMessage().contains(TEMPLATE + ": "), e.getMessage());
    }

    private static ConstructionSite site(Boolean refused, Boolean reported) {
        String id = refused ? "CQ-T-2" : "CQ-T-1";
        return new ConstructionSite(id, "Test", "东街街道", SiteKind.BUILDING, LocalDate.of(2022, 6, 30),
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, refused, reported);
    }

    private static Finding refusalOf(List<Finding> findings, String site) {
        return findings.stream().filter(f -> f.rule().equals("12-refusal-reported") && f.subject().equals(site)).findFirst().orElseThrow();
    }
}
