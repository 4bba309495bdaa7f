package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast paths of Check's number texts give exactly what the BigDecimal way gives. */
class CheckNumbersTest {
    private static final double[] EDGES = {0, -0.0, 1, 3.0, 100.0, 12.5, 0.1, 0.95, 0.9300000000000001, 0.30000000000000004,
            1e-4, 1.5e-7, 123456789.125, 1e15, 1e16, 2.5e20, -7.25, 0.12345, 0.99995, 35.0, 0.05};

    @Test
    void plainTextMatchesBigDecimal() {
        Random random = new Random(42);
        for (double d : EDGES) assertPlain(d);
        for (int i = 0; i < 200_000; i++) {
            assertPlain(random.nextDouble() * Math.pow(10, random.nextInt(12) - 4));
            assertPlain(Math.round(random.nextDouble() * 1e6) / Math.pow(10, random.nextInt(7)));
        }
    }

    @Test
    void roundingToFourDecimalsMatchesBigDecimal() {
        Random random = new Random(7);
        for (double d : EDGES) assertRound(d);
        for (int i = 0; i < 200_000; i++) {
            assertRound(random.nextDouble());
            assertRound(random.nextInt(1000) / 1000.0 + random.nextInt(3) / 7.0);
            assertRound(Math.round(random.nextDouble() * 1e4) / 1e4);
        }
    }

    private static void assertPlain(double d) {
        assertEquals(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString(), Check.plain(d), "plain(" + d + ")");
    }

    private static void assertRound(double d) {
        double slow = BigDecimal.valueOf(d).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().doubleValue();
        assertEquals(slow, (Double) Check.round(d), 0.0, "round(" + d + ")");
    }
}
