package org.lantian.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A record of the night that could not be used: where it is, its submission id when known, and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reject(String file, long line, String submission, List<String> reasons) {
}
