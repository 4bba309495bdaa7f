package org.lantian.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lantian.cli.Lantian;
import org.lantian.cli.Main;
import org.lantian.store.Outbox;
import org.lantian.store.Store;
import org.lantian.store.TestDatabases;

/** lantian webhook set / list / remove / deliver, as an administrator and a cron job run them (H2, PostgreSQL). */
class WebhookCommandTest {
    @TempDir
    Path tmp;

    static List<String> kinds() {
        return TestDatabases.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void setListDeliverRemove(String kind) throws Exception {
        String db = TestDatabases.fresh(kind, tmp);
        try (Store store = Store.open(db); Receiver robot = new Receiver(0, 0)) {
            Lantian.Run unknown = Lantian.lantian("webhook", "set", "--unit", "城区住建局", "--url", robot.url("/a"), "--kind", "DINGTALK", "--db", db);
            assertEquals(Main.INVALID, unknown.code());
            assertTrue(unknown.err().contains("not a unit of the pack's list") && unknown.err().contains("区住建局"), unknown.err());
            Lantian.Run noKind = Lantian.lantian("webhook", "set", "--unit", "区住建局", "--url", robot.url("/a"), "--db", db);
            assertEquals(Main.INVALID, noKind.code());
            assertTrue(noKind.err().contains("DINGTALK or WECOM"), noKind.err());
            Lantian.Run notHttp = Lantian.lantian("webhook", "set", "--unit", "区住建局", "--url", "file:///etc/passwd", "--kind", "WECOM", "--db", db);
            assertEquals(Main.INVALID, notHttp.code());
            assertTrue(notHttp.err().contains("http"), notHttp.err());

            // An alias names the unit as the pack's list does; the host of a DingTalk address says its kind.
            Lantian.Run set = Lantian.lantian("webhook", "set", "--unit", "北街街道办事处", "--url",
                    "https://oapi.dingtalk.com/robot/send?access_token=abc", "--db", db);
            assertEquals(0, set.code(), set.err());
            assertTrue(set.out().contains("set the webhook of 北街街道 (DINGTALK)"), set.out());
            Lantian.Run replaced = Lantian.lantian("webhook", "set", "--unit", "北街街道", "--url", robot.url("/b"), "--kind", "WECOM", "--db", db);
            assertTrue(replaced.out().contains("replaced the webhook of 北街街道 (WECOM)"), replaced.out());

            long id;
            try (CaseRows rows = new CaseRows(db)) {
                id = rows.open(10, "10-fixed-roads", "BL-112", LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 8), "北街街道");
                rows.move(id, "OVERDUE");
            }
            Lantian.Run delivered = Lantian.lantian("webhook", "deliver", "--digest", "--day", "2022-07-06", "--db", db);
            assertEquals(0, delivered.code(), delivered.err());
            assertTrue(delivered.out().contains("alerts written 1, digests written 1; sent 2"), delivered.out());
            assertEquals(2, robot.distinct());
            Lantian.Run again = Lantian.lantian("webhook", "deliver", "--digest", "--day", "2022-07-06", "--db", db);
            assertTrue(again.out().contains("alerts written 0, digests written 0; sent 0"), again.out());
            assertEquals(2, robot.calls.get());

            Lantian.Run list = Lantian.lantian("webhook", "list", "--db", db);
            assertTrue(list.out().contains("北街街道") && list.out().contains("WECOM") && list.out().contains(robot.url("/b")), list.out());

            assertEquals(0, Lantian.lantian("webhook", "remove", "--unit", "北街街道", "--db", db).code());
            assertFalse(Lantian.lantian("webhook", "list", "--db", db).out().contains("北街街道"));
            assertEquals(Main.INVALID, Lantian.lantian("webhook", "remove", "--unit", "北街街道", "--db", db).code());
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void aRobotThatRefusesLeavesTheAlertPendingWithItsError(String kind) throws Exception {
        String db = TestDatabases.fresh(kind, tmp);
        try (Store store = Store.open(db); Receiver robot = new Receiver(100, 0)) {
            assertEquals(0, Lantian.lantian("webhook", "set", "--unit", "北街街道", "--url", robot.url("/b"), "--kind", "WECOM", "--db", db).code());
            try (CaseRows rows = new CaseRows(db)) {
                long id = rows.open(10, "10-fixed-roads", "BL-112", LocalDate.of(2022, 6, 1), LocalDate.of(2022, 6, 8), "北街街道");
                rows.move(id, "OVERDUE");
            }
            Lantian.Run failed = Lantian.lantian("webhook", "deliver", "--db", db);
            assertEquals(Main.FAILED, failed.code(), failed.out() + failed.err());
            assertTrue(failed.out().contains("failed 1") && failed.out().contains("pending 1"), failed.out());
            assertTrue(Lantian.lantian("webhook", "list", "--db", db).out().contains("HTTP 500"));
            Outbox.Row row = store.outbox().list(null, 10).get(0);
            assertEquals(Outbox.State.PENDING, row.state());
            assertEquals(1, row.attempts());
            assertTrue(row.nextAt().isAfter(row.createdAt().plusSeconds(29)), "the next attempt waits the first backoff: " + row);
        }
    }
}
