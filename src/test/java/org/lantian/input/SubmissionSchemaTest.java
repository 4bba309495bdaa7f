package org.lantian.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lantian.Json;
import org.lantian.TestPacks;
import org.lantian.domain.Fact;
import org.lantian.domain.Required;
import org.lantian.service.EvaluationService;

/**
 * The generated JSON Schema of a submission says what the reader accepts: every field of every record, its
 * type, required fields, enums and bounds; the samples are valid under it (read by a standard validator,
 * networknt), and a value the schema's bounds refuse the reader refuses too. docs/facts.md lists the same.
 */
class SubmissionSchemaTest {
    private static final ObjectNode SCHEMA = SubmissionSchema.submission();
    private static final Schema VALIDATOR = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SCHEMA.toString(), InputFormat.JSON);
    /** Each fact type's own schema, for checking one changed fact (the whole document's oneOf is slow to report on). */
    private static final Map<String, Schema> FACT_VALIDATORS = new LinkedHashMap<>();

    static {
        SubmissionSchema.facts().forEach((name, schema) -> FACT_VALIDATORS.put(name,
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(schema.toString(), InputFormat.JSON)));
    }

    private final EvaluationService service = new EvaluationService(TestPacks.bundled());

    @Test
    void everyTypeFieldAndValueHasAChineseLabel() {
        assertEquals(List.of(), SubmissionSchema.labels().missing());
    }

    @Test
    void eachFactTypeHasItsRecordsFieldsAndRequiredOnes() {
        JsonNode defs = SCHEMA.get("$defs");
        assertEquals(FactTypes.names(), names(defs.fieldNames()));
        for (Class<? extends Fact> type : FactTypes.all()) {
            JsonNode s = defs.get(type.getSimpleName());
            List<String> fields = new ArrayList<>(List.of("type"));
            Set<String> required = new TreeSet<>(Set.of("type"));
            for (RecordComponent c : type.getRecordComponents()) {
                fields.add(c.getName());
                if (c.isAnnotationPresent(Required.class)) required.add(c.getName());
            }
            assertEquals(fields, names(s.get("properties").fieldNames()), type.getSimpleName());
            assertEquals(required, new TreeSet<>(names(s.get("required").elements()).stream().toList()), type.getSimpleName());
            for (JsonNode p : s.get("properties")) {
                assertTrue(p.has("x-label-zh") && p.has("x-label-en") && p.has("type"), type.getSimpleName() + " " + p);
            }
        }
        JsonNode restaurant = defs.get("Restaurant").get("properties");
        assertEquals(1, restaurant.get("purifierEfficiency").get("maximum").asInt(), "a @Ratio is 0..1");
        assertEquals("mg/m³", restaurant.get("fumeMgM3").get("x-unit").asText());
        assertEquals("date", restaurant.get("cleanings").get("items").get("format").asText());
        JsonNode vehicle = defs.get("SanitationVehicle").get("properties").get("emissionStage");
        assertEquals(1, vehicle.get("minimum").asInt(), "@Range(min = 1, max = 6)");
        assertEquals(6, vehicle.get("maximum").asInt());
        assertEquals(100, defs.get("CoalSample").get("properties").get("ashPct").get("maximum").asInt(), "a @Percent is 0..100");
        assertTrue(defs.get("WeatherDay").get("properties").get("maxTempC").get("minimum").asDouble() < 0, "@Signed");
        assertEquals("背街小巷", defs.get("RoadCleaning").get("properties").get("roadClass").get("x-enum-labels").get("BACK_LANE").asText());
    }

    @Test
    void theSamplesAreValidUnderTheSchemaAndTheReader() throws Exception {
        for (Path sample : samples()) {
            String json = Files.readString(sample);
            assertEquals(List.of(), validate(json), sample.toString());
            service.validate(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)); // throws when refused
        }
    }

    /**
     * Over every field of every fact of the samples: a value beyond the schema's bounds, outside its enum, of the
     * wrong type, or a required field left out is refused by the schema and by the reader alike.
     */
    @Test
    void whatTheSchemaRefusesTheReaderRefuses() throws Exception {
        int tried = 0;
        for (Path sample : samples()) {
            ObjectNode doc = (ObjectNode) Json.MAPPER.readTree(Files.readString(sample));
            ArrayNode facts = (ArrayNode) doc.get("facts");
            for (int i = 0; i < facts.size(); i++) {
                ObjectNode fact = (ObjectNode) facts.get(i);
                JsonNode props = SCHEMA.get("$defs").get(fact.get("type").asText());
                for (Iterator<Map.Entry<String, JsonNode>> it = props.get("properties").fields(); it.hasNext(); ) {
                    var p = it.next();
                    if (p.getKey().equals("type")) continue;
                    for (JsonNode bad : badValues(p.getValue())) {
                        ObjectNode changed = doc.deepCopy();
                        ((ObjectNode) changed.get("facts").get(i)).set(p.getKey(), bad);
                        assertBothRefuse(changed, i, sample + " /facts/" + i + "/" + p.getKey() + " = " + bad);
                        tried++;
                    }
                    if (isRequired(props, p.getKey()) && fact.has(p.getKey())) {
                        ObjectNode changed = doc.deepCopy();
                        ((ObjectNode) changed.get("facts").get(i)).remove(p.getKey());
                        assertBothRefuse(changed, i, sample + " without /facts/" + i + "/" + p.getKey());
                        tried++;
                    }
                }
            }
        }
        assertTrue(tried > 500, "tried " + tried);
    }

    private void assertBothRefuse(ObjectNode doc, int i, String what) {
        JsonNode fact = doc.get("facts").get(i);
        assertFalse(validate(FACT_VALIDATORS.get(fact.get("type").asText()), fact.toString()).isEmpty(), "the schema accepts " + what);
        List<Problem> problems = new ArrayList<>();
        assertTrue(service.validateFact(fact, "/facts/" + i, "fact " + i, problems) == null && !problems.isEmpty(),
                "the reader accepts " + what);
    }

    /** The schema's errors for a document, formats ("date") asserted as the reader does. */
    private static List<String> validate(String json) {
        return validate(VALIDATOR, json);
    }

    private static List<String> validate(Schema schema, String json) {
        return schema.validate(json, InputFormat.JSON, (java.util.function.Consumer<com.networknt.schema.ExecutionContext>)
                ctx -> ctx.executionConfig(c -> c.formatAssertionsEnabled(true))).stream().map(Object::toString).toList();
    }

    private static boolean isRequired(JsonNode schema, String field) {
        for (JsonNode r : schema.get("required")) if (r.asText().equals(field)) return true;
        return false;
    }

    private static List<JsonNode> badValues(JsonNode p) {
        List<JsonNode> out = new ArrayList<>();
        String type = p.get("type").asText();
        if (p.has("maximum")) out.add(Json.MAPPER.getNodeFactory().numberNode(p.get("maximum").decimalValue().multiply(java.math.BigDecimal.TEN).add(java.math.BigDecimal.ONE)));
        if (p.has("minimum")) out.add(Json.MAPPER.getNodeFactory().numberNode(p.get("minimum").decimalValue().subtract(java.math.BigDecimal.ONE)));
        if (p.has("enum")) out.add(Json.MAPPER.getNodeFactory().textNode("NOT_A_VALUE"));
        if (p.has("maxLength")) out.add(Json.MAPPER.getNodeFactory().textNode("x".repeat(p.get("maxLength").asInt() + 1)));
        if (p.has("pattern") || "date".equals(p.path("format").asText())) out.add(Json.MAPPER.getNodeFactory().textNode("2022-13-45"));
        out.add(type.equals("string") ? Json.MAPPER.getNodeFactory().booleanNode(true) : Json.MAPPER.getNodeFactory().textNode("1"));
        return out;
    }

    /** docs/facts.md has a table for every fact type, with the schema's fields, required ones and enum values. */
    @Test
    void docsFactsMdListsWhatTheSchemaSays() throws IOException {
        Map<String, Map<String, String>> documented = factTables(Files.readAllLines(Path.of("docs/facts.md")));
        assertEquals(new TreeSet<>(FactTypes.names()), new TreeSet<>(documented.keySet()), "fact types with a table in docs/facts.md");
        for (String name : FactTypes.names()) {
            JsonNode schema = SCHEMA.get("$defs").get(name);
            Map<String, String> rows = documented.get(name);
            Set<String> fields = new LinkedHashSet<>(names(schema.get("properties").fieldNames()));
            fields.remove("type");
            assertEquals(new TreeSet<>(fields), new TreeSet<>(rows.keySet()), "fields of " + name + " in docs/facts.md");
            for (String field : fields) {
                String kind = rows.get(field);
                String at = name + "." + field + " in docs/facts.md: " + kind;
                assertEquals(isRequired(schema, field), kind.contains("required"), at);
                JsonNode p = schema.get("properties").get(field);
                JsonNode values = p.has("enum") ? p.get("enum") : p.path("items").get("enum");
                if (values != null) {
                    Set<String> listed = new TreeSet<>();
                    Matcher m = Pattern.compile("`([A-Z0-9_]+)`").matcher(kind);
                    while (m.find()) listed.add(m.group(1));
                    assertEquals(new TreeSet<>(names(values.elements())), listed, at);
                } else if ("date".equals(p.path("format").asText())) {
                    assertTrue(kind.startsWith("date"), at);
                } else if (p.get("type").asText().equals("boolean")) {
                    assertTrue(kind.startsWith("boolean"), at);
                } else if (p.get("type").asText().equals("integer")) {
                    assertTrue(kind.startsWith("count") || kind.startsWith("whole number"), at);
                } else if (p.get("type").asText().equals("number")) {
                    assertTrue(kind.startsWith("number") || kind.startsWith("ratio"), at);
                    if (p.has("x-unit")) assertTrue(kind.contains(p.get("x-unit").asText()), at + " names the unit " + p.get("x-unit"));
                }
            }
        }
    }

    /**
     * The field tables of docs/facts.md by fact type: field → its "type" column. A heading names the types its
     * tables describe, in order ("GridCell and OpenBurning": the first table GridCell's, the second OpenBurning's).
     */
    static Map<String, Map<String, String>> factTables(List<String> lines) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        List<String> pending = new ArrayList<>();
        Map<String, String> table = null;
        for (String line : lines) {
            if (line.startsWith("#")) {
                pending = new ArrayList<>();
                for (String word : line.replaceAll("[^A-Za-z ]", " ").split("\\s+")) {
                    if (FactTypes.byName(word).isPresent()) pending.add(word);
                }
                table = null;
            } else if (line.startsWith("| `") && (table != null || !pending.isEmpty())) {
                if (table == null) {
                    table = new LinkedHashMap<>();
                    out.put(pending.remove(0), table);
                }
                String[] cells = line.replace("\\|", "/").split("\\|");
                Matcher m = Pattern.compile("`([A-Za-z0-9]+)`").matcher(cells[1]);
                while (m.find()) table.put(m.group(1), cells[2].strip());
            } else if (!line.startsWith("|")) {
                table = null;
            }
        }
        return out;
    }

    private static List<Path> samples() throws IOException {
        try (Stream<Path> s = Files.list(Path.of("samples/inspections"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static List<String> names(Iterator<?> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(o -> out.add(o instanceof JsonNode n ? n.asText() : o.toString()));
        return out;
    }
}
