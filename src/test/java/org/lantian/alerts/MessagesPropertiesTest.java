package org.lantian.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lantian.Json;
import org.lantian.store.Outbox;
import org.lantian.store.WebhookKind;

/** Whatever a subject or unit is called, the message stays the message: one line each, no markdown of its own, within WeCom's size. */
class MessagesPropertiesTest {
    @Provide
    Arbitrary<String> names() {
        Arbitrary<String> hostile = Arbitraries.of("A|B", "**粗体**", "[点我](http://evil.example)", "<font color=\"warning\">x</font>", "# 标题",
                "line\nbreak\r\n- item", "`code`", "\\", "![img](x)", "~~del~~", "_x_");
        return Arbitraries.oneOf(hostile, Arbitraries.strings().all().ofMaxLength(300), Arbitraries.strings().withCharRange('一', '龥').ofMaxLength(300));
    }

    @Property(tries = 3000)
    void dataIsPlainTextOnOneLine(@ForAll("names") String name) {
        String p = Messages.plain(name);
        assertFalse(p.contains("\n") || p.contains("\r"), p);
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                i++; // an escape and the character it escapes
                assertTrue(i < p.length() && "\\`*_[]()<>#|!~".indexOf(p.charAt(i)) >= 0, p);
            } else {
                assertTrue("`*_[]()<>#|!~".indexOf(c) < 0, "unescaped " + c + " in " + p);
            }
        }
    }

    @Property(tries = 300)
    void aDigestFitsInWeComsLimitAndSaysHowManyItLeftOut(@ForAll("names") String subject, @ForAll("count") int n) {
        List<Outbox.OpenCase> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cases.add(new Outbox.OpenCase(i, 10, "10-fixed-roads", subject + i, i % 3 == 0 ? "OVERDUE" : "OPEN", LocalDate.of(2022, 6, 1),
                    LocalDate.of(2022, 6, 8), i % 2));
        }
        Outbox.Message m = Messages.digest("北街街道", LocalDate.of(2022, 7, 6), cases);
        assertTrue(m.markdown().getBytes(StandardCharsets.UTF_8).length <= 4096, "bytes: " + m.markdown().getBytes(StandardCharsets.UTF_8).length);
        long shown = m.markdown().lines().filter(l -> l.startsWith("- ")).count();
        if (shown < n) assertTrue(m.markdown().contains("and " + (n - shown) + " more"), m.markdown());
        else assertEquals(n, shown);
    }

    @Provide
    Arbitrary<Integer> count() {
        return Arbitraries.integers().between(0, 400);
    }

    @Property(tries = 1000)
    void theBodyCarriesTheMessageAndTheKeyAsTheRobotReadsIt(@ForAll("names") String title, @ForAll("names") String text) throws Exception {
        String key = Outbox.eventKey(7, title);
        JsonNode ding = Json.MAPPER.readTree(Messages.body(WebhookKind.DINGTALK, title, text, key));
        assertEquals("markdown", ding.get("msgtype").asText());
        assertEquals(title, ding.at("/markdown/title").asText());
        assertEquals(text, ding.at("/markdown/text").asText());
        assertEquals(key, ding.get("idempotencyKey").asText());
        JsonNode wecom = Json.MAPPER.readTree(Messages.body(WebhookKind.WECOM, title, text, key));
        assertEquals(text, wecom.at("/markdown/content").asText());
        assertEquals(1, wecom.get("markdown").size());
        assertTrue(key.matches("[a-z0-9-]{1,100}"), key);
    }
}
