package org.lantian.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lantian.Json;
import org.lantian.domain.Fact;
import org.lantian.domain.Percent;
import org.lantian.domain.Range;
import org.lantian.domain.Ratio;
import org.lantian.domain.Required;
import org.lantian.domain.Signed;

/**
 * The JSON Schema (draft 2020-12) of a submission, generated from the fact records with victools'
 * jsonschema-generator: one source for {@code GET /api/v1/schema}, the OpenAPI document's typed facts, the
 * console's site-check form and the check of docs/facts.md. Types, required fields, enums and ranges come from
 * the records and their annotations ({@link Required}, {@link Range}, {@link Ratio}, {@link Percent},
 * {@link Signed}) with the limits {@link FactReader} holds input to; Chinese labels from labels.yaml beside this
 * class, English ones from the names, units from the names' suffixes ({@code areaM2} is m²).
 * <p>
 * Each property carries {@code title} (English), {@code x-label-zh}, {@code x-label-en}, and when it has them
 * {@code x-unit} and {@code x-enum-labels} (value → Chinese). Each fact type is an object with a
 * {@code type} property holding its name; a submission's {@code facts} is a {@code oneOf} with a discriminator on it.
 * The schema is a little looser than the reader in what only a pack knows (towns, dates within the pack's
 * {@code dates}, measures of the ledger): {@link FactReader} stays the judge, the schema the description.
 */
public final class SubmissionSchema {
    /** Where {@code $ref}s point in the schema served alone. */
    public static final String DEFS = "#/$defs/";

    private static final Labels LABELS = Labels.load();
    private static final SchemaGenerator GENERATOR = new SchemaGenerator(config());
    /** Unit suffixes of field names, longest first: {@code fumeMgM3} is mg/m³. */
    private static final Map<String, String> UNITS = new java.util.LinkedHashMap<>();

    static {
        UNITS.put("MgM3", "mg/m³");
        UNITS.put("MgKg", "mg/kg");
        UNITS.put("Tph", "t/h");
        UNITS.put("M2", "m²");
        UNITS.put("Km", "km");
        UNITS.put("Pct", "%");
        UNITS.put("Tonnes", "t");
        UNITS.put("tonnes", "t");
        UNITS.put("M", "m");
        UNITS.put("C", "°C");
    }

    private SubmissionSchema() {
    }

    /** The schema of a submission, with the fact types under {@code $defs}. */
    public static ObjectNode submission() {
        ObjectNode root = submission(DEFS);
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "/api/v1/schema");
        ObjectNode defs = root.putObject("$defs");
        facts().forEach(defs::set);
        // $schema and $id first, as a reader expects them.
        ObjectNode ordered = Json.MAPPER.createObjectNode();
        ordered.set("$schema", root.remove("$schema"));
        ordered.set("$id", root.remove("$id"));
        ordered.setAll(root);
        return ordered;
    }

    /** The submission envelope alone, its facts referring to the fact types under {@code refPrefix} (OpenAPI's components). */
    public static ObjectNode submission(String refPrefix) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("title", "Submission");
        s.put("x-label-zh", "检查提交");
        s.put("x-label-en", "Submission");
        s.put("description", "A site-check submission: an id, who, when, and the facts (docs/facts.md).");
        s.put("type", "object");
        s.putArray("required").add("submission").add("inspector").add("facts");
        s.put("additionalProperties", false);
        ObjectNode p = s.putObject("properties");
        p.set("submission", text("submission id", "提交编号", true));
        p.set("inspector", text("inspector", "检查员", true));
        ObjectNode at = p.putObject("submittedAt");
        at.put("type", "string").put("format", "date-time").put("title", "submitted at")
                .put("x-label-zh", "提交时间").put("x-label-en", "submitted at");
        ObjectNode facts = p.putObject("facts");
        facts.put("type", "array").put("minItems", 1).put("maxItems", FactReader.MAX_FACTS)
                .put("title", "facts").put("x-label-zh", "检查事实").put("x-label-en", "facts");
        ObjectNode items = facts.putObject("items");
        ArrayNode oneOf = items.putArray("oneOf");
        ObjectNode discriminator = items.putObject("discriminator");
        discriminator.put("propertyName", "type");
        ObjectNode mapping = discriminator.putObject("mapping");
        for (String name : FactTypes.names()) {
            oneOf.addObject().put("$ref", refPrefix + name);
            mapping.put(name, refPrefix + name);
        }
        return s;
    }

    /** Each fact type's schema by name, in the order of {@link FactTypes#names()}. */
    public static Map<String, ObjectNode> facts() {
        Map<String, ObjectNode> out = new java.util.LinkedHashMap<>();
        for (Class<? extends Fact> type : FactTypes.all()) out.put(type.getSimpleName(), fact(type));
        return out;
    }

    /** One fact type: its record's fields after a {@code type} holding its name. */
    public static ObjectNode fact(Class<? extends Fact> type) {
        ObjectNode generated = GENERATOR.generateSchema(type);
        generated.remove("$schema");
        String name = type.getSimpleName();
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("title", name);
        s.put("x-label-zh", LABELS.type(name));
        s.put("x-label-en", english(name));
        s.put("type", "object");
        ArrayNode required = s.putArray("required").add("type");
        if (generated.has("required")) generated.get("required").forEach(required::add);
        s.put("additionalProperties", false);
        ObjectNode properties = s.putObject("properties");
        ObjectNode typeProperty = properties.putObject("type");
        typeProperty.put("type", "string");
        typeProperty.putArray("enum").add(name);
        typeProperty.put("title", "type").put("x-label-zh", "类型").put("x-label-en", "type");
        JsonNode fields = generated.get("properties");
        if (fields != null) fields.fields().forEachRemaining(f -> properties.set(f.getKey(), f.getValue()));
        // A time is HH:MM (its pattern), not JSON Schema's "time" (RFC 3339 with seconds and offset).
        properties.forEach(p -> {
            if (p.has("pattern") && "time".equals(p.path("format").asText())) ((ObjectNode) p).remove("format");
        });
        return s;
    }

    /** "mechanizedAreaM2" → "mechanized area": the name in words, without its unit suffix. */
    public static String english(String name) {
        String words = name;
        for (String suffix : UNITS.keySet()) {
            if (words.endsWith(suffix) && words.length() > suffix.length() && !suffix.equals("tonnes")) {
                words = words.substring(0, words.length() - suffix.length());
                break;
            }
        }
        Matcher m = Pattern.compile("([a-z0-9])([A-Z])").matcher(words);
        words = m.replaceAll("$1 $2");
        words = words.replaceAll("([A-Z])([A-Z][a-z])", "$1 $2");
        return Character.isUpperCase(name.charAt(0)) && name.chars().anyMatch(Character::isLowerCase)
                ? words.charAt(0) + words.substring(1).toLowerCase(Locale.ROOT)
                : words.toLowerCase(Locale.ROOT);
    }

    /** The unit a field's name ends in, or null. */
    public static String unit(String name) {
        for (Map.Entry<String, String> u : UNITS.entrySet()) {
            if (name.endsWith(u.getKey()) && name.length() > u.getKey().length()) return u.getValue();
        }
        return name.equals("tonnes") ? "t" : null;
    }

    /** The Chinese labels, for the console: a type, a field, an enum value (each falls back to its name). */
    public static Labels labels() {
        return LABELS;
    }

    private static ObjectNode text(String en, String zh, boolean required) {
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("type", "string");
        if (required) t.put("minLength", 1);
        t.put("maxLength", FactReader.MAX_ID);
        t.put("title", en).put("x-label-zh", zh).put("x-label-en", en);
        return t;
    }

    private static com.github.victools.jsonschema.generator.SchemaGeneratorConfig config() {
        SchemaGeneratorConfigBuilder b = new SchemaGeneratorConfigBuilder(Json.MAPPER, SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(Option.FLATTENED_ENUMS, Option.STANDARD_FORMATS, Option.NONPUBLIC_NONSTATIC_FIELDS_WITHOUT_GETTERS)
                .without(Option.SCHEMA_VERSION_INDICATOR);
        // Properties in the record's order: the subject id first, as docs/facts.md lists them.
        b.forTypesInGeneral().withPropertySorter((a, c) -> 0);
        b.forTypesInGeneral().withStringPatternResolver(scope ->
                scope.getType().getErasedType() == LocalTime.class ? "^([01][0-9]|2[0-3]):[0-5][0-9]$" : null);
        b.forTypesInGeneral().withStringFormatResolver(scope -> {
            Class<?> t = scope.getType().getErasedType();
            return t == LocalDate.class ? "date" : null;
        });
        var fields = b.forFields();
        fields.withRequiredCheck(f -> f.getAnnotationConsideringFieldAndGetter(Required.class) != null);
        fields.withTitleResolver(f -> f.isFakeContainerItemScope() ? null : english(f.getDeclaredName()));
        fields.withStringMaxLengthResolver(f -> f.getType().getErasedType() == String.class ? FactReader.MAX_TEXT : null);
        fields.withStringMinLengthResolver(f -> f.getType().getErasedType() == String.class
                && f.getAnnotationConsideringFieldAndGetter(Required.class) != null ? 1 : null);
        fields.withArrayMaxItemsResolver(f -> f.isContainerType() && !f.isFakeContainerItemScope() ? FactReader.MAX_ITEMS : null);
        fields.withNumberInclusiveMinimumResolver(SubmissionSchema::minimum);
        fields.withNumberInclusiveMaximumResolver(SubmissionSchema::maximum);
        fields.withInstanceAttributeOverride((node, f, context) -> {
            if (f.isFakeContainerItemScope()) return;
            String name = f.getDeclaredName();
            node.put("x-label-zh", LABELS.field(name));
            node.put("x-label-en", english(name));
            String unit = unit(name);
            if (unit != null && isNumber(f)) node.put("x-unit", unit);
            Class<?> t = f.isContainerType() ? f.getContainerItemType().getErasedType() : f.getType().getErasedType();
            if (t.isEnum()) {
                ObjectNode labels = node.putObject("x-enum-labels");
                for (Object v : t.getEnumConstants()) labels.put(((Enum<?>) v).name(), LABELS.value(((Enum<?>) v).name()));
            }
        });
        return b.build();
    }

    private static boolean isNumber(FieldScope f) {
        Class<?> t = f.getType().getErasedType();
        return t == Double.class || t == Integer.class || t == Long.class;
    }

    private static BigDecimal minimum(FieldScope f) {
        if (f.isFakeContainerItemScope() || !isNumber(f)) return null;
        Range range = f.getAnnotationConsideringFieldAndGetter(Range.class);
        if (range != null) return BigDecimal.valueOf(range.min());
        boolean signed = f.getAnnotationConsideringFieldAndGetter(Signed.class) != null;
        if (!signed) return BigDecimal.ZERO;
        return f.getType().getErasedType() == Double.class ? FactReader.MAX_NUMBER.negate() : BigDecimal.valueOf(-FactReader.MAX_COUNT);
    }

    private static BigDecimal maximum(FieldScope f) {
        if (f.isFakeContainerItemScope() || !isNumber(f)) return null;
        Range range = f.getAnnotationConsideringFieldAndGetter(Range.class);
        if (range != null) return BigDecimal.valueOf(range.max());
        if (f.getAnnotationConsideringFieldAndGetter(Ratio.class) != null) return BigDecimal.ONE;
        if (f.getAnnotationConsideringFieldAndGetter(Percent.class) != null) return BigDecimal.valueOf(100);
        return f.getType().getErasedType() == Double.class ? FactReader.MAX_NUMBER : BigDecimal.valueOf(FactReader.MAX_COUNT);
    }

    /** labels.yaml: Chinese names of types, fields and enum values. */
    public static final class Labels {
        private final Map<String, String> types;
        private final Map<String, String> fields;
        private final Map<String, String> values;

        private Labels(Map<String, String> types, Map<String, String> fields, Map<String, String> values) {
            this.types = types;
            this.fields = fields;
            this.values = values;
        }

        static Labels load() {
            try (InputStream in = SubmissionSchema.class.getResourceAsStream("labels.yaml")) {
                if (in == null) throw new IllegalStateException("missing resource labels.yaml");
                JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(in);
                return new Labels(map(root.get("types")), map(root.get("fields")), map(root.get("values")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Map<String, String> map(JsonNode node) {
            Map<String, String> out = new java.util.HashMap<>();
            if (node != null) node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
            return out;
        }

        public String type(String name) {
            return types.getOrDefault(name, name);
        }

        public String field(String name) {
            return fields.getOrDefault(name, name);
        }

        public String value(String name) {
            return values.getOrDefault(name, name);
        }

        /** Names without a Chinese label: types, fields and values of the records that labels.yaml misses. */
        public List<String> missing() {
            List<String> out = new ArrayList<>();
            for (var e : facts().entrySet()) {
                if (!types.containsKey(e.getKey())) out.add("type " + e.getKey());
                for (Iterator<Map.Entry<String, JsonNode>> it = e.getValue().get("properties").fields(); it.hasNext(); ) {
                    var p = it.next();
                    if (!p.getKey().equals("type") && !fields.containsKey(p.getKey())) out.add("field " + e.getKey() + "." + p.getKey());
                    JsonNode enumLabels = p.getValue().get("x-enum-labels");
                    if (enumLabels != null) {
                        enumLabels.fieldNames().forEachRemaining(v -> {
                            if (!values.containsKey(v)) out.add("value " + e.getKey() + "." + p.getKey() + "=" + v);
                        });
                    }
                }
            }
            return out;
        }
    }
}
