package org.lantian.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.lantian.input.Problem;

/** A record of the night that could not be used: where it is, its submission id when known, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reject(String file, long line, String submission, List<String> reasons) {
    /** A submission id read from a record it rejects may hold half a surrogate pair: cleaned, so rejects.jsonl stays UTF-8. */
    public Reject {
        submission = Problem.clean(submission);
        reasons = reasons.stream().map(Problem::clean).toList();
    }
}
