package org.lantian.batch;

import org.lantian.domain.Finding;

/**
 * What a partition keeps of each finding until it is written: the finding, in the night's order ({@link Ranked}).
 * The line itself is made by {@link FindingLines} when the partition is written, since how much of a finding
 * findings.jsonl repeats depends on the findings before it in the file. One per task.
 */
final class FindingBytes {
    Ranked of(Finding f) {
        return Ranked.of(f);
    }
}
