package org.lantian.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** townOf gives the first town accumulated, a Town without a name when none was, and never null. */
class TownOfTest {
    private final TownOf townOf = new TownOf();

    @Test
    void noFactGivesATownWithoutAName() throws Exception {
        TownOf.Towns towns = townOf.createContext();
        townOf.init(towns);
        assertEquals(new TownOf.Town(null), townOf.getResult(towns), "a result, so the rule still fires");
    }

    @Test
    void theFirstTownAccumulatedAndTheNextOnceItIsRetracted() throws Exception {
        TownOf.Towns towns = townOf.createContext();
        townOf.init(towns);
        townOf.accumulate(towns, "东街街道");
        townOf.accumulate(towns, "西街街道");
        assertEquals("东街街道", ((TownOf.Town) townOf.getResult(towns)).name());
        assertTrue(townOf.supportsReverse());
        townOf.reverse(towns, "东街街道");
        assertEquals("西街街道", ((TownOf.Town) townOf.getResult(towns)).name());
    }

    @Test
    void aFactWithoutATownGivesNone() throws Exception {
        TownOf.Towns towns = townOf.createContext();
        townOf.init(towns);
        townOf.accumulate(towns, null);
        assertEquals(new TownOf.Town(null), townOf.getResult(towns));
    }
}
