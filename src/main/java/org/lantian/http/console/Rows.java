package org.lantian.http.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The rows the console's templates show: plain records made from the store's and the pack's data. */
public final class Rows {
    private Rows() {
    }

    /** A unit's (or measure's) counts of one night, with its rank among the units (1 = fewest FAIL). */
    public record Score(int rank, String unit, int measure, long judged, long passed, long failed) {
        public Double failShare() {
            return judged == 0 ? null : (double) failed / judged;
        }

        public Double passShare() {
            return judged == 0 ? null : (double) passed / judged;
        }
    }

    /** One finding as stored (its JSON), in the page's language. */
    public record Finding(int measure, String rule, String subject, String status, String observed, String target,
                          List<String> units, String message, String period, String submission, String waiver,
                          List<Evidence> evidence) {
        static Finding of(JsonNode f, boolean en) {
            List<Evidence> evidence = new ArrayList<>();
            for (JsonNode e : f.path("evidence")) {
                List<String> fields = new ArrayList<>();
                e.path("fields").fields().forEachRemaining(x -> fields.add(x.getKey() + " = " + text(x.getValue())));
                evidence.add(new Evidence(e.path("type").asText(), e.path("subject").asText(), text(e.get("submission")),
                        text(e.get("day")), fields));
            }
            List<String> units = new ArrayList<>();
            f.path("units").forEach(u -> units.add(u.asText()));
            JsonNode period = f.get("period");
            return new Finding(f.path("measure").asInt(), f.path("rule").asText(), f.path("subject").asText(), f.path("status").asText(),
                    text(f.get("observed")), text(f.get("target")), units, f.path("message").path(en ? "en" : "zh").asText(),
                    period == null ? "" : period.path("from").asText() + " – " + period.path("to").asText(),
                    text(f.get("submission")), text(f.get("waiver")), evidence);
        }
    }

    /** A fact a finding was judged on, with the fields the rule read. */
    public record Evidence(String type, String subject, String submission, String day, List<String> fields) {
    }

    /** A target of a measure. */
    public record Target(String name, String value, String unit, String source, String note) {
    }

    /** A FAIL finding the nightly batch kept: measure, rule, subject. */
    public record Failure(int measure, String rule, String subject) {
    }

    /** A rectification case as a list shows it. */
    public record CaseRow(long id, String status, int measure, String rule, String subject, String dueOn, List<String> units,
                          int repeats, String waiver) {
        static CaseRow of(org.lantian.domain.Case k) {
            return new CaseRow(k.id(), k.status().name(), k.measure(), k.rule(), k.subject(), String.valueOf(k.dueOn()), k.units(),
                    k.repeats(), k.waiver() == null ? "" : k.waiver());
        }
    }

    /** A link in a list: its text and where it goes. */
    public record Link(String text, String href) {
    }

    static String text(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) return "";
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
