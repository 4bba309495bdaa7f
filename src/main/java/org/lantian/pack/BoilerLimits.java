package org.lantian.pack;

import java.math.BigDecimal;
import java.util.List;
import org.lantian.domain.Status;
import org.lantian.domain.facts.Boiler;
import org.lantian.domain.facts.EmissionTest;
import org.lantian.domain.facts.Fuel;

/**
 * Measure 26's boiler emission limits, read from the ledger's targets of measure 26: {@code <fuel>.<pollutant>MgM3}
 * (biomass has its own entries), {@code coalUltraLow.<pollutant>MgM3} from {@code coalUltraLowMinTph} up, and
 * {@code gasBoilerNoxMgM3} for gas boilers' NOx (in the main urban area only when {@code lowNoxMainUrbanOnly}).
 * When the capacity or area a limit depends on is not reported, a test has two limits: the stricter and the
 * laxer. The pack's rules (06-boilers.drl) say the findings; this class only computes, and writes none.
 */
public final class BoilerLimits {
    /** Tolerance for comparing a measured value with a limit read from YAML. */
    private static final double EPSILON = 1e-9;

    private BoilerLimits() {
    }

    /** The stricter and the laxer limit of one pollutant; equal when the boiler's capacity and area are known. */
    public record Limits(double stricter, double laxer) {
        static Limits of(double limit) {
            return new Limits(limit, limit);
        }

        static Limits between(double a, double b) {
            return new Limits(Math.min(a, b), Math.max(a, b));
        }
    }

    /** What a test of one pollutant comes to: a status, the observed value and target the finding shows, its messages. */
    public record Judgement(Status status, Double observed, Double target, String zh, String en) {
    }

    /** The fuel of a tested boiler: as the test reports it, else as the register does; null when neither does. */
    public static Fuel fuel(EmissionTest test, Boiler boiler) {
        if (test.fuel() != null) return test.fuel();
        return boiler == null ? null : boiler.fuel();
    }

    /** A fuel's name in English messages (the Chinese wording is the pack's: {@code ledger.zh}). */
    public static String fuelEn(Fuel fuel) {
        return switch (fuel) {
            case COAL -> "coal-fired";
            case GAS -> "gas-fired";
            case OIL -> "oil-fired";
            case ALCOHOL -> "alcohol-fuelled";
            case BIOMASS -> "biomass";
            case ELECTRIC -> "electric";
        };
    }

    /** A number as people write it: 4, 0.5, 35 (not 4.0, 35.0); "—" when there is none. */
    public static String num(Double n) {
        return n == null ? "—" : BigDecimal.valueOf(n).stripTrailingZeros().toPlainString();
    }

    /** The limits of one pollutant ("pm", "so2", "nox") for a boiler burning {@code fuel}; null for an electric boiler. */
    public static Limits limits(Ledger ledger, Fuel fuel, Boiler boiler, String pollutant) {
        if (fuel == Fuel.ELECTRIC) return null;
        String key = pollutant + "MgM3";
        double base = ledger.num(26, fuel.name().toLowerCase() + "." + key);
        if (fuel == Fuel.COAL) {
            double ultraLow = ledger.num(26, "coalUltraLow." + key);
            Double tph = boiler == null ? null : boiler.capacityTph();
            if (tph == null) return Limits.between(ultraLow, base);
            return Limits.of(tph >= ledger.num(26, "coalUltraLowMinTph") ? ultraLow : base);
        }
        if (fuel == Fuel.GAS && pollutant.equals("nox")) {
            double lowNox = ledger.num(26, "gasBoilerNoxMgM3");
            Boolean mainUrban = boiler == null ? null : boiler.mainUrbanArea();
            if (!ledger.bool(26, "lowNoxMainUrbanOnly") || Boolean.TRUE.equals(mainUrban)) return Limits.of(lowNox);
            if (mainUrban == null) return Limits.between(lowNox, base);
        }
        return Limits.of(base);
    }

    /**
     * Whether a test met every limit: FALSE when a measured value is above its laxer limit, TRUE when all three
     * were measured within their stricter limits, null otherwise (fuel unknown, a value missing or between).
     */
    public static Boolean passed(Ledger ledger, Fuel fuel, Boiler boiler, Double pm, Double so2, Double nox) {
        if (fuel == null) return null;
        if (fuel == Fuel.ELECTRIC) return Boolean.TRUE;
        List<String> pollutants = List.of("pm", "so2", "nox");
        Double[] values = {pm, so2, nox};
        boolean allWithin = true;
        for (int i = 0; i < 3; i++) {
            Limits limits = limits(ledger, fuel, boiler, pollutants.get(i));
            if (values[i] == null) allWithin = false;
            else if (values[i] > limits.laxer() + EPSILON) return Boolean.FALSE;
            else if (values[i] > limits.stricter() + EPSILON) allWithin = false;
        }
        return allWithin ? Boolean.TRUE : null;
    }

    /**
     * One pollutant of one boiler test against its limit. {@code boilers} are the registered boilers whose id is
     * the test's source (the first is used); {@code zh}, {@code en} name the pollutant in messages, which the rule
     * prefixes with the test's day.
     */
    public static Judgement judge(Ledger ledger, EmissionTest test, List<?> boilers, String pollutant, Double observed,
                                  String zh, String en) {
        Boiler boiler = boilers.isEmpty() ? null : (Boiler) boilers.get(0);
        Fuel fuel = fuel(test, boiler);
        String when = "";
        String of = "";
        if (fuel == null) {
            return new Judgement(Status.NO_DATA, observed, null, when + "监测未报告锅炉燃料，无法确定" + zh + "限值",
                    of + "boiler fuel not reported, so the " + en + " limit is unknown");
        }
        Limits limits = limits(ledger, fuel, boiler, pollutant);
        if (limits == null) {
            return new Judgement(Status.NOT_APPLICABLE, observed, null, when + "电锅炉无排放限值",
                    of + "an electric boiler has no emission limit");
        }
        if (observed == null) {
            return new Judgement(Status.NO_DATA, null, limits.stricter(), when + "监测未报告" + zh + "浓度", of + en + " not reported");
        }
        if (observed <= limits.stricter() + EPSILON) {
            return new Judgement(Status.PASS, observed, limits.stricter(),
                    when + ledger.zh(fuel) + "锅炉" + zh + " {observed} mg/m³，限值 {target} mg/m³",
                    of + fuelEn(fuel) + " boiler " + en + " {observed} mg/m³, limit {target} mg/m³");
        }
        if (observed > limits.laxer() + EPSILON) {
            return new Judgement(Status.FAIL, observed, limits.laxer(),
                    when + ledger.zh(fuel) + "锅炉" + zh + " {observed} mg/m³，超过限值 {target} mg/m³",
                    of + fuelEn(fuel) + " boiler " + en + " {observed} mg/m³, above the limit of {target} mg/m³");
        }
        String either = num(limits.stricter()) + " 或 " + num(limits.laxer());
        return new Judgement(Status.NO_DATA, observed, limits.stricter(),
                when + zh + " {observed} mg/m³，限值 " + either + " mg/m³，取决于未报告的锅炉容量或是否位于主城区",
                of + en + " {observed} mg/m³; the limit is " + num(limits.stricter()) + " or " + num(limits.laxer())
                        + " mg/m³ depending on the boiler's capacity or area, which were not reported");
    }
}
