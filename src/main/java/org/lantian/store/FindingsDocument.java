package org.lantian.store;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.lantian.Json;

/**
 * Reads the findings back out of a stored findings document (the JSON the service answered a post with),
 * as the text they were written with: each finding's object is cut from the document and given its
 * submission, which is what serialising {@code finding.withSubmission(id)} writes ({@code submission} is
 * the record's last component). Cutting instead of binding keeps numbers exactly as they were written.
 */
final class FindingsDocument {
    private FindingsDocument() {
    }

    static List<String> findings(String report, String submission) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(report)) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw new IllegalStateException("not a findings document");
            String tail = ",\"submission\":" + Json.MAPPER.writeValueAsString(submission) + "}";
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean findings = p.currentName().equals("findings");
                if (p.nextToken() == JsonToken.START_ARRAY && findings) {
                    List<String> out = new ArrayList<>();
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        int from = (int) p.currentTokenLocation().getCharOffset();
                        p.skipChildren();
                        int to = (int) p.currentLocation().getCharOffset(); // just after the object's '}'
                        out.add(report.substring(from, to - 1) + tail);
                    }
                    return out;
                }
                p.skipChildren();
            }
            throw new IllegalStateException("findings document of " + submission + " has no findings");
        } catch (IOException e) {
            throw new IllegalStateException("stored findings document of " + submission + " does not parse", e);
        }
    }
}
