package org.lantian.http;

import java.util.Map;

/** An answer other than success: the status and the JSON body {@code {"error": ..., ...}} the client gets. */
final class ApiError extends RuntimeException {
    final int status;
    final Map<String, Object> extra;

    ApiError(int status, String message) {
        this(status, message, Map.of());
    }

    ApiError(int status, String message, Map<String, Object> extra) {
        super(message, null, false, false); // no stack trace: this is an answer, not a failure
        this.status = status;
        this.extra = extra;
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, message);
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, message);
    }
}
