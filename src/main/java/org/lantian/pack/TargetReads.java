package org.lantian.pack;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Which targets the rules read, noted while {@link #noting} runs on this thread (the rules fire on the
 * thread that calls fireAllRules). {@code lantian test} uses it to refuse a ledger that promises a target
 * no rule checks. Outside {@link #noting} a read costs one ThreadLocal lookup.
 */
public final class TargetReads {
    private static final ThreadLocal<Set<String>> NOTED = new ThreadLocal<>();

    private TargetReads() {
    }

    /** Runs the work, adding "measure/target" to {@code into} for every target read meanwhile. */
    public static <T> T noting(Set<String> into, Supplier<T> work) {
        Set<String> outer = NOTED.get();
        NOTED.set(into);
        try {
            return work.get();
        } finally {
            if (outer == null) NOTED.remove();
            else NOTED.set(outer);
        }
    }

    static void note(int measure, String target) {
        Set<String> s = NOTED.get();
        if (s != null) s.add(measure + "/" + target);
    }
}
