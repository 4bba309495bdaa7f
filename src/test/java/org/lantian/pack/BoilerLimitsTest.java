package org.lantian.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lantian.TestPacks;
import org.lantian.domain.Status;
import org.lantian.domain.facts.Boiler;
import org.lantian.domain.facts.EmissionTest;
import org.lantian.domain.facts.Fuel;
import org.lantian.domain.facts.SourceType;

/** Measure 26's limits as the bundled ledger sets them (coal 30/200/200, ultra-low 10/35/50 from 65 t/h, gas NOx 50 in the main urban area). */
class BoilerLimitsTest {
    private static final Ledger LEDGER = TestPacks.ledger();

    private static Boiler boiler(Fuel fuel, Double tph, Boolean mainUrban) {
        return new Boiler("GL-1", "owner", "东街街道", fuel, tph, null, null, mainUrban, null);
    }

    private static EmissionTest test(Fuel fuel, Double pm, Double so2, Double nox) {
        return new EmissionTest("GL-1", SourceType.BOILER, fuel, LocalDate.of(2022, 8, 10), pm, so2, nox, null);
    }

    @Test
    void coalLimitsDependOnCapacityAndAreTwoWhenItIsUnknown() {
        assertEquals(new BoilerLimits.Limits(10, 10), BoilerLimits.limits(LEDGER, Fuel.COAL, boiler(Fuel.COAL, 65.0, null), "pm"));
        assertEquals(new BoilerLimits.Limits(30, 30), BoilerLimits.limits(LEDGER, Fuel.COAL, boiler(Fuel.COAL, 64.9, null), "pm"));
        assertEquals(new BoilerLimits.Limits(10, 30), BoilerLimits.limits(LEDGER, Fuel.COAL, boiler(Fuel.COAL, null, null), "pm"));
        assertEquals(new BoilerLimits.Limits(10, 30), BoilerLimits.limits(LEDGER, Fuel.COAL, null, "pm"), "no registered boiler");
    }

    @Test
    void gasNoxIsTheLowNoxValueInTheMainUrbanAreaOnly() {
        assertEquals(new BoilerLimits.Limits(50, 50), BoilerLimits.limits(LEDGER, Fuel.GAS, boiler(Fuel.GAS, 2.0, true), "nox"));
        assertEquals(new BoilerLimits.Limits(150, 150), BoilerLimits.limits(LEDGER, Fuel.GAS, boiler(Fuel.GAS, 2.0, false), "nox"));
        assertEquals(new BoilerLimits.Limits(50, 150), BoilerLimits.limits(LEDGER, Fuel.GAS, boiler(Fuel.GAS, 2.0, null), "nox"));
        assertEquals(new BoilerLimits.Limits(20, 20), BoilerLimits.limits(LEDGER, Fuel.GAS, boiler(Fuel.GAS, 2.0, null), "pm"));
        assertNull(BoilerLimits.limits(LEDGER, Fuel.ELECTRIC, null, "pm"), "an electric boiler has no stack");
    }

    @Test
    void aTestPassesOnlyWithEveryValueWithinTheStricterLimit() {
        Boiler unknownSize = boiler(Fuel.COAL, null, null);
        assertEquals(Boolean.TRUE, BoilerLimits.passed(LEDGER, Fuel.COAL, unknownSize, 10.0, 35.0, 50.0));
        assertNull(BoilerLimits.passed(LEDGER, Fuel.COAL, unknownSize, 20.0, 35.0, 50.0), "between the two limits");
        assertNull(BoilerLimits.passed(LEDGER, Fuel.COAL, unknownSize, 10.0, null, 50.0), "a value missing");
        assertEquals(Boolean.FALSE, BoilerLimits.passed(LEDGER, Fuel.COAL, unknownSize, 30.1, null, null), "above the laxer fails at once");
        assertNull(BoilerLimits.passed(LEDGER, null, unknownSize, 1.0, 1.0, 1.0), "fuel unknown");
        assertEquals(Boolean.TRUE, BoilerLimits.passed(LEDGER, Fuel.ELECTRIC, null, null, null, null));
    }

    @Test
    void theTestsFuelComesBeforeTheRegisters() {
        assertEquals(Fuel.GAS, BoilerLimits.fuel(test(Fuel.GAS, null, null, null), boiler(Fuel.COAL, null, null)));
        assertEquals(Fuel.COAL, BoilerLimits.fuel(test(null, null, null, null), boiler(Fuel.COAL, null, null)));
        assertNull(BoilerLimits.fuel(test(null, null, null, null), null));
    }

    @Test
    void aJudgementSaysStatusObservedAndTarget() {
        List<Boiler> small = List.of(boiler(Fuel.COAL, 10.0, null));
        BoilerLimits.Judgement pass = BoilerLimits.judge(LEDGER, test(null, 30.0, null, null), small, "pm", 30.0, "颗粒物", "PM");
        assertEquals(new BoilerLimits.Judgement(Status.PASS, 30.0, 30.0, "燃煤锅炉颗粒物 {observed} mg/m³，限值 {target} mg/m³",
                "coal-fired boiler PM {observed} mg/m³, limit {target} mg/m³"), withZhFuel(pass));
        assertEquals(Status.FAIL, BoilerLimits.judge(LEDGER, test(null, 30.5, null, null), small, "pm", 30.5, "颗粒物", "PM").status());
        assertEquals(Status.NO_DATA, BoilerLimits.judge(LEDGER, test(null, null, null, null), small, "pm", null, "颗粒物", "PM").status());
        assertEquals(Status.NOT_APPLICABLE, BoilerLimits.judge(LEDGER, test(Fuel.ELECTRIC, 1.0, null, null), List.of(), "pm", 1.0, "颗粒物", "PM").status());
        BoilerLimits.Judgement between = BoilerLimits.judge(LEDGER, test(Fuel.COAL, 20.0, null, null), List.of(), "pm", 20.0, "颗粒物", "PM");
        assertEquals(Status.NO_DATA, between.status());
        assertEquals(10.0, between.target());
        assertEquals("PM {observed} mg/m³; the limit is 10 or 30 mg/m³ depending on the boiler's capacity or area, which were not reported",
                between.en());
    }

    /** The Chinese fuel word is the pack's wording; the test reads it back from the ledger rather than assume it. */
    private static BoilerLimits.Judgement withZhFuel(BoilerLimits.Judgement j) {
        return new BoilerLimits.Judgement(j.status(), j.observed(), j.target(), j.zh().replace(LEDGER.zh(Fuel.COAL), "燃煤"), j.en());
    }
}
