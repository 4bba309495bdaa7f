package org.lantian.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.lantian.Json;

/**
 * A submission as the store holds it: the document as posted and the findings document it produced
 * (both JSON text), with who posted it, when, the day it counts for and the as-of date it was evaluated at.
 */
public record StoredSubmission(
        String id,
        String inspector,
        OffsetDateTime postedAt,
        LocalDate postedOn,
        LocalDate asOf,
        String packHash,
        String document,
        String report) {

    /** The posted document, parsed (for re-evaluation, e.g. by the nightly batch). */
    public JsonNode documentTree() {
        try {
            return Json.MAPPER.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored submission " + id + " is not JSON", e);
        }
    }
}
