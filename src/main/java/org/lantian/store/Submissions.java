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
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.lantian.Json;
import org.lantian.domain.Finding;

/** Submissions and their findings in the store. Every value reaches SQL as a bound parameter. */
public final class Submissions {
    private static final ObjectWriter CANONICAL = Json.MAPPER.writer().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    private static final String COLUMNS = "id, inspector, posted_at, posted_on, as_of, pack_hash, document, report";

    private final Store store;

    Submissions(Store store) {
        this.store = store;
    }

    /** What posting a submission did: stored it, found the same content stored already, or found other content. */
    public enum Outcome { CREATED, SAME, CONFLICT }

    /** The outcome and the findings document the caller gets back (the stored one unless CREATED). */
    public record Posted(Outcome outcome, String report) {
    }

    /**
     * A submission evaluated and ready to store. {@code postedOn} is the ledger day {@code postedAt} falls on (the
     * night it belongs to); {@code report} is the findings document as JSON text.
     */
    public record NewSubmission(String id, String inspector, String contentHash, OffsetDateTime postedAt, LocalDate postedOn,
                                LocalDate asOf, String packHash, String document, String report, List<Finding> findings) {
    }

    /** The content hash and findings document stored under an id, if any: a re-post is answered from here. */
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
     * Stores a submission and its findings in one transaction, committed before this returns. When the id
     * is taken (also by a concurrent post that committed first) nothing is written and the stored
     * content decides: SAME or CONFLICT.
     */
    public Posted insert(NewSubmission n) throws SQLException {
        return insert(n, null);
    }

    /**
     * Stores a submission and records its accepted facts in history ({@link History}) in the same
     * transaction, judged on {@code n.asOf()}; {@code facts} null records none.
     */
    public Posted insert(NewSubmission n, List<History.Entry> facts) throws SQLException {
        return insert(n, facts, null);
    }

    /**
     * Stores a submission, records its facts and moves the cases of its findings ({@link Cases}, {@code moves} null
     * moves none) in one transaction: a re-post (SAME) moves nothing again.
     */
    public Posted insert(NewSubmission n, List<History.Entry> facts, Cases.Moves moves) throws SQLException {
        try (Connection c = store.connection()) {
            try {
                write(c, n);
                if (facts != null) History.record(c, n.id(), n.asOf(), facts);
                if (moves != null) {
                    store.cases().writing.lock();
                    try {
                        Cases.apply(c, moves);
                        c.commit();
                    } finally {
                        store.cases().writing.unlock();
                    }
                } else {
                    c.commit();
                }
                return new Posted(Outcome.CREATED, n.report());
            } catch (SQLException e) {
                c.rollback();
                // A unique-key violation (23505) or, in H2, a lock wait on the row another post is writing.
                // Same connection: a second one from the pool could deadlock when every request holds one.
                Optional<Posted> existing = compare(c, n.id(), n.contentHash());
                if (existing.isPresent()) return existing.get();
                throw e;
            }
        }
    }

    private static void write(Connection c, NewSubmission n) throws SQLException {
        LocalDate postedOn = n.postedOn();
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
                + "measure, rule_id, subject, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
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
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO finding_units (submission, seq, unit) VALUES (?, ?, ?)")) {
            for (int seq = 0; seq < n.findings().size(); seq++) {
                for (String unit : new LinkedHashSet<>(n.findings().get(seq).units())) {
                    s.setString(1, n.id());
                    s.setInt(2, seq);
                    s.setString(3, unit);
                    s.addBatch();
                }
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
    /** About how many bytes the documents posted on a day take: how the batch sizes its partitions. */
    public long bytesPostedOn(LocalDate day) throws SQLException {
        try (Connection c = store.connection();
             PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(OCTET_LENGTH(document)), 0) FROM submissions WHERE posted_on = ?")) {
            s.setObject(1, day);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long bytes = r.getLong(1);
                c.rollback();
                return bytes;
            }
        }
    }

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

    /**
     * Findings matching a query, newest first, every filter an exact match (a unit is one of the finding's
     * units; {@code %} and {@code _} are characters like any other), each as the JSON of a {@link Finding} with its submission.
     * The rows say which findings match; the findings themselves are taken from their submissions' stored
     * findings documents, read in the same transaction.
     */
    public List<String> findings(FindingQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT submission, seq FROM findings WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.measure() != null) filter(sql, args, " AND measure = ?", q.measure());
        if (q.status() != null) filter(sql, args, " AND status = ?", q.status());
        if (q.subject() != null) filter(sql, args, " AND subject = ?", q.subject());
        if (q.inspector() != null) filter(sql, args, " AND inspector = ?", q.inspector());
        if (q.unit() != null) {
            filter(sql, args, " AND EXISTS (SELECT 1 FROM finding_units u WHERE u.submission = findings.submission"
                    + " AND u.seq = findings.seq AND u.unit = ?)", q.unit());
        }
        if (q.from() != null) filter(sql, args, " AND posted_on >= ?", q.from());
        if (q.to() != null) filter(sql, args, " AND posted_on <= ?", q.to());
        sql.append(" ORDER BY posted_at DESC, submission DESC, seq ASC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        try (Connection c = store.connection()) {
            List<String> ids = new ArrayList<>();
            List<Integer> seqs = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) s.setObject(i + 1, args.get(i));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                        seqs.add(r.getInt(2));
                    }
                }
            }
            Map<String, List<String>> bySubmission = findingsOf(c, new LinkedHashSet<>(ids));
            c.rollback();
            List<String> out = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) out.add(bySubmission.get(ids.get(i)).get(seqs.get(i)));
            return out;
        }
    }

    /** The findings of each submission, in order, taken from its stored findings document. */
    private static Map<String, List<String>> findingsOf(Connection c, Set<String> ids) throws SQLException {
        Map<String, List<String>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("SELECT id, report FROM submissions WHERE id IN (" + marks + ")")) {
            int i = 1;
            for (String id : ids) s.setString(i++, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) out.put(r.getString(1), FindingsDocument.findings(r.getString(2), r.getString(1)));
            }
        }
        return out;
    }

    private static void filter(StringBuilder sql, List<Object> args, String clause, Object value) {
        sql.append(clause);
        args.add(value);
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
}
