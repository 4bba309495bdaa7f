package org.lantian.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.store.Role;
import org.lantian.store.TestDatabases;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;

/**
 * As an app developer would: generates a Java client (OpenAPI Generator, library "native") from the
 * openapi.json a live server serves, compiles it, and posts a sample submission with it. The client's
 * Submission is typed: its facts deserialise to the generated fact classes (RoadCleaning, …) through the
 * schema's discriminator, and the server judges what the client sent as it judges the sample itself.
 */
class OpenApiClientTest {
    static final Path OUT = Path.of("target", "openapi-client");
    static final LocalDate AS_OF = LocalDate.of(2022, 6, 30);

    @TempDir
    Path tmp;

    /** The app's code: posts a submission document through the generated client; answers status, findings, fact classes. */
    static final String DRIVER = """
            import java.util.function.Function;
            import org.lantian.client.ApiClient;
            import org.lantian.client.ApiResponse;
            import org.lantian.client.api.DefaultApi;
            import org.lantian.client.model.Report;
            import org.lantian.client.model.Submission;

            public class ClientPost implements Function<String[], Object[]> {
                public Object[] apply(String[] a) {
                    try {
                        ApiClient client = new ApiClient();
                        client.updateBaseUri(a[0]);
                        client.setRequestInterceptor(b -> b.header("Authorization", "Bearer " + a[1]));
                        Submission s = client.getObjectMapper().readValue(a[2], Submission.class);
                        ApiResponse<Report> r = new DefaultApi(client).postSubmissionWithHttpInfo(s, java.time.LocalDate.parse(a[3]));
                        return new Object[] {r.getStatusCode(), r.getData().getFindings().size(),
                                s.getFacts().stream().map(f -> f.getActualInstance().getClass().getSimpleName()).distinct().toList()};
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            }
            """;

    @Test
    @Timeout(600)
    @SuppressWarnings("unchecked")
    void aGeneratedClientPostsASampleToALiveServer() throws Exception {
        try (Api api = new Api(TestDatabases.fresh("h2", tmp))) {
            String token = api.token(Role.ADMIN, null);
            Api.Reply spec = api.get(ApiServer.BASE + "/openapi.json", null);
            assertEquals(200, spec.status());
            Files.createDirectories(OUT);
            Path specFile = OUT.resolve("openapi.json");
            Files.writeString(specFile, spec.body());
            CodegenConfigurator config = new CodegenConfigurator().setGeneratorName("java").setLibrary("native")
                    .setInputSpec(specFile.toString()).setOutputDir(OUT.toString())
                    .setApiPackage("org.lantian.client.api").setModelPackage("org.lantian.client.model").setInvokerPackage("org.lantian.client")
                    .addAdditionalProperty("openApiNullable", false).addAdditionalProperty("hideGenerationTimestamp", true)
                    .addAdditionalProperty("useJakartaEe", true);
            new DefaultGenerator().opts(config.toClientOptInput()).generate();
            Path sources = OUT.resolve("src/main/java");
            Files.writeString(sources.resolve("ClientPost.java"), DRIVER);

            Path classes = Files.createDirectories(OUT.resolve("classes"));
            List<String> files;
            try (Stream<Path> s = Files.walk(sources)) {
                files = s.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
            }
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter errors = new StringWriter();
            // Surefire may hand the class path over in a manifest-only jar: javac follows its Class-Path.
            boolean compiled = javac.getTask(errors, null, null, List.of("-d", classes.toString(), "-classpath",
                    System.getProperty("java.class.path"), "-proc:none", "-nowarn"), null,
                    javac.getStandardFileManager(null, null, null).getJavaFileObjectsFromStrings(files)).call();
            assertTrue(compiled, "the generated client compiles:\n" + errors);

            String sample = Files.readString(Path.of(ApiTest.ROADS));
            try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
                Function<String[], Object[]> post = (Function<String[], Object[]>) loader.loadClass("ClientPost").getDeclaredConstructor().newInstance();
                Object[] answer = post.apply(new String[] {"http://127.0.0.1:" + api.server.port(), token, sample, AS_OF.toString()});
                assertEquals(201, answer[0], "created");
                JsonNode direct = api.post(ApiServer.BASE + "/submissions?asOf=" + AS_OF, token, sample).json();
                assertEquals(direct.get("findings").size(), answer[1], "the client's post is judged as the sample itself (its re-post answers the stored findings)");
                assertEquals(List.of("RoadCleaning"), answer[2], "typed facts");
            }
        }
    }
}
