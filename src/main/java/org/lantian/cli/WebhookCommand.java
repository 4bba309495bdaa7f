package org.lantian.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lantian.alerts.AlertWorker;
import org.lantian.alerts.Delivery;
import org.lantian.alerts.WebhookUnits;
import org.lantian.pack.Ledger;
import org.lantian.pack.RulePack;
import org.lantian.store.Outbox;
import org.lantian.store.Store;
import org.lantian.store.WebhookKind;
import org.lantian.store.Webhooks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lantian webhook set|list|remove|deliver}: the units' group robots and the alerts that go to them (docs/alerts.md). */
@Command(name = "webhook", description = "Set, list or remove the units' alert webhooks (DingTalk, WeCom), or send the alerts due now.",
        subcommands = {WebhookCommand.Set.class, WebhookCommand.List.class, WebhookCommand.Remove.class, WebhookCommand.Deliver.class})
final class WebhookCommand {

    @Command(name = "set", description = "Set a unit's group robot webhook (replacing the one it had).")
    static final class Set implements Callable<Integer> {
        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "A responsible unit of the pack's list.")
        String unit;

        @Option(names = "--url", required = true, paramLabel = "URL", description = "The robot's webhook address (https://oapi.dingtalk.com/robot/send?access_token=... or https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=...).")
        String url;

        @Option(names = "--kind", paramLabel = "KIND", description = "DINGTALK or WECOM: the message shape (default: what the address's host says).")
        WebhookKind kind;

        @Mixin
        DbOption db;

        @Mixin
        PackOption pack;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            String name;
            try {
                name = WebhookUnits.canonical(RulePack.load(pack.dir()).ledger(), unit);
            } catch (IllegalArgumentException e) {
                throw new Main.UserError(e.getMessage());
            }
            try (Store store = db.open()) {
                boolean created = store.webhooks().set(name, url, kind, "cli");
                Webhooks.Webhook w = store.webhooks().get(name).orElseThrow();
                output.out().println((created ? "set" : "replaced") + " the webhook of " + name + " (" + w.kind() + ")");
            } catch (IllegalArgumentException e) {
                throw new Main.UserError(e.getMessage());
            }
            return Main.OK;
        }
    }

    @Command(name = "list", description = "List the webhooks with their alerts pending, sent and dropped.")
    static final class List implements Callable<Integer> {
        @Mixin
        DbOption db;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            try (Store store = db.open()) {
                Map<String, Outbox.UnitCounts> counts = store.outbox().counts();
                Table t = new Table("unit", "kind", "url", "set", "pending", "sent", "dropped", "last error");
                for (Webhooks.Webhook w : store.webhooks().list()) {
                    Outbox.UnitCounts c = counts.get(w.unit());
                    t.row(w.unit(), w.kind(), w.url(), w.setAt(), c == null ? 0 : c.pending(), c == null ? 0 : c.sent(),
                            c == null ? 0 : c.dropped(), c == null || c.lastError() == null ? "" : c.lastError());
                }
                output.out().print(t.render());
            }
            return Main.OK;
        }
    }

    @Command(name = "remove", description = "Remove a unit's webhook; its alerts not yet sent are dropped.")
    static final class Remove implements Callable<Integer> {
        @Option(names = "--unit", required = true, paramLabel = "UNIT", description = "The unit whose webhook goes.")
        String unit;

        @Mixin
        DbOption db;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            try (Store store = db.open()) {
                if (!store.webhooks().remove(unit)) throw new Main.UserError("unit " + unit + " has no webhook (lantian webhook list shows them)");
                output.out().println("removed the webhook of " + unit);
            }
            return Main.OK;
        }
    }

    @Command(name = "deliver", description = "One round of what lantian serve does every 30 s: write alerts of new OVERDUE and repeat "
            + "cases, with --digest the day's digests, and send what is due. Exit 1 when a send failed (it is retried later).")
    static final class Deliver implements Callable<Integer> {
        @Option(names = "--digest", description = "Also write each unit's digest of its open and overdue cases (once a unit and day).")
        boolean digest;

        @Option(names = "--day", paramLabel = "DATE", description = "The digest's day (default: today in the pack's time zone).")
        LocalDate day;

        @Mixin
        DbOption db;

        @Mixin
        PackOption pack;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            Ledger ledger = RulePack.load(pack.dir()).ledger();
            ZoneId zone = ledger.zone();
            try (Store store = db.open()) {
                AlertWorker worker = new AlertWorker(store, zone, null, Delivery.Settings.DEFAULTS, Clock.systemUTC());
                int digests = digest ? worker.digest(day != null ? day : LocalDate.now(zone)) : 0;
                AlertWorker.Result r = worker.round();
                Delivery.Round d = r.delivery();
                long pending = store.outbox().counts().values().stream().mapToLong(Outbox.UnitCounts::pending).sum();
                output.out().println("alerts written " + r.derived() + ", digests written " + digests + "; sent " + d.sent() + ", failed "
                        + d.failed() + " (retried later), dropped " + d.dropped() + ", waiting " + d.deferred() + "; pending " + pending);
                return d.failed() > 0 ? Main.FAILED : Main.OK;
            }
        }
    }
}
