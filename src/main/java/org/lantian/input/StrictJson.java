package org.lantian.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lantian.Json;

/**
 * Parses submitted JSON the one strict way check, serve and batch share: one document and nothing after it,
 * every key once, numbers kept as written (1.50 stays 1.50, 1e400 is not turned into Infinity), and errors
 * told in plain words with line, column and JSON pointer, never in the parser's own terms.
 */
public final class StrictJson {
    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    private static final Pattern CHARACTER = Pattern.compile("Unexpected character \\('(.+?)' \\(code (\\d+)", Pattern.DOTALL);
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*?)'", Pattern.DOTALL);

    private StrictJson() {
    }

    public static JsonNode parse(byte[] json) throws InvalidInputException {
        try {
            return present(READER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(List.of(problem(e)));
        } catch (IOException e) {
            throw new IllegalStateException("reading bytes in memory failed", e);
        }
    }

    public static JsonNode parse(String json) throws InvalidInputException {
        try {
            return present(READER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(List.of(problem(e)));
        }
    }

    /** Parses a stream; an {@link IOException} is a failure to read, not bad JSON. */
    public static JsonNode parse(InputStream in) throws InvalidInputException, IOException {
        try {
            return present(READER.readTree(in));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(List.of(problem(e)));
        }
    }

    private static JsonNode present(JsonNode node) throws InvalidInputException {
        if (node == null || node.isMissingNode()) {
            throw new InvalidInputException(List.of(new Problem("", null, "a JSON document", "nothing (an empty input)")));
        }
        return node;
    }

    /** Why a text is not one JSON document, as a problem: where (pointer), and what was found at which line and column. */
    public static Problem problem(JsonProcessingException e) {
        var at = e.getLocation();
        String where = at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new Problem(pointer(e), null, "valid JSON", reason(e) + where);
    }

    /** What was wrong, in plain words: "duplicate field \"inspector\"", "the end of the input", … */
    public static String reason(JsonProcessingException e) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher d = DUPLICATE.matcher(m);
        if (d.lookingAt()) return "field \"" + d.group(1) + "\" a second time (each field once)";
        if (m.startsWith("Trailing token")) return "more after the end of the JSON document";
        if (m.startsWith("Unexpected end-of-input")) return "the end of the input before the document is complete";
        if (e instanceof StreamConstraintsException) {
            if (m.contains("nesting depth")) return "arrays or objects nested too deep";
            if (m.contains("Number value length") || m.contains("number")) return "a number of too many digits";
            if (m.contains("String value length") || m.contains("Name length")) return "a text too long";
            return "input beyond the parser's limits";
        }
        Matcher c = CHARACTER.matcher(m);
        if (c.lookingAt()) {
            int code = Integer.parseInt(c.group(2));
            return code < 32 ? "control character U+" + String.format("%04X", code) : "character '" + c.group(1) + "'";
        }
        Matcher t = TOKEN.matcher(m);
        if (t.lookingAt()) return "unknown word '" + shorten(t.group(1)) + "' (text needs quotes)";
        if (m.startsWith("Invalid UTF-8") || m.contains("Invalid UTF-8")) return "bytes that are not UTF-8 text";
        if (m.contains("Illegal unquoted character")) return "a control character inside a text (escape it, e.g. \\n)";
        if (m.contains("Unrecognized character escape")) return "an unknown escape in a text (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
        if (m.contains("Non-standard token") || m.contains("NaN") || m.contains("Infinity")) return "a number JSON does not have (NaN, Infinity)";
        if (m.contains("Leading zeroes") || m.contains("leading zero")) return "a number with leading zeros";
        if (m.contains("Unexpected close marker")) return "a closing bracket that does not match";
        if (m.contains("was expecting")) return "something that cannot stand here";
        return "text that is not JSON";
    }

    private static String pointer(JsonProcessingException e) {
        if (e.getProcessor() instanceof JsonParser p) {
            try {
                return p.getParsingContext().pathAsPointer().toString();
            } catch (RuntimeException ignored) {
                return "";
            }
        }
        return "";
    }

    private static String shorten(String s) {
        return s.length() <= 20 ? s : s.substring(0, 17) + "...";
    }

    /**
     * The pointer of every text or field name holding half of a surrogate pair ("\ud800" escaped alone): such
     * text is no Unicode string, the store would keep it as "?", and JSON written from it fails.
     */
    public static void loneSurrogates(JsonNode node, String pointer, List<Problem> problems) {
        if (hasLoneSurrogate(node)) problemsOfLoneSurrogates(node, pointer, problems);
    }

    /** Whether any text or field name in a value holds half of a surrogate pair: no pointers made while there is none. */
    private static boolean hasLoneSurrogate(JsonNode node) {
        if (node.isTextual()) return hasLoneSurrogate(node.textValue());
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                if (hasLoneSurrogate(e.getKey()) || hasLoneSurrogate(e.getValue())) return true;
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) if (hasLoneSurrogate(node.get(i))) return true;
        }
        return false;
    }

    private static void problemsOfLoneSurrogates(JsonNode node, String pointer, List<Problem> problems) {
        if (node.isTextual()) {
            if (hasLoneSurrogate(node.textValue())) {
                problems.add(new Problem(pointer, null, "Unicode text", "half of a surrogate pair (\\uD800-\\uDFFF alone)"));
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                String at = pointer + "/" + escape(e.getKey());
                if (hasLoneSurrogate(e.getKey())) {
                    problems.add(new Problem(at, null, "a field name of Unicode text", "half of a surrogate pair"));
                } else {
                    problemsOfLoneSurrogates(e.getValue(), at, problems);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) problemsOfLoneSurrogates(node.get(i), pointer + "/" + i, problems);
        }
    }

    public static boolean hasLoneSurrogate(String s) {
        if (s == null) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
                else return true;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A field name as a JSON pointer token (RFC 6901: ~ as ~0, / as ~1). */
    static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
