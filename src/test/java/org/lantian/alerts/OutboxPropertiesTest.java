package org.lantian.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.lantian.store.Outbox;
import org.lantian.store.Store;
import org.lantian.store.WebhookKind;

/**
 * Whatever cases do and however often alerts are derived and sent to a robot that fails now and then, the
 * robot gets exactly the alerts the events call for: one per OVERDUE or repeat event and unit with a webhook,
 * none lost, none twice by key.
 */
class OutboxPropertiesTest {
    static final String[] UNITS = {"区住建局", "区市容环卫中心", "北街街道"}; // the last has no webhook
    static final String[] STATUSES = {"OPEN", "OVERDUE", "RECTIFIED", "CLOSED"};
    static final AtomicInteger DB = new AtomicInteger();

    /** kind 0: open a case for units (mask); 1: move case (pick) to a status; 2: derive; 3: deliver a round. */
    record Step(int kind, int pick, int mask, int status) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(1, 7), Arbitraries.integers().between(0, STATUSES.length - 1)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 12)
    void theRobotGetsEachAlertTheEventsCallForOnce(@ForAll("steps") List<Step> steps, @ForAll("failures") int failFirst) throws Exception {
        String url = "jdbc:h2:mem:outbox-prop-" + DB.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        TestClock clock = new TestClock(Instant.parse("2022-07-06T00:30:00Z"));
        try (Store store = Store.open(url, 2); Receiver robot = new Receiver(failFirst, 0); CaseRows rows = new CaseRows(url)) {
            store.webhooks().set(UNITS[0], robot.url("/a"), WebhookKind.DINGTALK, "test");
            store.webhooks().set(UNITS[1], robot.url("/b"), WebhookKind.WECOM, "test");
            AlertWorker worker = new AlertWorker(store, ZoneId.of("Asia/Shanghai"), null, AlertDeliveryTest.FAST, clock);
            List<Long> cases = new ArrayList<>();
            List<List<String>> unitsOf = new ArrayList<>();
            List<String> statusOf = new ArrayList<>();
            Set<String> expected = new TreeSet<>();
            for (Step s : steps) {
                switch (s.kind()) {
                    case 0 -> {
                        List<String> units = new ArrayList<>();
                        for (int i = 0; i < UNITS.length; i++) if ((s.mask() & (1 << i)) != 0) units.add(UNITS[i]);
                        cases.add(rows.open(10, "10-fixed-roads", "S-" + cases.size(), LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 8),
                                units.toArray(String[]::new)));
                        unitsOf.add(units);
                        statusOf.add("OPEN");
                    }
                    case 1 -> {
                        if (cases.isEmpty()) continue;
                        int c = s.pick() % cases.size();
                        String from = statusOf.get(c), to = STATUSES[s.status()];
                        long event = rows.move(cases.get(c), to);
                        statusOf.set(c, to);
                        boolean alert = to.equals("OVERDUE") && !from.equals("OVERDUE") || from.equals("CLOSED") && to.equals("OPEN");
                        if (alert) for (String u : unitsOf.get(c)) if (!u.equals(UNITS[2])) expected.add(Outbox.eventKey(event, u));
                    }
                    case 2 -> store.outbox().deriveFromEvents(Messages::alert, OffsetDateTime.now(clock));
                    default -> {
                        worker.round();
                        clock.advance(Duration.ofSeconds(10));
                    }
                }
            }
            for (int round = 0; round < 40 && robot.distinct() < expected.size(); round++) {
                worker.round();
                clock.advance(Duration.ofSeconds(10));
            }
            assertEquals(expected, new TreeSet<>(robot.accepted.keySet()));
            assertEquals(0, robot.duplicates.get());
            assertEquals(expected.size(), store.outbox().list(null, 10_000).size());
            assertEquals(List.of(), robot.problems);
        }
    }

    @Provide
    Arbitrary<Integer> failures() {
        return Arbitraries.integers().between(0, 5);
    }
}
