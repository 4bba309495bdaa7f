package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lantian.TestPacks;
import org.lantian.domain.Finding;
import org.lantian.domain.facts.FringeArea;
import org.lantian.domain.facts.PileInspection;
import org.lantian.domain.facts.PileKind;

/** Every unit of a finding is named once, by the pack's list of units, whatever name the ledger or a fact used. */
class UnitNamesTest {
    @Test
    void aUnitGoesByOneNameInFindings() {
        // Measure 36's ledger units say 开发区街道办事处; the pile's town is written 开发区街道办事处 too.
        List<Finding> findings = TestPacks.bundled().evaluate(List.of(
                new PileInspection("DC-KFQ-1", FringeArea.SOUTHEAST, "开发区街道办事处", PileKind.SOIL, false, LocalDate.of(2022, 8, 1))),
                LocalDate.of(2022, 8, 16));
        Finding f = findings.stream().filter(x -> x.rule().equals("36-pile-cleared")).findFirst().orElseThrow();
        assertEquals(List.of("南村镇", "西上庄街道", "钟家庄街道", "开发区街道"), f.units());
        assertTrue(f.message().zh().contains("东南片区土堆"), f.message().zh());
    }
}
