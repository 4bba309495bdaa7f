package org.lantian.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.drools.modelcompiler.CanonicalKieModule;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;

/**
 * Compiled packs on disk, so that a command starts without compiling the DRL again. An entry is the
 * executable-model kjar Drools built ({@code KEY.kjar}) and what Lantian read from the DRL beside it
 * ({@code KEY.json}, which also holds the kjar's SHA-256). The key covers the pack's ledger, DRL files and decision tables,
 * this build of Lantian and the Drools in use, so a changed pack or program never meets an old entry; an
 * entry whose kjar does not match its checksum is not used.
 */
public final class PackCache {
    /** Bumped when what an entry holds changes shape. */
    static final String FORMAT = "lantian-pack-cache 1";
    /** Entries kept: the most recently written; older ones (other packs, earlier builds) are removed. */
    static final int KEEP = 16;

    private static volatile String programFingerprint;

    private final Path dir;

    public PackCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The cache every command shares: {@code -Dlantian.cache=DIR}, else {@code $LANTIAN_CACHE}, else
     * {@code $XDG_CACHE_HOME/lantian}, else {@code ~/.cache/lantian}. {@code -Dlantian.cache=off} turns it off.
     */
    public static Optional<PackCache> standard() {
        String configured = System.getProperty("lantian.cache", System.getenv("LANTIAN_CACHE"));
        if ("off".equals(configured)) return Optional.empty();
        if (configured != null && !configured.isBlank()) return Optional.of(new PackCache(Path.of(configured)));
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return Optional.of(new PackCache(base.resolve("lantian")));
    }

    public Path dir() {
        return dir;
    }

    /** The entry's key: the pack's files (names and content), this program and the Drools it runs. */
    public static String key(RulePack pack) throws PackException {
        MessageDigest d = sha256();
        update(d, FORMAT);
        update(d, program());
        update(d, RulePack.LEDGER_FILE);
        update(d, RulePack.read(pack.dir().resolve(RulePack.LEDGER_FILE)));
        for (Path drl : pack.drlFiles()) {
            update(d, drl.getFileName().toString());
            update(d, RulePack.read(drl));
        }
        for (Path table : pack.tableFiles()) {
            update(d, table.getFileName().toString());
            update(d, HexFormat.of().formatHex(sha256().digest(read(table))));
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static byte[] read(Path file) throws PackException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PackException(file + ": " + e.getMessage());
        }
    }

    Path kjar(String key) {
        return dir.resolve(key + ".kjar");
    }

    Path index(String key) {
        return dir.resolve(key + ".json");
    }

    /** The entry's kjar bytes and index text, if both are there and the kjar matches its checksum. */
    Optional<Entry> read(String key) {
        try {
            String index = Files.readString(index(key));
            byte[] kjar = Files.readAllBytes(kjar(key));
            Entry entry = new Entry(key, kjar, index);
            return entry.intact() ? Optional.of(entry) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Writes an entry: the kjar first, the index last, each by an atomic rename, so a reader sees all of it or none. */
    void write(String key, byte[] kjar, String index) throws IOException {
        Files.createDirectories(dir);
        replace(kjar(key), kjar);
        replace(index(key), index.getBytes(StandardCharsets.UTF_8));
        prune();
    }

    private void prune() throws IOException {
        List<Path> indexes;
        try (Stream<Path> files = Files.list(dir)) {
            indexes = files.filter(f -> f.getFileName().toString().matches("[0-9a-f]{64}\\.json")).collect(
                    java.util.stream.Collectors.toCollection(ArrayList::new));
        }
        if (indexes.size() <= KEEP) return;
        indexes.sort(java.util.Comparator.comparing((Path f) -> {
            try {
                return Files.getLastModifiedTime(f).toMillis();
            } catch (IOException e) {
                return 0L;
            }
        }).reversed());
        for (Path old : indexes.subList(KEEP, indexes.size())) discard(old.getFileName().toString().replace(".json", ""));
    }

    /** Removes an entry that failed to load, so that the next start does not try it again. */
    void discard(String key) {
        try {
            Files.deleteIfExists(index(key));
            Files.deleteIfExists(kjar(key));
        } catch (IOException e) {
            // a later write replaces it anyway
        }
    }

    private void replace(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One cache entry as read from disk. The index's first two lines are the format and the kjar's SHA-256. */
    record Entry(String key, byte[] kjar, String index) {
        boolean intact() {
            List<String> lines = index.lines().limit(3).toList();
            return lines.size() == 3 && lines.get(0).equals(FORMAT) && lines.get(1).equals(key)
                    && lines.get(2).equals(sha256Hex(kjar));
        }

        /** What follows the header lines: the rules' index as {@link PackCompiler} wrote it. */
        String body() {
            int at = 0;
            for (int i = 0; i < 3; i++) at = index.indexOf('\n', at) + 1;
            return index.substring(at);
        }

        static String header(String key, byte[] kjar) {
            return FORMAT + "\n" + key + "\n" + sha256Hex(kjar) + "\n";
        }
    }

    /**
     * Identifies this build of Lantian and of Drools: the SHA-256 of Lantian's jar (or, run from a classes
     * folder, the names, sizes and times of its files) and the name and size of the Drools jar that loads
     * executable models. Worked out once per process.
     */
    static String program() {
        String p = programFingerprint;
        if (p == null) {
            p = fingerprint(PackCache.class) + "/" + fingerprint(CanonicalKieModule.class);
            programFingerprint = p;
        }
        return p;
    }

    private static String fingerprint(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) return type.getName();
        try {
            Path where = Path.of(source.getLocation().toURI());
            if (Files.isDirectory(where)) return folderFingerprint(where);
            if (type == PackCache.class) {
                MessageDigest d = sha256();
                try (InputStream in = Files.newInputStream(where)) {
                    byte[] buffer = new byte[65536];
                    for (int n; (n = in.read(buffer)) > 0; ) d.update(buffer, 0, n);
                }
                return HexFormat.of().formatHex(d.digest());
            }
            return where.getFileName() + ":" + Files.size(where);
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return type.getName() + ":unknown";
        }
    }

    private static String folderFingerprint(Path folder) throws IOException {
        MessageDigest d = sha256();
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                if (a.isRegularFile()) lines.add(folder.relativize(f) + ":" + a.size() + ":" + a.lastModifiedTime().toMillis());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        lines.sort(null);
        lines.forEach(l -> update(d, l));
        return HexFormat.of().formatHex(d.digest());
    }

    private static void update(MessageDigest d, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        d.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        d.update(bytes);
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
