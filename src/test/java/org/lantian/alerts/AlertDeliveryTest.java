package org.lantian.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.store.Outbox;
import org.lantian.store.Store;
import org.lantian.store.TestDatabases;
import org.lantian.store.WebhookKind;

/**
 * Alerts from case events and digests, through the outbox, to a local robot that fails its first three calls:
 * every alert arrives once it recovers, none is lost, none is doubled by key (H2 and PostgreSQL).
 */
class AlertDeliveryTest {
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final Delivery.Settings FAST = new Delivery.Settings(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30),
            Duration.ofSeconds(5), 20);
    static final String A = "区住建局", B = "区市容环卫中心", C = "北街街道";

    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    /** Three cases: one OVERDUE (units A, B), one repeated (A and C, which has no webhook), one OPEN (B). */
    record World(long overdue, long repeated, long open) {
    }

    static World world(String url) throws Exception {
        try (CaseRows rows = new CaseRows(url)) {
            long overdue = rows.open(10, "10-fixed-roads", "BL-112", LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 8), A, B);
            rows.move(overdue, "OVERDUE");
            long repeated = rows.open(33, "33-restaurant-purifier", "R-7|烧烤*店", LocalDate.of(2022, 5, 1), LocalDate.of(2022, 5, 8), A, C);
            rows.move(repeated, "RECTIFIED");
            rows.move(repeated, "CLOSED");
            rows.move(repeated, "OPEN");
            long open = rows.open(12, "12-sweeping", "RD-9", LocalDate.of(2022, 6, 20), LocalDate.of(2022, 6, 27), B);
            return new World(overdue, repeated, open);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void everyAlertArrivesOnceAfterTheReceiverRecovers(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        TestClock clock = new TestClock(Instant.parse("2022-07-06T00:30:00Z"));
        try (Store store = Store.open(url); Receiver robot = new Receiver(3, 0)) {
            World w = world(url);
            store.webhooks().set(A, robot.url("/dingtalk/a"), WebhookKind.DINGTALK, "test");
            store.webhooks().set(B, robot.url("/wecom/b"), WebhookKind.WECOM, "test");
            AlertWorker worker = new AlertWorker(store, SHANGHAI, null, FAST, clock);
            assertEquals(2, worker.digest(LocalDate.of(2022, 7, 6)));
            assertEquals(0, worker.digest(LocalDate.of(2022, 7, 6)), "a unit's digest of a day is written once");
            for (int round = 0; round < 30 && robot.distinct() < 5; round++) {
                worker.round();
                clock.advance(Duration.ofSeconds(10));
            }
            assertEquals(5, robot.distinct(), "overdue to A and B, repeat to A (C has no webhook), digests of A and B");
            assertEquals(0, robot.duplicates.get());
            assertEquals(8, robot.calls.get(), "three failed calls, then each alert once");
            assertEquals(List.of(), robot.problems);
            Set<String> expected = new TreeSet<>(List.of(Outbox.eventKey(lastEvent(url, w.overdue()), A), Outbox.eventKey(lastEvent(url, w.overdue()), B),
                    Outbox.eventKey(lastEvent(url, w.repeated()), A), Outbox.digestKey(LocalDate.of(2022, 7, 6), A),
                    Outbox.digestKey(LocalDate.of(2022, 7, 6), B)));
            assertEquals(expected, new TreeSet<>(robot.accepted.keySet()));
            for (Receiver.Delivered d : robot.accepted.values()) {
                JsonNode m = d.body().get("markdown");
                assertEquals("markdown", d.body().get("msgtype").asText());
                if (d.path().startsWith("/dingtalk")) {
                    assertTrue(m.get("title").asText().contains("蓝天") && m.get("text").asText().contains("蓝天"), d.body().toString());
                    assertEquals(Set.of("title", "text"), fields(m));
                } else {
                    assertTrue(m.get("content").asText().contains("蓝天"), d.body().toString());
                    assertEquals(Set.of("content"), fields(m));
                }
            }
            String repeatText = robot.accepted.get(Outbox.eventKey(lastEvent(url, w.repeated()), A)).body().at("/markdown/text").asText();
            assertTrue(repeatText.contains("重复违规") && repeatText.contains("R-7\\|烧烤\\*店"), repeatText);
            String digestB = robot.accepted.get(Outbox.digestKey(LocalDate.of(2022, 7, 6), B)).body().at("/markdown/content").asText();
            assertTrue(digestB.indexOf("#" + w.overdue()) < digestB.indexOf("#" + w.open()) && digestB.contains("2 open, 1 overdue"), digestB);
            // All sent; another round derives nothing new and sends nothing.
            assertTrue(store.outbox().list(null, 100).stream().allMatch(r -> r.state() == Outbox.State.SENT));
            AlertWorker.Result again = worker.round();
            assertEquals(0, again.derived());
            assertEquals(8, robot.calls.get());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aReplyLostOnTheWayIsSentAgainWithTheSameKey(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        TestClock clock = new TestClock(Instant.parse("2022-07-06T00:30:00Z"));
        Delivery.Settings impatient = new Delivery.Settings(Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30),
                Duration.ofMillis(500), 20);
        try (Store store = Store.open(url); Receiver robot = new Receiver(0, 2000)) {
            world(url);
            store.webhooks().set(A, robot.url("/dingtalk/a"), WebhookKind.DINGTALK, "test");
            AlertWorker worker = new AlertWorker(store, SHANGHAI, null, impatient, clock);
            for (int round = 0; round < 10 && (round == 0 || store.outbox().list(null, 100).stream().anyMatch(r -> r.state() != Outbox.State.SENT)); round++) {
                worker.round();
                clock.advance(Duration.ofSeconds(10));
            }
            assertEquals(2, robot.distinct(), "overdue and repeat to A");
            assertEquals(1, robot.duplicates.get(), "the alert whose reply was lost came again, with its key");
            assertEquals(List.of(), robot.problems);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void anAlertTakenByAWorkerThatDiedIsSentWhenItsLeaseEnds(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        TestClock clock = new TestClock(Instant.parse("2022-07-06T00:30:00Z"));
        try (Store store = Store.open(url); Receiver robot = new Receiver(0, 0)) {
            world(url);
            store.webhooks().set(B, robot.url("/wecom/b"), WebhookKind.WECOM, "test");
            AlertWorker worker = new AlertWorker(store, SHANGHAI, null, FAST, clock);
            store.outbox().deriveFromEvents(Messages::alert, java.time.OffsetDateTime.now(clock));
            List<Outbox.Pending> due = store.outbox().due(java.time.OffsetDateTime.now(clock), 10);
            assertEquals(1, due.size());
            // A worker takes it and dies before sending.
            assertTrue(store.outbox().claim(due.get(0), java.time.OffsetDateTime.now(clock).plus(FAST.lease())));
            assertEquals(0, worker.round().delivery().sent(), "held by the lease");
            clock.advance(FAST.lease().plusSeconds(1));
            assertEquals(1, worker.round().delivery().sent());
            assertEquals(1, robot.distinct());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void alertsOfAUnitWhoseWebhookIsRemovedAreDropped(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        TestClock clock = new TestClock(Instant.parse("2022-07-06T00:30:00Z"));
        try (Store store = Store.open(url); Receiver robot = new Receiver(0, 0)) {
            world(url);
            store.webhooks().set(A, robot.url("/a"), WebhookKind.DINGTALK, "test");
            AlertWorker worker = new AlertWorker(store, SHANGHAI, null, FAST, clock);
            assertEquals(2, store.outbox().deriveFromEvents(Messages::alert, java.time.OffsetDateTime.now(clock)));
            store.webhooks().remove(A);
            Delivery.Round r = worker.deliver();
            assertEquals(2, r.dropped());
            assertEquals(0, robot.calls.get());
            Map<Outbox.State, Long> states = store.outbox().list(null, 10).stream()
                    .collect(Collectors.groupingBy(Outbox.Row::state, Collectors.counting()));
            assertEquals(Map.of(Outbox.State.DROPPED, 2L), states);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void theDigestGoesOutOnceADayFromItsTimeOn(String kind) throws Exception {
        String url = TestDatabases.fresh(kind, tmp);
        TestClock clock = new TestClock(Instant.parse("2022-07-05T23:30:00Z")); // 07:30 in Shanghai
        try (Store store = Store.open(url); Receiver robot = new Receiver(0, 0)) {
            store.webhooks().set(B, robot.url("/b"), WebhookKind.WECOM, "test");
            AlertWorker worker = new AlertWorker(store, SHANGHAI, java.time.LocalTime.of(8, 0), FAST, clock);
            assertEquals(0, worker.round().digests(), "before 08:00");
            clock.advance(Duration.ofMinutes(30));
            assertEquals(0, worker.round().digests(), "08:00, but B has no open case");
            world(url); // B's cases open later that day: the morning's digest went (empty), none follows today
            clock.advance(Duration.ofHours(2));
            assertEquals(0, worker.round().digests());
            clock.advance(Duration.ofHours(22)); // 08:00 the next day
            assertEquals(1, worker.round().digests());
            assertEquals(0, worker.round().digests());
            assertTrue(robot.accepted.containsKey(Outbox.digestKey(LocalDate.of(2022, 7, 7), B)), robot.accepted.keySet().toString());
        }
    }

    /** The worker serve starts: rounds on a timer, the digest once its time of day has come (real clock). */
    @org.junit.jupiter.api.Test
    void theServersWorkerSendsOnItsOwn() throws Exception {
        String url = TestDatabases.fresh("h2", tmp);
        try (Store store = Store.open(url); Receiver robot = new Receiver(1, 0)) {
            world(url);
            store.webhooks().set(B, robot.url("/b"), WebhookKind.WECOM, "test");
            Delivery.Settings quick = new Delivery.Settings(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(30),
                    Duration.ofSeconds(5), 20);
            try (AlertWorker worker = new AlertWorker(store, SHANGHAI, java.time.LocalTime.MIN, quick, java.time.Clock.systemUTC())
                    .start(Duration.ofMillis(100))) {
                long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (robot.distinct() < 2 && System.nanoTime() < end) Thread.sleep(50);
            }
            assertEquals(Set.of(Outbox.eventKey(lastEvent(url, world1(url)), B), Outbox.digestKey(LocalDate.now(SHANGHAI), B)),
                    new TreeSet<>(robot.accepted.keySet()), "the overdue to B and B's digest of today");
        }
    }

    /** The overdue case of {@link #world}: the first case. */
    static long world1(String url) throws Exception {
        try (CaseRows rows = new CaseRows(url)) {
            return rows.firstCase();
        }
    }

    static Set<String> fields(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The newest event of a case: the one the alert is about. */
    static long lastEvent(String url, long caseId) throws Exception {
        try (CaseRows rows = new CaseRows(url)) {
            return rows.lastEvent(caseId);
        }
    }
}
