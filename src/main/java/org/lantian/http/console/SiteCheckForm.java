package org.lantian.http.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lantian.input.FactTypes;
import org.lantian.input.Problem;
import org.lantian.input.SubmissionSchema;

/**
 * The inspector's site-check form, built from the JSON Schema of the chosen fact type (SubmissionSchema): one
 * input per property, with its label, unit, choices and bounds; the posted form read back into a fact as the
 * API takes it (numbers as numbers, empty inputs left out), and the reader's problems put beside their fields.
 */
public final class SiteCheckForm {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SiteCheckForm() {
    }

    /** One input of the form. {@code kind}: text, integer, number, date, time, boolean, choice, choices, dates. */
    public record Field(String name, String label, String unit, String kind, boolean required, List<Rows.Link> choices,
                        String min, String max, String value, List<String> values, String problem) {
        public String inputType() {
            return switch (kind) {
                case "integer", "number" -> "number";
                case "date" -> "date";
                case "time" -> "time";
                default -> "text";
            };
        }

        /** The number input's step, or null (no attribute) for other inputs. */
        public String step() {
            return kind.equals("integer") ? "1" : kind.equals("number") ? "any" : null;
        }

        public String minOrNull() {
            return min.isEmpty() ? null : min;
        }

        public String maxOrNull() {
            return max.isEmpty() ? null : max;
        }
    }

    /** The fact types an inspector may choose, with their labels in the page's language. */
    static List<Rows.Link> types(View v) {
        List<Rows.Link> out = new ArrayList<>();
        for (String name : FactTypes.names()) {
            out.add(new Rows.Link(v.t(SubmissionSchema.labels().type(name), SubmissionSchema.english(name)) + " (" + name + ")", name));
        }
        return out;
    }

    /** The form's inputs for a fact type, filled with what was posted and the problems found in it. */
    static List<Field> fields(String type, View v, Map<String, List<String>> posted, Map<String, String> problems) {
        JsonNode schema = SubmissionSchema.facts().get(type);
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(r -> required.add(r.asText()));
        List<Field> out = new ArrayList<>();
        schema.get("properties").fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (name.equals("type")) return;
            JsonNode p = e.getValue();
            String kind = kind(p);
            List<Rows.Link> choices = new ArrayList<>();
            JsonNode values = p.has("enum") ? p.get("enum") : p.path("items").get("enum");
            if (values != null) {
                for (JsonNode c : values) {
                    String label = p.path("x-enum-labels").path(c.asText()).asText(c.asText());
                    choices.add(new Rows.Link(v.en() ? c.asText() : label + " " + c.asText(), c.asText()));
                }
            }
            List<String> given = posted.getOrDefault(name, List.of());
            out.add(new Field(name, v.t(p.path("x-label-zh").asText(), p.path("x-label-en").asText()) , p.path("x-unit").asText(""),
                    kind, required.contains(name), choices, p.has("minimum") ? p.get("minimum").asText() : "",
                    p.has("maximum") ? p.get("maximum").asText() : "", given.isEmpty() ? "" : given.get(0), given,
                    problems.get(name)));
        });
        return out;
    }

    private static String kind(JsonNode p) {
        String type = p.path("type").asText();
        if (type.equals("array")) return p.path("items").has("enum") ? "choices" : "dates";
        if (p.has("enum")) return "choice";
        if (type.equals("string") && "date".equals(p.path("format").asText())) return "date";
        if (type.equals("string") && p.has("pattern")) return "time";
        return type.equals("string") ? "text" : type;
    }

    /**
     * The posted form as a fact: each input by its schema's type (a number that does not parse stays text, so
     * that the reader names the field); empty inputs are left out ("not reported").
     */
    static ObjectNode fact(String type, Map<String, List<String>> posted) {
        JsonNode schema = SubmissionSchema.facts().get(type);
        ObjectNode fact = NODES.objectNode();
        fact.put("type", type);
        schema.get("properties").fields().forEachRemaining(e -> {
            String name = e.getKey();
            if (name.equals("type")) return;
            List<String> given = posted.getOrDefault(name, List.of()).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (given.isEmpty()) return;
            String kind = kind(e.getValue());
            String one = given.get(0);
            switch (kind) {
                case "integer" -> {
                    try {
                        fact.put(name, new BigInteger(one));
                    } catch (NumberFormatException x) {
                        fact.put(name, one);
                    }
                }
                case "number" -> {
                    try {
                        fact.put(name, new BigDecimal(one));
                    } catch (NumberFormatException x) {
                        fact.put(name, one);
                    }
                }
                case "boolean" -> {
                    if (one.equals("true") || one.equals("false")) fact.put(name, Boolean.parseBoolean(one));
                    else fact.put(name, one);
                }
                case "choices" -> {
                    ArrayNode a = fact.putArray(name);
                    given.forEach(a::add);
                }
                case "dates" -> {
                    ArrayNode a = fact.putArray(name);
                    for (String d : String.join(",", given).split("[,，\\s]+")) if (!d.isBlank()) a.add(d);
                }
                default -> fact.put(name, one);
            }
        });
        return fact;
    }

    /** The reader's problems by field of the one fact ("/facts/0/sweeps" → sweeps); others under "". */
    static Map<String, String> problems(List<Problem> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Problem p : problems) {
            String pointer = p.pointer() == null ? "" : p.pointer();
            String field = pointer.startsWith("/facts/0/") ? pointer.substring("/facts/0/".length()).replaceAll("/.*", "") : "";
            out.merge(field, p.describe(), (a, b) -> a + "; " + b);
        }
        return out;
    }
}
