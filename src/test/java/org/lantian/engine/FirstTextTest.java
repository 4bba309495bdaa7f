package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** {@code firstText}: the first value still accumulated, in order; null when none is (a partner not reported). */
class FirstTextTest {
    @Test
    void theFirstValueStillThereOrNull() {
        FirstText first = new FirstText();
        FirstText.Values v = first.createContext();
        first.init(v);
        assertNull(first.getResult(v));
        first.accumulate(v, "北街街道");
        first.accumulate(v, "南街街道");
        assertEquals("北街街道", first.getResult(v));
        first.reverse(v, "北街街道");
        assertEquals("南街街道", first.getResult(v), "a retracted fact's value leaves");
        first.reverse(v, "南街街道");
        assertNull(first.getResult(v));
    }
}
