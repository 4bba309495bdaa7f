package org.lantian.http;

import io.javalin.http.Context;
import io.javalin.validation.ValidationError;
import io.javalin.validation.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.lantian.domain.CaseStatus;
import org.lantian.domain.Status;

/**
 * The query parameters the API reads, each with what it expects, read through Javalin's validators. A
 * malformed parameter is a 400 naming it, never a filter silently dropped.
 */
final class Params {
    static final int MAX_PAGE = 1000;
    static final int MAX_MEASURE = 10_000;

    /** What each parameter expects, as the error says it. */
    static final Map<String, String> EXPECTED = Map.of(
            "limit", "a whole number from 1 to " + MAX_PAGE,
            "offset", "a whole number from 0 to " + Integer.MAX_VALUE,
            "measure", "a measure number from 1 to " + MAX_MEASURE,
            "status", "one of " + Arrays.toString(Status.values()),
            "from", "a date YYYY-MM-DD",
            "to", "a date YYYY-MM-DD",
            "asOf", "a date YYYY-MM-DD",
            "caseStatus", "one of " + Arrays.toString(CaseStatus.values()));

    private Params() {
    }

    // Javalin runs a check on an absent parameter too (null): absent is allowed, the default applies.
    static int limit(Context ctx) {
        return ctx.queryParamAsClass("limit", Integer.class).check(v -> v == null || v >= 1 && v <= MAX_PAGE, EXPECTED.get("limit"))
                .getOrDefault(100);
    }

    static int offset(Context ctx) {
        return ctx.queryParamAsClass("offset", Integer.class).check(v -> v == null || v >= 0, EXPECTED.get("offset")).getOrDefault(0);
    }

    static Integer measure(Context ctx) {
        return ctx.queryParamAsClass("measure", Integer.class).check(v -> v == null || v >= 1 && v <= MAX_MEASURE, EXPECTED.get("measure"))
                .getOrNull();
    }

    static Status status(Context ctx) {
        return ctx.queryParamAsClass("status", Status.class).getOrNull();
    }

    /** A case's status (?status= of /cases). */
    static CaseStatus caseStatus(Context ctx) {
        String s = ctx.queryParam("status");
        if (s == null) return null;
        try {
            return CaseStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("status: expected " + EXPECTED.get("caseStatus") + ", found \"" + s + "\"");
        }
    }

    static LocalDate date(Context ctx, String name) {
        return ctx.queryParamAsClass(name, LocalDate.class).getOrNull();
    }

    /** A text parameter as given (after percent-decoding), or null. */
    static String text(Context ctx, String name) {
        return ctx.queryParam(name);
    }

    /** The converters the validators use beyond Javalin's own (whole numbers, text). */
    static void registerConverters(io.javalin.config.ValidationConfig validation) {
        validation.register(LocalDate.class, LocalDate::parse);
        validation.register(Status.class, Status::valueOf);
    }

    /**
     * Refuses a query string whose percent-encoding is broken ({@code subject=BL-112%}, {@code unit=%}) or
     * does not decode to UTF-8: such a parameter would otherwise reach the handler changed or not at all.
     */
    static void checkEncoding(Context ctx) {
        String query = ctx.queryString();
        if (query == null || query.isEmpty()) return;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (!wellEncoded(pair)) {
                throw ApiError.badRequest(printable(name) + ": the query parameter is not well percent-encoded (write % as %25), found \""
                        + pair + "\"");
            }
        }
    }

    private static boolean wellEncoded(String s) {
        ByteBuffer bytes = ByteBuffer.allocate(s.length() * 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) return false;
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) return false;
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** A parameter's name as an error can show it, whatever bytes it was sent with. */
    private static String printable(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "?");
    }

    /** A validator's errors as one sentence a client can act on: each parameter, what it expects, what it found. */
    static String describe(ValidationException e) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<ValidationError<Object>>> field : e.getErrors().entrySet()) {
            String name = field.getKey();
            for (ValidationError<Object> error : field.getValue()) {
                if (!out.isEmpty()) out.append("; ");
                String expected = EXPECTED.getOrDefault(name, error.getMessage());
                out.append(name).append(": expected ").append(expected);
                if (error.value != null) out.append(", found \"").append(error.value).append('"');
            }
        }
        return out.toString();
    }
}
