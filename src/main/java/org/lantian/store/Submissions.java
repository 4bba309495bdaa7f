package org.lantian.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.lantian.Json;
import org.lantian.domain.Finding;

/** Submissions and their findings in the store. Every value reaches SQL as a bound parameter. */
public final class Submissions {
    private static final ObjectWriter CANONICAL = Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final String COLUMNS = "id, inspector, posted_at, posted_on, as_of, pack_hash, document, report";

    /** Most posts one commit takes. */
    private static final int MAX_GROUP = 64;

    private final Store store;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private Thread writer;
    private volatile boolean closed;

    Submissions(Store store) {
        this.store = store;
    }

    /** What posting a submission did: stored it, found the same content stored already, or found other content. */
    public enum Outcome { CREATED, SAME, CONFLICT }

    /** The outcome and the findings document the caller gets back (the stored one unless CREATED). */
    public record Posted(Outcome outcome, String report) {
    }

    /** A submission evaluated and ready to store. {@code report} is the findings document as JSON text. */
    public record NewSubmission(String id, String inspector, String contentHash, OffsetDateTime postedAt, LocalDate asOf,
                                String packHash, String document, String report, List<Finding> findings) {
    }

    /** The content hash and findings document stored under an id, if any: a re-post is answered from here. */
    public Optional<Posted> compare(String id, String contentHash) throws SQLException {
        try (Connection c = store.connection()) {
            return compare(c, id, contentHash);
        }
    }

    private static Optional<Posted> compare(Connection c, String id, String contentHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT content_hash, report FROM submissions WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                Optional<Posted> out = Optional.empty();
                if (r.next()) {
                    out = Optional.of(new Posted(r.getString(1).equals(contentHash) ? Outcome.SAME : Outcome.CONFLICT,
                            r.getString(2)));
                }
                c.rollback();
                return out;
            }
        }
    }

    /**
     * Stores a submission and its findings, committed before this returns. When the id is taken (also by a
     * concurrent post that committed first) nothing is written and the stored content decides: SAME or
     * CONFLICT.
     *
     * <p>Posts are written by one writer thread that commits whatever has queued up meanwhile in one
     * transaction (group commit). A commit was the largest part of a post: in H2 it writes a new chunk
     * of the file, in PostgreSQL it waits for the WAL to reach the disk; under load one commit now
     * serves many posts, and nobody is answered before the commit that holds their post.
     */
    public Posted insert(NewSubmission n) throws SQLException {
        // The findings' JSON is made here, on the request's thread, so that the one writer only writes.
        List<String> rows = new ArrayList<>(n.findings().size());
        for (Finding f : n.findings()) rows.add(json(f.withSubmission(n.id())));
        Pending p = new Pending(n, rows, new CompletableFuture<>());
        synchronized (this) {
            if (closed) throw new SQLException("the store is closed");
            if (writer == null) {
                writer = new Thread(this::writeQueued, "lantian-store-writer");
                writer.setDaemon(true);
                writer.start();
            }
            queue.add(p);
        }
        try {
            return p.done().get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) throw sql;
            throw new SQLException("storing submission " + n.id() + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while storing submission " + n.id(), e);
        }
    }

    private record Pending(NewSubmission submission, List<String> rows, CompletableFuture<Posted> done) {
    }

    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, MAX_GROUP - 1);
                writeGroup(batch);
            } catch (InterruptedException e) {
                if (closed) break;
            } catch (RuntimeException | Error e) {
                batch.forEach(p -> p.done().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
        for (Pending p; (p = queue.poll()) != null; ) p.done().completeExceptionally(new SQLException("the store is closed"));
    }

    /** One transaction for the group; if any post in it fails (a taken id), each is retried alone. */
    private void writeGroup(List<Pending> group) {
        try (Connection c = store.connection()) {
            if (group.size() > 1) {
                try {
                    for (Pending p : group) write(c, p.submission(), p.rows());
                    c.commit();
                    for (Pending p : group) p.done().complete(new Posted(Outcome.CREATED, p.submission().report()));
                    return;
                } catch (SQLException e) {
                    c.rollback();
                }
            }
            for (Pending p : group) {
                try {
                    p.done().complete(insertAlone(c, p.submission(), p.rows()));
                } catch (SQLException e) {
                    p.done().completeExceptionally(e);
                }
            }
        } catch (SQLException e) {
            group.forEach(p -> p.done().completeExceptionally(e));
        }
    }

    private static Posted insertAlone(Connection c, NewSubmission n, List<String> rows) throws SQLException {
        try {
            write(c, n, rows);
            c.commit();
            return new Posted(Outcome.CREATED, n.report());
        } catch (SQLException e) {
            c.rollback();
            // A unique-key violation (23505) or, in H2, a lock wait on the row another post is writing.
            Optional<Posted> existing = compare(c, n.id(), n.contentHash());
            if (existing.isPresent()) return existing.get();
            throw e;
        }
    }

    /** Stops the writer after it has written what is queued. */
    void close() {
        Thread w;
        synchronized (this) {
            closed = true;
            w = writer;
        }
        if (w != null) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void write(Connection c, NewSubmission n, List<String> rows) throws SQLException {
        LocalDate postedOn = n.postedAt().atZoneSameInstant(Store.ZONE).toLocalDate();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO submissions (id, inspector, content_hash, posted_at, "
                + "posted_on, as_of, pack_hash, document, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, n.id());
            s.setString(2, n.inspector());
            s.setString(3, n.contentHash());
            s.setObject(4, n.postedAt());
            s.setObject(5, postedOn);
            s.setObject(6, n.asOf());
            s.setString(7, n.packHash());
            s.setString(8, n.document());
            s.setString(9, n.report());
            s.executeUpdate();
        }
        if (n.findings().isEmpty()) return;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO findings (submission, seq, inspector, posted_at, posted_on, "
                + "measure, rule_id, subject, status, units, finding) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int seq = 0; seq < n.findings().size(); seq++) {
                Finding f = n.findings().get(seq);
                s.setString(1, n.id());
                s.setInt(2, seq);
                s.setString(3, n.inspector());
                s.setObject(4, n.postedAt());
                s.setObject(5, postedOn);
                s.setInt(6, f.measure());
                s.setString(7, f.rule());
                s.setString(8, f.subject());
                s.setString(9, f.status().name());
                s.setString(10, "|" + String.join("|", f.units()) + "|");
                s.setString(11, rows.get(seq));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** One stored submission. */
    public Optional<StoredSubmission> get(String id) throws SQLException {
        try (Connection c = store.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM submissions WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                Optional<StoredSubmission> out = r.next() ? Optional.of(read(r)) : Optional.empty();
                c.rollback();
                return out;
            }
        }
    }

    /**
     * Streams every submission posted on a day (in the ledger's time zone), ordered by id, without
     * holding them all in memory: the nightly batch reads the store this way.
     */
    public void forEachPostedOn(LocalDate day, Consumer<StoredSubmission> action) throws SQLException {
        try (Connection c = store.connection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM submissions WHERE posted_on = ? ORDER BY id")) {
            s.setFetchSize(100); // PostgreSQL streams with a cursor (needs autocommit off, as the pool sets it)
            s.setObject(1, day);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) action.accept(read(r));
            }
            c.rollback();
        }
    }

    /** Findings matching a query, newest first, each as the JSON of a {@link Finding} with its submission. */
    public List<String> findings(FindingQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT finding FROM findings WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.measure() != null) filter(sql, args, " AND measure = ?", q.measure());
        if (q.status() != null) filter(sql, args, " AND status = ?", q.status());
        if (q.subject() != null) filter(sql, args, " AND subject = ?", q.subject());
        if (q.inspector() != null) filter(sql, args, " AND inspector = ?", q.inspector());
        if (q.unit() != null) filter(sql, args, " AND units LIKE ? ESCAPE '\\'", "%|" + likeEscape(q.unit()) + "|%");
        if (q.from() != null) filter(sql, args, " AND posted_on >= ?", q.from());
        if (q.to() != null) filter(sql, args, " AND posted_on <= ?", q.to());
        sql.append(" ORDER BY posted_at DESC, submission DESC, seq ASC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) s.setObject(i + 1, args.get(i));
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) out.add(r.getString(1));
            }
            c.rollback();
            return out;
        }
    }

    private static void filter(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(clause);
        args.add(value);
    }

    private static String likeEscape(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static StoredSubmission read(ResultSet r) throws SQLException {
        return new StoredSubmission(r.getString(1), r.getString(2), r.getObject(3, OffsetDateTime.class),
                r.getObject(4, LocalDate.class), r.getObject(5, LocalDate.class), r.getString(6), r.getString(7), r.getString(8));
    }

    /** SHA-256 of a document with its object keys sorted: equal for the same content in any key order. */
    public static String contentHash(JsonNode document) {
        try {
            byte[] canonical = CANONICAL.writeValueAsBytes(Json.MAPPER.treeToValue(document, Object.class));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return Json.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }}
