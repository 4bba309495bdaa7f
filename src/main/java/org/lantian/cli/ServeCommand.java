package org.lantian.cli;

import java.time.Clock;
import java.time.LocalTime;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.lantian.alerts.AlertWorker;
import org.lantian.alerts.Delivery;
import org.lantian.engine.CompiledPack;
import org.lantian.http.ApiServer;
import org.lantian.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lantian serve}: the HTTP API until the process is stopped. */
@Command(name = "serve", description = "Serve the HTTP API (docs/api.md) on a store of submissions and findings.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--digest-at", defaultValue = "08:00", paramLabel = "HH:MM",
            description = "When each unit's morning digest of its open cases goes out, in the pack's time zone (default: ${DEFAULT-VALUE}).")
    LocalTime digestAt;

    @Mixin
    DbOption db;

    @Mixin
    PackOption pack;

    @Mixin
    Output output;

    @Override
    public Integer call() throws Exception {
        CompiledPack compiled = pack.compile();
        Store store = db.open();
        ApiServer server = ApiServer.start(store, compiled, pack.dir(), host, port);
        // Alerts to the units' webhooks leave from the store's outbox on a thread of their own (docs/alerts.md).
        AlertWorker alerts = new AlertWorker(store, compiled.ledger().zone(), digestAt, Delivery.Settings.DEFAULTS, Clock.systemUTC())
                .start(AlertWorker.EVERY);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            alerts.close();
            server.close();
            store.close();
            stopped.countDown();
        }));
        // Tests and scripts wait for this line to know the port.
        output.out().println("lantian serve: listening on http://" + host + ":" + server.port() + ApiServer.BASE
                + " (store " + store.describe() + ", pack " + compiled.ledger().pack() + " " + compiled.hash() + ")");
        output.out().flush();
        stopped.await();
        return Main.OK;
    }
}
