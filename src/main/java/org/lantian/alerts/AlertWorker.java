package org.lantian.alerts;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.lantian.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts' work, one round at a time: write alerts of new case events to the outbox, write the morning
 * digests once the day's digest time has come, then send what is due. {@code lantian serve} runs a round
 * every {@link #EVERY} on a thread of its own; {@code lantian webhook deliver} runs one.
 */
public final class AlertWorker implements AutoCloseable {
    public static final Duration EVERY = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(AlertWorker.class);

    private final Store store;
    private final ZoneId zone;
    private final LocalTime digestAt;
    private final Clock clock;
    private final Delivery delivery;
    private ScheduledExecutorService timer;

    /** What a round did. */
    public record Result(int derived, int digests, Delivery.Round delivery) {
    }

    public AlertWorker(Store store, ZoneId zone, LocalTime digestAt, Delivery.Settings settings, Clock clock) {
        this.store = store;
        this.zone = zone;
        this.digestAt = digestAt;
        this.clock = clock;
        this.delivery = new Delivery(store.outbox(), settings, clock);
    }

    /** One round: derive, digest if its time has come today (digestAt null: never), deliver. */
    public Result round() throws SQLException, InterruptedException {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int derived = store.outbox().deriveFromEvents(Messages::alert, now);
        int digests = 0;
        if (digestAt != null) {
            ZonedDateTime local = now.atZoneSameInstant(zone);
            LocalDate today = local.toLocalDate();
            if (!local.toLocalTime().isBefore(digestAt) && !store.outbox().digestsWritten(today)) digests = digest(today);
        }
        return new Result(derived, digests, delivery.deliverDue());
    }

    /** Writes the digests of a day (once a unit and day, however often it is called). */
    public int digest(LocalDate day) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        return store.outbox().enqueueDigests(day, (unit, cases) -> Messages.digest(unit, day, cases), now);
    }

    /** Sends what is due, without deriving anything. */
    public Delivery.Round deliver() throws SQLException, InterruptedException {
        return delivery.deliverDue();
    }

    /** Runs a round every {@code every} on a daemon thread until closed; a failed round is logged and the next one runs. */
    public AlertWorker start(Duration every) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lantian-alerts");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                Result r = round();
                if (r.derived() + r.digests() + r.delivery().sent() + r.delivery().failed() > 0) LOG.info("alerts: {}", r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("alerts: the round failed, the next one runs in {}: {}", every, e.toString());
            }
        }, 1, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        if (timer == null) return;
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
