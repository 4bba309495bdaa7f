package org.lantian.http;

/**
 * One route the server answers, with whether it needs a token. {@link ApiServer#ROUTES} lists them all and
 * the OpenAPI document describes exactly these (OpenApiTest holds the two together).
 */
public record Route(String method, String path, boolean needsToken) {
}
