package org.lantian.domain.facts;

/**
 * Environmental performance grade of a key-industry enterprise (绩效分级): LEADING (引领性) is the best,
 * then A, B, C, D. It decides how much an enterprise must cut output on alert days and in the
 * staggered-production period (measures 3, 41).
 */
public enum PerformanceGrade {
    LEADING, A, B, C, D;

    /** The next-lower grade; D stays D (measure 3: staggered production one grade stricter). */
    public PerformanceGrade lower() {
        return switch (this) {
            case LEADING -> A;
            case A -> B;
            case B -> C;
            case C, D -> D;
        };
    }

    /** Lowered {@code steps} times. */
    public PerformanceGrade lower(int steps) {
        PerformanceGrade g = this;
        for (int i = 0; i < steps; i++) g = g.lower();
        return g;
    }
}
