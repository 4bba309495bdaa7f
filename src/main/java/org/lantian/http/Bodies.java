package org.lantian.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Context;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.lantian.Json;
import org.lantian.input.InvalidInputException;
import org.lantian.input.StrictJson;

/** Small JSON request bodies (a verification, a waiver): one object, known fields only, each checked with a 400 naming it. */
final class Bodies {
    static final int MAX = 16 * 1024;

    private Bodies() {
    }

    static JsonNode object(Context ctx, Set<String> fields) {
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length > MAX) throw new ApiError(413, "the body is larger than " + MAX + " bytes");
        JsonNode node;
        try {
            node = StrictJson.parse(bytes);
        } catch (InvalidInputException e) {
            throw ApiError.badRequest("the body is not one JSON object: " + e.problems().get(0).describe());
        }
        if (!node.isObject()) throw ApiError.badRequest("the body must be a JSON object");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) throw ApiError.badRequest(name + ": unknown field; expected some of " + fields);
        }
        return node;
    }

    static String text(JsonNode body, String field, boolean required, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) throw ApiError.badRequest(field + ": required");
            return null;
        }
        if (!v.isTextual()) throw ApiError.badRequest(field + ": expected text, found " + v.getNodeType().name().toLowerCase());
        String s = v.asText();
        if (required && s.isBlank()) throw ApiError.badRequest(field + ": must not be blank");
        if (s.length() > max) throw ApiError.badRequest(field + ": at most " + max + " characters, found " + s.length());
        return s;
    }

    static Integer integer(JsonNode body, String field, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw ApiError.badRequest(field + ": expected a whole number from " + min + " to " + max + ", found " + v);
        }
        return v.asInt();
    }

    static LocalDate date(JsonNode body, String field) {
        String s = text(body, field, true, 10);
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(field + ": expected a date YYYY-MM-DD, found \"" + s + "\"");
        }
    }

    /** A record's components as a JSON object's fields, in order, to add more to. */
    static Map<String, Object> fields(Object record) {
        return new LinkedHashMap<>(Json.MAPPER.convertValue(record, new TypeReference<Map<String, Object>>() { }));
    }
}
