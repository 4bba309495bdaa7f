package org.lantian.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rectification evidence: a unit's notes and files posted to its case (docs/alerts.md). A posting is one
 * transaction: its case event (from = to = the case's status), its row and its files, or nothing. The case's
 * row is locked while the files are counted, so two postings at once cannot pass {@link #MAX_FILES} together.
 */
public final class Attachments {
    public static final int MAX_FILES = 10;
    public static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    /** A note's length in characters (the case event's note holds it with a short prefix). */
    public static final int MAX_NOTE = 1800;

    private final Store store;

    Attachments(Store store) {
        this.store = store;
    }

    /** A case as far as evidence needs it: its status and units (who may see it). */
    public record CaseAccess(long id, String status, List<String> units) {
        /** Admin and inspector see every case; a unit token the cases of its unit. */
        public boolean visibleTo(Principal p) {
            return p.role() != Role.UNIT || units.contains(p.unit());
        }
    }

    /** A file to store: its name as sent, its sniffed type, size and SHA-256, and its content (opened when written). */
    public record NewFile(String name, AttachmentType type, long bytes, String sha256, Content content) {
    }

    /** Opens a file's content; called once, while the posting's transaction writes it. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** A stored file without its content. */
    public record FileInfo(int n, String name, String mediaType, long bytes, String sha256) {
    }

    /** A stored file with its content. */
    public record StoredFile(FileInfo info, byte[] content) {
    }

    /** A posting as listed: when, by which token and role, the note and its files. */
    public record Posting(long id, long event, OffsetDateTime at, String by, String role, String note, List<FileInfo> files) {
    }

    /** The case already holds this many files; the posting would pass {@link #MAX_FILES}. */
    public static final class CaseFull extends Exception {
        public final int existing;

        CaseFull(int existing) {
            super(null, null, false, false);
            this.existing = existing;
        }
    }

    public Optional<CaseAccess> caseAccess(long caseId) throws SQLException {
        try (Connection c = store.connection()) {
            Optional<CaseAccess> out = caseAccess(c, caseId, false);
            c.rollback();
            return out;
        }
    }

    private static Optional<CaseAccess> caseAccess(Connection c, long caseId, boolean lock) throws SQLException {
        String status;
        try (PreparedStatement s = c.prepareStatement("SELECT status FROM cases WHERE id = ?" + (lock ? " FOR UPDATE" : ""))) {
            s.setLong(1, caseId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) return Optional.empty();
                status = r.getString(1);
            }
        }
        List<String> units = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT unit FROM case_units WHERE case_id = ? ORDER BY unit")) {
            s.setLong(1, caseId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) units.add(r.getString(1));
            }
        }
        return Optional.of(new CaseAccess(caseId, status, List.copyOf(units)));
    }

    /**
     * Stores a posting of a note and files to a case, with its case event, in one transaction. Empty when the
     * case does not exist (any more).
     */
    public Optional<Posting> post(long caseId, Principal who, String note, List<NewFile> files) throws SQLException, CaseFull {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = store.connection()) {
            try {
                Optional<CaseAccess> access = caseAccess(c, caseId, true);
                if (access.isEmpty()) {
                    c.rollback();
                    return Optional.empty();
                }
                int existing = count(c, caseId);
                if (existing + files.size() > MAX_FILES) throw new CaseFull(existing);
                String status = access.get().status();
                long event = insertEvent(c, caseId, now, who, status, eventNote(note, files));
                long id;
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO evidence (case_id, event_id, at, actor, role, note) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                    s.setLong(1, caseId);
                    s.setLong(2, event);
                    s.setObject(3, now);
                    s.setString(4, who.tokenId());
                    s.setString(5, who.role().name());
                    s.setString(6, note);
                    s.executeUpdate();
                    id = generated(s);
                }
                List<FileInfo> infos = new ArrayList<>();
                try (PreparedStatement s = c.prepareStatement("INSERT INTO attachments"
                        + " (case_id, n, evidence_id, file_name, media_type, bytes, sha256, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int n = existing;
                    for (NewFile f : files) {
                        FileInfo info = new FileInfo(++n, f.name(), f.type().mediaType(), f.bytes(), f.sha256());
                        try (InputStream in = f.content().open()) {
                            s.setLong(1, caseId);
                            s.setInt(2, info.n());
                            s.setLong(3, id);
                            s.setString(4, info.name());
                            s.setString(5, info.mediaType());
                            s.setLong(6, info.bytes());
                            s.setString(7, info.sha256());
                            s.setBinaryStream(8, in, info.bytes());
                            s.executeUpdate();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        infos.add(info);
                    }
                }
                c.commit();
                return Optional.of(new Posting(id, event, now, who.tokenId(), who.role().name(), note, List.copyOf(infos)));
            } catch (SQLException | CaseFull | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The case event's note: what was posted, then the unit's note. */
    static String eventNote(String note, List<NewFile> files) {
        String head = "evidence: " + files.size() + (files.size() == 1 ? " file" : " files");
        return note == null || note.isBlank() ? head : head + "; " + note;
    }

    private static int count(Connection c, long caseId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM attachments WHERE case_id = ?")) {
            s.setLong(1, caseId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    private static long insertEvent(Connection c, long caseId, OffsetDateTime now, Principal who, String status, String note)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO case_events (case_id, at, actor, role, from_status, to_status, note)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            s.setLong(1, caseId);
            // case_events.at is a TIMESTAMP without zone, kept in UTC.
            s.setObject(2, LocalDateTime.ofInstant(now.toInstant(), ZoneOffset.UTC));
            s.setString(3, who.tokenId());
            s.setString(4, who.role().name());
            s.setString(5, status);
            s.setString(6, status);
            s.setString(7, note.length() > 2000 ? note.substring(0, 2000) : note);
            s.executeUpdate();
            return generated(s);
        }
    }

    private static long generated(PreparedStatement s) throws SQLException {
        try (ResultSet keys = s.getGeneratedKeys()) {
            if (!keys.next()) throw new SQLException("no generated key");
            return keys.getLong(1);
        }
    }

    /** A case's postings, oldest first, each with its files. */
    public List<Posting> list(long caseId) throws SQLException {
        Map<Long, Posting> postings = new LinkedHashMap<>();
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT e.id, e.event_id, e.at, e.actor, e.role, e.note, a.n, a.file_name, a.media_type, a.bytes, a.sha256"
                        + " FROM evidence e LEFT JOIN attachments a ON a.evidence_id = e.id WHERE e.case_id = ? ORDER BY e.id, a.n")) {
            s.setLong(1, caseId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    Posting p = postings.get(id);
                    if (p == null) {
                        p = new Posting(id, r.getLong(2), r.getObject(3, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC),
                                r.getString(4), r.getString(5), r.getString(6), new ArrayList<>());
                        postings.put(id, p);
                    }
                    if (r.getObject(7) != null) {
                        p.files().add(new FileInfo(r.getInt(7), r.getString(8), r.getString(9), r.getLong(10), r.getString(11)));
                    }
                }
            }
            c.rollback();
        }
        List<Posting> out = new ArrayList<>();
        for (Posting p : postings.values()) out.add(new Posting(p.id(), p.event(), p.at(), p.by(), p.role(), p.note(), List.copyOf(p.files())));
        return out;
    }

    /** A case's file number n with its content, or empty. */
    public Optional<StoredFile> file(long caseId, int n) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT file_name, media_type, bytes, sha256, content FROM attachments WHERE case_id = ? AND n = ?")) {
            s.setLong(1, caseId);
            s.setInt(2, n);
            try (ResultSet r = s.executeQuery()) {
                Optional<StoredFile> out = r.next()
                        ? Optional.of(new StoredFile(new FileInfo(n, r.getString(1), r.getString(2), r.getLong(3), r.getString(4)), r.getBytes(5)))
                        : Optional.empty();
                c.rollback();
                return out;
            }
        }
    }
}
