package org.lantian.http;

import static org.lantian.http.ApiServer.BASE;

import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lantian.store.AttachmentType;
import org.lantian.store.Attachments;
import org.lantian.store.Attachments.CaseAccess;
import org.lantian.store.Attachments.FileInfo;
import org.lantian.store.Attachments.Posting;
import org.lantian.store.Principal;

/**
 * {@code /cases/{id}/evidence}: a unit posts a note and files (photos, PDF) to its case; whoever may see the
 * case lists and downloads them. A case the caller may not see is 404, as one that does not exist.
 */
final class EvidenceRoutes {
    static final String PATH = BASE + "/cases/{id}/evidence";
    /** Jetty's multipart limits, enforced while it reads the body: a file, and the whole request (ten files and a note). */
    static final long MAX_REQUEST = Attachments.MAX_FILES * Attachments.MAX_FILE_BYTES + (1 << 20);
    /** Parts larger than this go to a temporary file while the request is read, not to memory. */
    static final int IN_MEMORY = 256 * 1024;
    private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";

    private final ServerState state;

    EvidenceRoutes(ServerState state) {
        this.state = state;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(PATH, this::post, ApiRole.UNIT, ApiRole.ADMIN);
        routes.get(PATH, this::list, ApiRole.INSPECTOR, ApiRole.UNIT, ApiRole.ADMIN);
        routes.get(PATH + "/{n}", this::file, ApiRole.INSPECTOR, ApiRole.UNIT, ApiRole.ADMIN);
    }

    /** The case named by the path, if it exists and the caller may see it; else 404 (the same answer for both). */
    private CaseAccess visibleCase(Context ctx) throws SQLException {
        String raw = ctx.pathParam("id");
        Long id = number(raw);
        Principal who = ServerState.principal(ctx);
        Optional<CaseAccess> c = id == null ? Optional.empty() : state.store.attachments().caseAccess(id);
        if (c.isEmpty() || !c.get().visibleTo(who)) throw ApiError.notFound("no case " + raw + " (GET " + BASE + "/cases lists the cases you may see)");
        return c.get();
    }

    private static Long number(String s) {
        if (s == null || !s.matches("[0-9]{1,18}")) return null;
        return Long.parseLong(s);
    }

    private void post(Context ctx) throws SQLException {
        CaseAccess c = visibleCase(ctx);
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            throw new ApiError(415, "send multipart/form-data: a field note (text) and a field file for each file (" + AttachmentType.accepted()
                    + ", at most " + mb(Attachments.MAX_FILE_BYTES) + " each)");
        }
        // A body declared too large is refused before it is read: a client that waits for "100 Continue" sends
        // none of it, and one that does not is not answered halfway through its upload.
        if (ctx.req().getContentLengthLong() > MAX_REQUEST) throw requestTooLarge();
        List<Part> parts = parts(ctx);
        String note = null;
        List<Part> files = new ArrayList<>();
        for (Part p : parts) {
            if (p.getSubmittedFileName() != null) {
                files.add(p);
            } else if ("note".equals(p.getName()) && note == null) {
                note = text(p);
            } else {
                throw ApiError.badRequest("unexpected field \"" + p.getName() + "\": send one field note (text) and a field file for each file");
            }
        }
        if (note != null && note.isBlank()) note = null;
        if (note == null && files.isEmpty()) throw ApiError.badRequest("nothing to post: send a field note, files (field file), or both");
        if (note != null && note.length() > Attachments.MAX_NOTE) {
            throw ApiError.badRequest("note: at most " + Attachments.MAX_NOTE + " characters, found " + note.length() + "; shorten it or attach it as a PDF");
        }
        if (files.size() > Attachments.MAX_FILES) throw full(c.id(), files.size(), -1);
        List<Attachments.NewFile> news = new ArrayList<>();
        for (Part p : files) news.add(checked(p));
        Optional<Posting> posted;
        try {
            posted = state.store.attachments().post(c.id(), ServerState.principal(ctx), note, news);
        } catch (Attachments.CaseFull e) {
            throw full(c.id(), files.size(), e.existing);
        }
        Posting p = posted.orElseThrow(() -> ApiError.notFound("no case " + c.id()));
        ctx.status(201).header("Location", BASE + "/cases/" + c.id() + "/evidence").json(json(c.id(), p));
    }

    private static ApiError full(long id, int posted, int existing) {
        String held = existing < 0 ? "" : "case " + id + " holds " + existing + " already, ";
        int room = existing < 0 ? Attachments.MAX_FILES : Math.max(0, Attachments.MAX_FILES - existing);
        return new ApiError(409, "at most " + Attachments.MAX_FILES + " files a case: " + held + "this posting has " + posted
                + "; send at most " + room + " (combine photos into one PDF if need be)",
                Map.of("maxFiles", Attachments.MAX_FILES, "room", room));
    }

    /**
     * The request's parts, read by Jetty under this route's limits: a part larger than MAX_FILE_BYTES or a
     * body larger than MAX_REQUEST stops the reading with a 413.
     */
    private static List<Part> parts(Context ctx) {
        ctx.req().setAttribute(MULTIPART_CONFIG, new MultipartConfigElement(System.getProperty("java.io.tmpdir"),
                Attachments.MAX_FILE_BYTES, MAX_REQUEST, IN_MEMORY));
        try {
            return new ArrayList<>(ctx.req().getParts());
        } catch (Exception e) {
            String m = messages(e).toLowerCase();
            if (m.contains("file size") || m.contains("filesize")) {
                throw new ApiError(413, "a file is larger than " + mb(Attachments.MAX_FILE_BYTES) + "; send a smaller photo or scan (at most "
                        + mb(Attachments.MAX_FILE_BYTES) + " each)", Map.of("maxFileBytes", Attachments.MAX_FILE_BYTES));
            }
            if (m.contains("request size") || m.contains("max length") || m.contains("too large") || m.contains("exceed")) {
                throw requestTooLarge();
            }
            throw ApiError.badRequest("the multipart body could not be read (" + ApiServer.plain(firstMessage(e))
                    + "); send multipart/form-data with a field note and a field file for each file");
        }
    }

    private static ApiError requestTooLarge() {
        return new ApiError(413, "the request is larger than " + mb(MAX_REQUEST) + "; send at most " + Attachments.MAX_FILES
                + " files of at most " + mb(Attachments.MAX_FILE_BYTES) + " each", Map.of("maxRequestBytes", MAX_REQUEST));
    }

    private static String messages(Throwable e) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) out.append(t.getClass().getSimpleName()).append(' ').append(t.getMessage()).append("; ");
        return out.toString();
    }

    private static String firstMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t.getMessage() != null) return t.getMessage();
        return e.getClass().getSimpleName();
    }

    private static String text(Part p) {
        try (InputStream in = p.getInputStream()) {
            byte[] b = in.readNBytes(Attachments.MAX_NOTE * 4 + 1);
            return new String(b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw ApiError.badRequest("the field note could not be read; send it again");
        }
    }

    /** A file part as a file to store: its type from its first bytes, never from its name or declared type. */
    private static Attachments.NewFile checked(Part p) {
        String name = fileName(p.getSubmittedFileName());
        long size = p.getSize();
        if (size <= 0) throw ApiError.badRequest("file \"" + name + "\" is empty");
        if (size > Attachments.MAX_FILE_BYTES) {
            throw new ApiError(413, "file \"" + name + "\" is larger than " + mb(Attachments.MAX_FILE_BYTES) + "; send a smaller photo or scan");
        }
        byte[] head;
        String sha;
        try (DigestInputStream in = new DigestInputStream(p.getInputStream(), MessageDigest.getInstance("SHA-256"))) {
            head = in.readNBytes(AttachmentType.HEAD);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            sha = HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw ApiError.badRequest("file \"" + name + "\" could not be read; send it again");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        AttachmentType type = AttachmentType.sniff(head).orElseThrow(() -> new ApiError(415, "file \"" + name
                + "\" is not one of " + AttachmentType.accepted() + ": its content starts with " + hex(head)
                + " (what counts is the content, not the name or the declared type)",
                Map.of("file", name)));
        return new Attachments.NewFile(name, type, size, sha, p::getInputStream);
    }

    /** The name as sent, without a path, control characters or more than 255 characters. */
    static String fileName(String submitted) {
        String s = submitted == null ? "" : submitted;
        s = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf('\\')) + 1);
        s = s.replaceAll("[\\p{Cntrl}]", "").strip();
        if (s.length() > 255) s = s.substring(s.length() - 255);
        return s.isEmpty() ? "file" : s;
    }

    private static String hex(byte[] head) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(8, head.length); i++) out.append(i == 0 ? "" : " ").append(String.format("%02X", head[i]));
        return out.isEmpty() ? "nothing" : out.toString();
    }

    private static String mb(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MB" : bytes + " bytes";
    }

    private void list(Context ctx) throws SQLException {
        CaseAccess c = visibleCase(ctx);
        List<Posting> postings = state.store.attachments().list(c.id());
        List<Map<String, Object>> out = new ArrayList<>();
        int files = 0;
        for (Posting p : postings) {
            out.add(json(c.id(), p));
            files += p.files().size();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("case", c.id());
        body.put("evidence", out);
        body.put("files", files);
        body.put("maxFiles", Attachments.MAX_FILES);
        ctx.json(body);
    }

    private void file(Context ctx) throws SQLException {
        CaseAccess c = visibleCase(ctx);
        String raw = ctx.pathParam("n");
        Long n = number(raw);
        Attachments.StoredFile f = (n == null || n > Integer.MAX_VALUE ? Optional.<Attachments.StoredFile>empty()
                : state.store.attachments().file(c.id(), n.intValue()))
                .orElseThrow(() -> ApiError.notFound("case " + c.id() + " has no file " + raw + " (GET " + BASE + "/cases/" + c.id() + "/evidence lists them)"));
        FileInfo i = f.info();
        // The stored type is the sniffed one; browsers must not guess another, nor run what they show.
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "sandbox; default-src 'none'");
        ctx.header("Content-Disposition", "attachment; filename=\"" + i.name().replaceAll("[^A-Za-z0-9._-]", "_") + "\"; filename*=UTF-8''"
                + URLEncoder.encode(i.name(), StandardCharsets.UTF_8).replace("+", "%20"));
        ctx.header("ETag", "\"" + i.sha256() + "\"");
        ctx.contentType(i.mediaType()).result(f.content());
    }

    private static Map<String, Object> json(long caseId, Posting p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("event", p.event());
        m.put("at", p.at().toString());
        m.put("by", p.by());
        m.put("role", p.role());
        m.put("note", p.note());
        List<Map<String, Object>> files = new ArrayList<>();
        for (FileInfo f : p.files()) {
            Map<String, Object> fm = new LinkedHashMap<>();
            fm.put("n", f.n());
            fm.put("name", f.name());
            fm.put("type", f.mediaType());
            fm.put("bytes", f.bytes());
            fm.put("sha256", f.sha256());
            fm.put("href", BASE + "/cases/" + caseId + "/evidence/" + f.n());
            files.add(fm);
        }
        m.put("files", files);
        return m;
    }
}
