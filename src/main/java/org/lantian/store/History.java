package org.lantian.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.lantian.Json;
import org.lantian.domain.Fact;
import org.lantian.domain.Submission;
import org.lantian.input.FactTypes;
import org.lantian.pack.Ledger;
import org.lantian.pack.Period;

/**
 * Every accepted fact, kept so that a target is judged over its period with the facts of earlier days. A
 * submission's facts are recorded once (recording its id again changes nothing); an evaluation as of a day
 * loads, for each fact type the pack names in its history map, the facts of the period containing that day
 * (never of a later day, nor recorded on a later day, so a re-run night sees what it saw).
 */
public final class History {
    /** Submission ids asked about in one statement. */
    private static final int IDS = 500;
    /** Rows sent to the database in one JDBC batch. */
    private static final int ROWS = 1000;

    private final Store store;

    History(Store store) {
        this.store = store;
    }

    /** Rows sorted and sent at a time: a 10,000-record night in one run, a larger one in runs of this many (some MB). */
    private static final int RUN = 10_000;

    /** A fact of a night to record: the submission it came with, its place in it, and the fact. */
    private record Row(String submission, int seq, Entry entry) {
        /** The order a night's rows are laid down in: as a night's load reads them, by type, day and key. */
        static final java.util.Comparator<Row> LAYOUT = java.util.Comparator.<Row, String>comparing(r -> r.entry().type())
                .thenComparing(r -> r.entry().day())
                .thenComparing(r -> r.entry().partitionKey(), java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
                .thenComparing(Row::submission)
                .thenComparingInt(Row::seq);
    }

    /** A fact to record: its type's simple name, subject, partition key, day and JSON. */
    public record Entry(String type, String subject, String partitionKey, LocalDate day, String json) {
        /** Type and content: two facts with the same are the same report. */
        public String sameness() {
            return type + '\u0000' + json;
        }

        /** The fact bound again as JSON; its day is its own {@code date} or else {@code judgedOn}. */
        public static Entry of(Fact fact, LocalDate judgedOn) {
            try {
                return new Entry(fact.getClass().getSimpleName(), fact.subject(), fact.partitionKey(),
                        dayOf(fact, judgedOn), Json.MAPPER.writeValueAsString(fact));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a " + fact.getClass().getSimpleName() + " cannot be written as JSON", e);
            }
        }
    }

    /** A stored fact as loaded: the submission it came with, its day, type, partition key and JSON. */
    public record Stored(String submission, LocalDate day, String type, String subject, String partitionKey, String json) {
        /** Type and content, as {@link Entry#sameness()}. */
        public String sameness() {
            return type + '\u0000' + json;
        }

        public Class<? extends Fact> factType() {
            return FactTypes.byName(type).orElseThrow(() -> new IllegalStateException("history holds a fact of type "
                    + type + ", which this version does not know"));
        }

        public Fact fact() {
            try {
                return Json.MAPPER.readerFor(factType()).readValue(json);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored " + type + " of submission " + submission + " is not readable", e);
            }
        }
    }

    /** The days of one fact type that an evaluation needs, both ends inclusive. */
    public record Window(String type, LocalDate from, LocalDate to) {
    }

    /** A fact's day: its {@code date} component when it has one, else the day it is judged on. */
    static LocalDate dayOf(Fact fact, LocalDate judgedOn) {
        Optional<Method> date = DATE.get(fact.getClass());
        if (date.isEmpty()) return judgedOn;
        try {
            LocalDate d = (LocalDate) date.get().invoke(fact);
            return d == null ? judgedOn : d;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fact type's {@code date} accessor, looked up once a type (getRecordComponents copies them on every call). */
    private static final ClassValue<Optional<Method>> DATE = new ClassValue<>() {
        @Override
        protected Optional<Method> computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            if (components == null) return Optional.empty();
            for (RecordComponent c : components) {
                if (c.getName().equals("date") && c.getType() == LocalDate.class) return Optional.of(c.getAccessor());
            }
            return Optional.empty();
        }
    };

    /**
     * The windows an evaluation as of {@code asOf} needs: for each fact type in the pack's history map, the
     * period containing {@code asOf}, and with {@code touched} (the days of the facts being judged, by type)
     * also the periods containing those days; never past {@code asOf}.
     */
    public static List<Window> windows(Ledger ledger, LocalDate asOf, Map<String, ? extends Collection<LocalDate>> touched) {
        return windows(ledger.history(), (kind, day) -> org.lantian.pack.Periods.containing(kind, day, ledger), asOf, touched);
    }

    /** Which period of a kind contains a day. */
    public interface Periods {
        Period containing(String kind, LocalDate day);
    }

    public static List<Window> windows(Map<String, String> kinds, Periods periods, LocalDate asOf,
                                       Map<String, ? extends Collection<LocalDate>> touched) {
        List<Window> out = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(kinds).entrySet()) {
            List<Window> spans = new ArrayList<>();
            for (String kind : Ledger.kinds(e.getValue())) {
                Period p = periods.containing(kind, asOf);
                LocalDate from = p.from();
                LocalDate to = p.to().isAfter(asOf) ? asOf : p.to();
                Collection<LocalDate> days = touched.get(e.getKey());
                for (LocalDate day : days == null ? List.<LocalDate>of() : days) {
                    if (day.isAfter(asOf)) continue;
                    Period q = periods.containing(kind, day);
                    if (q.from().isBefore(from)) from = q.from();
                }
                if (!from.isAfter(to)) spans.add(new Window(e.getKey(), from, to));
            }
            out.addAll(merged(spans));
        }
        return out;
    }

    /**
     * The fact types of the pack's history map whose stored facts a night as of {@code asOf} judges for every
     * subject: those of a day or a week (a few days of facts), and those with a period that ends on or before
     * {@code asOf} (a Sunday, a quarter's or a year's last day, the pack's deadlines once past) or a due date
     * (a milestone, a seasonal deadline's end) on {@code asOf} of a measure whose rules read the type (of any
     * measure when {@code readers} names none for it). On other nights a longer period is still running: its
     * stored facts only need judging with the subjects the night brings (issue 13 item 4).
     */
    public static Set<String> everySubject(Ledger ledger, LocalDate asOf, Map<String, Set<Integer>> readers) {
        Set<String> out = new java.util.TreeSet<>();
        for (Map.Entry<String, String> e : ledger.history().entrySet()) {
            for (String kind : Ledger.kinds(e.getValue())) {
                boolean ends = kind.equals("day") || kind.equals("week")
                        || !org.lantian.pack.Periods.containing(kind, asOf, ledger).to().isAfter(asOf)
                        || kind.startsWith("deadline") && dueOn(ledger, asOf, readers.get(e.getKey()));
                if (ends) out.add(e.getKey());
            }
        }
        return out;
    }

    /** True when a measure (one of {@code measures}, or any when null) is due on the day. */
    private static boolean dueOn(Ledger ledger, LocalDate day, Set<Integer> measures) {
        for (org.lantian.pack.Measure m : ledger.measures()) {
            if (measures != null && !measures.contains(m.number())) continue;
            org.lantian.pack.Deadline d = m.deadline();
            if (d == null) continue;
            if (day.equals(d.due())) return true;
            if (d.milestones() != null && d.milestones().stream().anyMatch(x -> day.equals(x.due()))) return true;
            if (d.period() != null && ledger.periods() != null && ledger.periods().containsKey(d.period())
                    && day.equals(ledger.period(d.period()).to())) return true;
        }
        return false;
    }

    /** Windows of one type joined where they overlap or meet, oldest first: no stored fact is loaded twice. */
    static List<Window> merged(List<Window> spans) {
        List<Window> sorted = new ArrayList<>(spans);
        sorted.sort(java.util.Comparator.comparing(Window::from).thenComparing(Window::to));
        List<Window> out = new ArrayList<>();
        for (Window w : sorted) {
            Window last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && (last.to().equals(LocalDate.MAX) || !w.from().isAfter(last.to().plusDays(1)))) {
                if (w.to().isAfter(last.to())) out.set(out.size() - 1, new Window(last.type(), last.from(), w.to()));
            } else {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * A submission's facts with the stored facts its evaluation as of a day needs: those of its facts'
     * partition keys (what rules see together) over the periods its facts touch, but its own, and none
     * identical to a fact already there (the same report sent again under another id counts once).
     */
    public List<Fact> withHistory(Ledger ledger, Submission s, LocalDate asOf) throws SQLException {
        Map<String, List<LocalDate>> touched = new TreeMap<>();
        Set<String> keys = new java.util.TreeSet<>();
        Set<String> seen = new HashSet<>();
        for (Fact f : s.facts()) {
            touched.computeIfAbsent(f.getClass().getSimpleName(), k -> new ArrayList<>()).add(dayOf(f, asOf));
            if (f.partitionKey() != null) keys.add(f.partitionKey());
            Entry e = Entry.of(f, asOf);
            seen.add(e.sameness());
        }
        List<Fact> out = new ArrayList<>(s.facts());
        forEach(windows(ledger, asOf, touched), asOf, keys, Set.of(s.submission()), stored -> {
            if (seen.add(stored.sameness())) out.add(stored.fact());
        });
        return out;
    }

    /** A submission's facts as history entries, judged as of a day. */
    public static List<Entry> entries(Submission s, LocalDate asOf) {
        return s.facts().stream().map(f -> Entry.of(f, asOf)).toList();
    }

    /**
     * Records a submission's facts unless its id is recorded already; true when it recorded them. Its own
     * transaction, committed before it returns.
     */
    public boolean record(String submission, LocalDate judgedOn, List<Entry> facts) throws SQLException {
        try (Connection c = store.connection()) {
            try {
                boolean done = record(c, submission, judgedOn, facts);
                c.commit();
                return done;
            } catch (SQLException e) {
                c.rollback();
                if (!recorded(c, List.of(submission)).isEmpty()) return false; // recorded meanwhile by another
                throw e;
            }
        }
    }

    /** Records in the caller's transaction (a post records its facts with its submission). */
    static boolean record(Connection c, String submission, LocalDate judgedOn, List<Entry> facts) throws SQLException {
        if (!recorded(c, List.of(submission)).isEmpty()) return false;
        insertSubmission(c, submission, judgedOn, facts.size());
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            for (int i = 0; i < facts.size(); i++) bind(s, submission, i, judgedOn, facts.get(i)).addBatch();
            if (!facts.isEmpty()) s.executeBatch();
        }
        return true;
    }

    private static final String INSERT = "INSERT INTO history (submission, seq, fact_day, recorded_on, fact_type, subject, "
            + "partition_key, fact) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private static PreparedStatement bind(PreparedStatement s, String submission, int seq, LocalDate recordedOn, Entry e)
            throws SQLException {
        s.setString(1, submission);
        s.setInt(2, seq);
        s.setObject(3, e.day());
        s.setObject(4, recordedOn);
        s.setString(5, e.type());
        s.setString(6, e.subject());
        s.setString(7, e.partitionKey());
        s.setString(8, e.json());
        return s;
    }

    private static void insertSubmission(Connection c, String submission, LocalDate recordedOn, int facts) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO history_submissions (submission, recorded_on, facts) VALUES (?, ?, ?)")) {
            s.setString(1, submission);
            s.setObject(2, recordedOn);
            s.setInt(3, facts);
            s.executeUpdate();
        }
    }

    /** Which of these submission ids are recorded. */
    public Set<String> recorded(Collection<String> submissions) throws SQLException {
        try (Connection c = store.connection()) {
            Set<String> out = recorded(c, submissions);
            c.rollback();
            return out;
        }
    }

    private static Set<String> recorded(Connection c, Collection<String> submissions) throws SQLException {
        Set<String> out = new HashSet<>();
        List<String> ids = new ArrayList<>(submissions);
        for (int i = 0; i < ids.size(); i += IDS) {
            List<String> chunk = ids.subList(i, Math.min(ids.size(), i + IDS));
            String marks = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement s = c.prepareStatement("SELECT submission FROM history_submissions WHERE submission IN ("
                    + marks + ")")) {
                for (int j = 0; j < chunk.size(); j++) s.setString(j + 1, chunk.get(j));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) out.add(r.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * The fact types of the pack's history map whose stored facts a night as of {@code asOf} loads for every subject:
     * {@link #everySubject} and the context types (the weather, seen by every partition).
     */
    public static Set<String> loadedForEverySubject(Ledger ledger, LocalDate asOf, Map<String, Set<Integer>> readers) {
        Set<String> every = new java.util.TreeSet<>(everySubject(ledger, asOf, readers));
        for (String type : ledger.history().keySet()) {
            if (FactTypes.byName(type).map(t -> t.isAnnotationPresent(org.lantian.domain.Context.class)).orElse(true)) every.add(type);
        }
        return every;
    }

    /**
     * Streams the stored facts a night judged as of {@code asOf} needs, as the batch and {@code lantian impact} load
     * them: of the types {@link #loadedForEverySubject} every stored fact of their windows; of the others only those
     * of the partition keys the night judges anyway, which are {@code keys} (the night's own facts' keys and the
     * registered subjects; the set is added to) and the keys of the facts loaded for every subject. So a running
     * quarter or year costs what the night's subjects have stored, not the store. {@code excluded}: submissions
     * judged again from their input.
     */
    public void forEachOfNight(Ledger ledger, Map<String, Set<Integer>> readers, LocalDate asOf, Set<String> keys,
                               Set<String> excluded, Consumer<Stored> action) throws SQLException {
        List<Window> windows = windows(ledger, asOf, Map.of());
        Set<String> every = loadedForEverySubject(ledger, asOf, readers);
        forEach(windows.stream().filter(w -> every.contains(w.type())).toList(), asOf, null, excluded, stored -> {
            if (stored.partitionKey() != null) keys.add(stored.partitionKey());
            action.accept(stored);
        });
        List<Window> keyed = windows.stream().filter(w -> !every.contains(w.type())).toList();
        if (!keyed.isEmpty()) forEach(keyed, asOf, keys, excluded, action);
    }

    /**
     * Streams the stored facts of the windows, judged as of {@code asOf}: facts of a window's days that were
     * recorded on or before {@code asOf}, except those of the {@code excluded} submissions (being judged
     * again from their input), and with {@code partitionKeys} only those of these keys. Ordered by type (as
     * the windows), then (all keys) by day, submission and place in it, or (some keys) so for each key.
     */
    public void forEach(List<Window> windows, LocalDate asOf, Collection<String> partitionKeys, Set<String> excluded,
                        Consumer<Stored> action) throws SQLException {
        try (Connection c = store.connection()) {
            if (store.isH2()) lazy(c, true);
            try {
                forEach(c, windows, asOf, partitionKeys, excluded, action);
            } finally {
                if (store.isH2()) lazy(c, false);
            }
            c.rollback();
        }
    }

    /**
     * H2 builds a query's whole result before its first row is read, above some 34,000 rows in a temporary store: a
     * keyed window's scan of its index entries (tens of thousands) and a quarter's facts of a type. Lazily, H2 passes
     * the rows on as its cursor finds them. Set for the reads of history only, and set back: the connection is pooled.
     */
    private static void lazy(Connection c, boolean lazy) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION " + lazy);
        }
    }

    /** The columns of a stored fact as {@link Placed#read} reads them. */
    static final String COLUMNS = "SELECT submission, fact_day, subject, partition_key, fact, seq FROM history ";
    private static final String SELECT = COLUMNS + "WHERE fact_type = ? AND fact_day >= ? AND fact_day <= ? AND recorded_on <= ?";
    /**
     * By the index's own order (type, day), which H2 reads without sorting and so passes on as it finds the rows;
     * {@link #query} orders each day's rows by submission and place.
     */
    private static final String ORDER = " ORDER BY fact_type, fact_day";

    private void forEach(Connection c, List<Window> windows, LocalDate asOf, Collection<String> partitionKeys, Set<String> excluded,
                         Consumer<Stored> action) throws SQLException {
        if (partitionKeys == null) {
            for (Window w : windows) query(c, SELECT + ORDER, w, asOf, null, excluded, action);
        } else if (store.isH2()) {
            Set<String> keys = partitionKeys instanceof Set<String> set ? set : new java.util.HashSet<>(partitionKeys);
            for (Window w : windows) H2Keyed.read(c, w, asOf, keys, excluded, action);
        } else {
            // PostgreSQL: the keys as one array parameter (= ANY), one index look-up per key in one statement.
            java.sql.Array keys = c.createArrayOf("VARCHAR", new java.util.TreeSet<>(partitionKeys).toArray(new String[0]));
            for (Window w : windows) query(c, SELECT + " AND partition_key = ANY (?)" + ORDER, w, asOf, keys, excluded, action);
        }
    }

    /**
     * The days from {@code from} to {@code to} the store judged: days facts were recorded on (a night's or a post's)
     * or a night's scorecard kept. Oldest first.
     */
    public List<LocalDate> days(LocalDate from, LocalDate to) throws SQLException {
        Set<LocalDate> days = new java.util.TreeSet<>();
        try (Connection c = store.connection()) {
            for (String sql : List.of("SELECT DISTINCT recorded_on FROM history_submissions WHERE recorded_on >= ? AND recorded_on <= ?",
                    "SELECT DISTINCT night FROM night_scores WHERE night >= ? AND night <= ?")) {
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setObject(1, from);
                    s.setObject(2, to);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) days.add(r.getObject(1, LocalDate.class));
                    }
                }
            }
            c.rollback();
        }
        return new ArrayList<>(days);
    }

    /**
     * Streams the facts recorded on a day (the night's own, and posts judged as of that day), by submission and
     * place in it: what was judged that day as its own input.
     */
    public void forEachRecordedOn(LocalDate day, Consumer<Stored> action) throws SQLException {
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement(
                "SELECT submission, fact_day, fact_type, subject, partition_key, fact FROM history WHERE recorded_on = ?"
                        + " ORDER BY submission, seq")) {
            s.setFetchSize(1000);
            s.setObject(1, day);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    action.accept(new Stored(r.getString(1), r.getObject(2, LocalDate.class), r.getString(3), r.getString(4),
                            r.getString(5), r.getString(6)));
                }
            }
            c.rollback();
        }
    }

    /**
     * How many stored facts of the windows were recorded before {@code asOf} (for sizing the batch's partitions:
     * not what the night itself records, so that a re-run night is split the same way). Counted from the index
     * on type, day and day recorded alone.
     */
    public long count(List<Window> windows, LocalDate asOf) throws SQLException {
        long sum = 0;
        try (Connection c = store.connection(); PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM history"
                + " WHERE fact_type = ? AND fact_day >= ? AND fact_day <= ? AND recorded_on < ?")) {
            for (Window w : windows) {
                s.setString(1, w.type());
                s.setObject(2, w.from());
                s.setObject(3, w.to());
                s.setObject(4, asOf);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) sum += r.getLong(1);
                }
            }
            c.rollback();
        }
        return sum;
    }

    /** Runs a statement of {@link #forEach} over a window, its fifth parameter (when {@code keys} is given) the array of keys. */
    private static void query(Connection c, String sql, Window w, LocalDate asOf, java.sql.Array keys, Set<String> excluded,
                              Consumer<Stored> action) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setFetchSize(1000); // PostgreSQL streams with a cursor (autocommit is off)
            s.setString(1, w.type());
            s.setObject(2, w.from());
            s.setObject(3, w.to());
            s.setObject(4, asOf);
            if (keys != null) s.setArray(5, keys);
            try (ResultSet r = s.executeQuery()) {
                List<Placed> day = new ArrayList<>();
                while (r.next()) {
                    if (excluded.contains(r.getString(1))) continue;
                    Placed row = Placed.read(r, w.type());
                    if (!day.isEmpty() && !day.get(0).stored().day().equals(row.stored().day())) passOn(day, action);
                    day.add(row);
                }
                passOn(day, action);
            }
        }
    }

    /** A stored fact with its place in its submission (as read, before it is passed on in order). */
    record Placed(Stored stored, int seq) {
        /** The row a result of {@link #COLUMNS} is on, a fact of this type. */
        static Placed read(ResultSet r, String type) throws SQLException {
            return new Placed(new Stored(r.getString(1), r.getObject(2, LocalDate.class), type, r.getString(3), r.getString(4),
                    r.getString(5)), r.getInt(6));
        }

        /** A day's facts: by submission and place. */
        static final Comparator<Placed> IN_DAY = Comparator.<Placed, String>comparing(x -> x.stored().submission())
                .thenComparingInt(Placed::seq);
        /** Facts of several keys: by key, day, submission and place. */
        static final Comparator<Placed> BY_KEY = Comparator.<Placed, String>comparing(x -> x.stored().partitionKey())
                .thenComparing(x -> x.stored().day()).thenComparing(IN_DAY);
    }

    /** Passes a day's rows on by submission and place, and empties the list. */
    private static void passOn(List<Placed> day, Consumer<Stored> action) {
        day.sort(Placed.IN_DAY);
        for (Placed p : day) action.accept(p.stored());
        day.clear();
    }

    /**
     * Records a night's facts in one transaction: facts of submissions recorded before are skipped (a re-run
     * night changes nothing); {@link Night#commit()} makes the rest visible at once.
     */
    public Night night(LocalDate night, Collection<String> submissions) throws SQLException {
        Connection c = store.connection();
        try {
            return new Night(c, night, recorded(c, submissions));
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * One night's recording, open until committed or closed (closing without commit records nothing). Its
     * statements run on a thread of its own, in the order they were asked for, so that the batch goes on
     * evaluating and writing while the night's rows are sent; a statement that failed makes {@link #commit()}
     * (or the next call) throw, and nothing is committed.
     */
    public static final class Night implements AutoCloseable {
        private final Connection c;
        private final LocalDate night;
        private final Set<String> before;
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private final PreparedStatement insert;
        private final java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "history-night");
            t.setDaemon(true);
            return t;
        });
        private java.util.concurrent.Future<?> last = java.util.concurrent.CompletableFuture.completedFuture(null);
        private volatile SQLException failed;
        private int pending;
        private long added;
        private List<Row> rows = new ArrayList<>();

        private final PreparedStatement failure;
        private int pendingFailures;

        private Night(Connection c, LocalDate night, Set<String> before) throws SQLException {
            this.c = c;
            this.night = night;
            this.before = before;
            this.insert = c.prepareStatement(INSERT);
            // A re-run night replaces its scorecard rows (with the same ones, when its input is the same).
            for (String table : List.of("night_scores", "night_failures")) {
                try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE night = ?")) {
                    s.setObject(1, night);
                    s.executeUpdate();
                }
            }
            this.failure = c.prepareStatement("INSERT INTO night_failures (night, measure, rule_id, subject, units) VALUES (?, ?, ?, ?, ?)");
        }

        private interface Work {
            void run() throws SQLException;
        }

        /** Runs the work on the night's thread after what was asked before; a failure is kept and stops what follows. */
        private void send(Work work) throws SQLException {
            if (failed != null) throw failed;
            last = sender.submit(() -> {
                if (failed != null) return;
                try {
                    work.run();
                } catch (SQLException e) {
                    failed = e;
                } catch (RuntimeException e) {
                    failed = new SQLException(e.toString(), e);
                }
            });
        }

        /** Waits until everything asked for has run; throws what failed. */
        private void drain() throws SQLException {
            try {
                last.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while recording the night", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw new SQLException(e.getCause());
            }
            if (failed != null) throw failed;
        }

        /** Keeps a FAIL finding of the night (measure, rule, subject, units) for bulletins. */
        public void failure(int measure, String rule, String subject, List<String> units) throws SQLException {
            send(() -> {
                failure.setObject(1, night);
                failure.setInt(2, measure);
                failure.setString(3, rule);
                failure.setString(4, subject);
                failure.setString(5, "|" + String.join("|", units) + "|");
                failure.addBatch();
                if (++pendingFailures == ROWS) {
                    failure.executeBatch();
                    pendingFailures = 0;
                }
            });
        }

        private Cases.Night cases;

        /** Moves the cases of the night's findings in the night's transaction ({@link Cases}): committed with it. */
        public void cases(Cases.Moves moves) throws SQLException {
            send(() -> {
                if (cases == null) cases = new Cases.Night(c, night, moves.timing().repeatWithinDays());
                cases.apply(moves);
            });
        }

        /** Keeps the night's scorecard counts (a unit's over all measures has measure 0; a measure's over all units has unit "*"). */
        public void scores(List<Scores.Score> scores) throws SQLException {
            send(() -> {
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO night_scores (night, unit, measure, judged, passed, failed, waived) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (Scores.Score x : scores) {
                        s.setObject(1, night);
                        s.setString(2, x.unit());
                        s.setInt(3, x.measure());
                        s.setLong(4, x.judged());
                        s.setLong(5, x.passed());
                        s.setLong(6, x.failed());
                        s.setLong(7, x.waived());
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            });
        }

        /** True when the submission's facts were recorded before this night's run. */
        public boolean recordedBefore(String submission) {
            return before.contains(submission);
        }

        /** Adds a fact of a submission, unless the submission was recorded before. */
        public void add(String submission, Entry e) throws SQLException {
            if (before.contains(submission)) return;
            int seq = counts.merge(submission, 1, Integer::sum) - 1;
            added++;
            rows.add(new Row(submission, seq, e));
            if (rows.size() == RUN) sendAdded();
        }

        /**
         * Sends the rows added since the last run, ordered as a night's load reads them (type, day, key). Both stores
         * lay rows down in the order they are inserted, so a period's facts of one type sit together on the disk
         * and loading them reads a few pages a night instead of a page a fact. Runs go when full and at the commit; the
         * batch also sends the last when it has evaluated the night, so the rows are inserted while it writes reports.
         */
        public void sendAdded() throws SQLException {
            if (rows.isEmpty()) return;
            List<Row> run = rows;
            rows = new ArrayList<>();
            send(() -> {
                run.sort(Row.LAYOUT);
                for (Row r : run) {
                    bind(insert, r.submission(), r.seq(), night, r.entry()).addBatch();
                    if (++pending == ROWS) flush();
                }
            });
        }

        private void flush() throws SQLException {
            if (pending > 0) insert.executeBatch();
            pending = 0;
        }

        /** Facts added (that will be recorded). */
        public long added() {
            return added;
        }

        public void commit() throws SQLException {
            sendAdded();
            Map<String, Integer> submissions = new LinkedHashMap<>(counts);
            send(() -> {
                flush();
                if (pendingFailures > 0) failure.executeBatch();
                try (PreparedStatement s = c.prepareStatement(
                        "INSERT INTO history_submissions (submission, recorded_on, facts) VALUES (?, ?, ?)")) {
                    int n = 0;
                    for (Map.Entry<String, Integer> e : submissions.entrySet()) {
                        s.setString(1, e.getKey());
                        s.setObject(2, night);
                        s.setInt(3, e.getValue());
                        s.addBatch();
                        if (++n % ROWS == 0) s.executeBatch();
                    }
                    s.executeBatch();
                }
                c.commit();
            });
            drain();
        }

        @Override
        public void close() throws SQLException {
            try {
                try {
                    drain();
                } catch (SQLException e) {
                    // what failed was thrown to the caller already, or the run fails anyway: roll back below
                }
                sender.shutdownNow();
                insert.close();
                failure.close();
                c.rollback();
            } finally {
                c.close();
            }
        }
    }
}
