package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.store.Role;
import org.lantian.store.TestDatabases;

/** The served OpenAPI document describes exactly the routes the server has, with the statuses they answer. */
class OpenApiTest {
    @TempDir
    Path tmp;

    @Test
    void theDocumentMatchesTheRoutesAndWhatTheyAnswer() throws Exception {
        try (Api api = new Api(TestDatabases.fresh("h2", tmp))) {
            Api.Reply served = api.get(ApiServer.BASE + "/openapi.json", null);
            assertEquals(200, served.status());
            JsonNode doc = served.json();
            assertTrue(doc.get("openapi").asText().startsWith("3."));

            Set<String> documented = new TreeSet<>();
            Set<String> open = new TreeSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
                var path = paths.next();
                for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                    String method = methods.next();
                    String key = method.toUpperCase() + " " + path.getKey();
                    documented.add(key);
                    JsonNode security = path.getValue().get(method).get("security");
                    if (security != null && security.isEmpty()) open.add(key);
                }
            }
            Set<String> declared = new TreeSet<>();
            Set<String> declaredOpen = new TreeSet<>();
            for (Route r : ApiServer.ROUTES) {
                declared.add(r.method() + " " + r.path());
                if (!r.needsToken()) declaredOpen.add(r.method() + " " + r.path());
            }
            Set<String> registered = new TreeSet<>();
            api.server.registeredRoutes().forEach(r -> registered.add(r.method() + " " + r.path()));
            assertEquals(declared, documented, "ApiServer.ROUTES vs openapi.json");
            assertEquals(declared, registered, "ApiServer.ROUTES vs the routes Javalin has");
            assertEquals(declaredOpen, open, "routes without a token");

            // Every $ref names a schema of the document.
            Set<String> refs = new HashSet<>();
            collectRefs(doc, refs);
            for (String ref : refs) {
                assertTrue(ref.startsWith("#/components/schemas/") && doc.get("components").get("schemas")
                        .has(ref.substring("#/components/schemas/".length())), ref);
            }

            // Every route answers, with and without a token, a status its operation documents.
            String admin = api.token(Role.ADMIN, null);
            String submission = Files.readString(Path.of(ApiTest.ROADS));
            for (Route r : ApiServer.ROUTES) {
                String path = r.path().replace("{id}", "S-20220630-0001").replace("{n}", "13");
                JsonNode responses = doc.get("paths").get(r.path()).get(r.method().toLowerCase()).get("responses");
                String body = r.path().endsWith("/submissions") ? submission : "";
                Api.Reply withToken = api.send(r.method(), path, admin, java.net.http.HttpRequest.BodyPublishers.ofString(body));
                assertTrue(responses.has(String.valueOf(withToken.status())), r + " answered " + withToken.status());
                withToken.json(); // JSON, whatever the status
                if (r.needsToken()) {
                    Api.Reply without = api.send(r.method(), path, null, java.net.http.HttpRequest.BodyPublishers.ofString(body));
                    assertEquals(401, without.status(), r.toString());
                    assertTrue(responses.has("401"), r + " documents 401");
                }
            }
        }
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("$ref")) refs.add(e.getValue().asText());
                else collectRefs(e.getValue(), refs);
            });
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }
}
