package org.lantian.tools;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.lantian.Json;
import org.lantian.domain.Context;
import org.lantian.domain.Fact;
import org.lantian.domain.Range;
import org.lantian.domain.Ratio;
import org.lantian.domain.Signed;
import org.lantian.domain.facts.*;
import org.lantian.batch.Registers;
import org.lantian.input.FactTypes;

/**
 * Writes a realistic, deterministic synthetic night as JSON Lines: every registered subject reports (but a
 * few), then made-up subjects of every fact type in {@link FactTypes#all()} fill the night. Types with a
 * hand-made generator get realistic values and about {@code violations} of them break a target; any other
 * type (one added later) is filled from its record components within their validation annotations, so the
 * generator never breaks when a type is added. Facts come in submissions of about 20, mostly as bare facts
 * with a submission id, some as whole submission objects; some are re-sent (identical), a few conflict,
 * and about {@code malformed} of the lines are broken in the ways real exports break (bad JSON, unknown
 * type, wrong field type, invalid UTF-8, a truncated last line).
 */
public final class NightGenerator {
    public record Options(long records, LocalDate asOf, long seed, double violations, double malformed) {
    }

    private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
        @Override
        protected RecordComponent[] computeValue(Class<?> type) {
            return type.getRecordComponents();
        }
    };
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");
    private static final ObjectMapper OUT = Json.MAPPER.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] TOWNS = {"东街街道", "西街街道", "南街街道", "北街街道", "矿区街道", "钟家庄街道", "西上庄街道",
            "开发区街道", "北石店镇", "南村镇"};
    private static final String[] LANES = {"仓巷", "马巷", "井巷", "府前巷", "学巷", "鱼市巷", "铁匠巷", "花园巷", "庙后巷", "书院巷"};
    private static final String[] VILLAGES = {"冶底村", "大张村", "钟家庄村", "西上庄村", "北石店村", "南村", "司徒村", "窑头村"};
    private static final String[] EATERIES = {"太行人家", "老城", "泽州", "凤台", "晋韵", "沁河", "丹河", "上党", "古城", "珏山"};
    private static final String[] EATERY_KINDS = {"土菜馆", "面馆", "烧烤店", "饺子馆", "小吃店", "火锅店", "羊汤馆", "快餐店"};
    private static final String[] PROJECTS = {"建材扩建项目", "物流园二期", "商业综合体", "污水处理厂提标改造", "光伏电站", "医院门诊楼", "学校教学楼"};
    private static final String[] UNITS = {"区生态环境分局", "区住建局", "区工信局", "区市容环卫中心", "区交通运输局"};

    /** At most this many facts of a district-level type (one whose facts share a partition key) per night. */
    static final int GATHERED_PER_NIGHT = 2_000;

    private final Options o;
    private final Registers registers;
    private final SplittableRandom rnd;
    private final List<Class<? extends Fact>> types = FactTypes.all();
    private final Map<Class<?>, Function<Integer, Fact>> made = new LinkedHashMap<>();
    private long written;
    private long submissionNo;

    public NightGenerator(Options options, Registers registers) {
        this.o = options;
        this.registers = registers;
        this.rnd = new SplittableRandom(options.seed());
        made.put(RoadCleaning.class, this::road);
        made.put(Restaurant.class, this::restaurant);
        made.put(EmissionTest.class, this::emissionTest);
        made.put(ProjectApproval.class, this::project);
        made.put(Boiler.class, n -> boiler("B-" + n, null, town()));
    }

    /** Writes the night into a file (replaced if there); returns the number of records written. */
    public long write(Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            return write(out);
        }
    }

    /** Writes the night; returns the number of records written (facts and broken lines). */
    public long write(OutputStream out) throws IOException {
        List<Fact> pending = new ArrayList<>();
        // Context and one-off tasks first, as the office's systems send them.
        for (int d = 6; d >= 0; d--) pending.add(weather(o.asOf().minusDays(d)));
        pending.add(new TaskProgress(4, null, "区生态环境分局", null, null));
        pending.add(new TaskProgress(32, "built", "区交通运输局", o.asOf().minusDays(40), "城区喷涂中心竣工验收"));
        pending.add(new TaskProgress(40, null, "区生态环境分局", null, null));
        for (Class<? extends Fact> t : types) {
            if (t.isAnnotationPresent(Context.class) && t != WeatherDay.class) {
                for (int i = 0; i < 3; i++) pending.add(generic(t, i));
            }
        }
        // Registered subjects: each reports once, but about 3% do not.
        for (Registers.Register register : registers.registers()) {
            int index = 0;
            for (Registers.Entry e : register.entries()) {
                int i = index++;
                if (rnd.nextDouble() < 0.03) continue;
                pending.addAll(registered(e, i));
            }
        }
        long budget = o.records();
        for (Fact f : pending) {
            if (written >= budget) break;
            emit(out, f);
        }
        // Made-up subjects of every type fill the rest of the night.
        List<Class<? extends Fact>> fill = new ArrayList<>();
        for (Class<? extends Fact> t : types) {
            if (t.isAnnotationPresent(Context.class) || t == SanitationVehicle.class || t == TaskProgress.class) continue;
            int weight = t == RoadCleaning.class ? 4 : t == Restaurant.class ? 4 : made.containsKey(t) ? 2 : 1;
            for (int i = 0; i < weight; i++) fill.add(t);
        }
        // A type whose facts share a partition key beyond their subject (campaigns of the district, conversions
        // of a town, trucks of a site) is district-level data: a night holds a bounded number of them, as a real
        // one does, not a share of the records.
        Map<Class<?>, Integer> gathered = new LinkedHashMap<>();
        for (Class<? extends Fact> t : new java.util.LinkedHashSet<>(fill)) {
            Fact probe = made.containsKey(t) ? made.get(t).apply(1) : generic(t, 1);
            // a subject's events of a day ("R-001/2022-06-30" of road R-001) are per-subject data, not gathered
            boolean dayOfOne = probe.day() != null && probe.subject().startsWith(probe.partitionKey() + "/");
            if (!java.util.Objects.equals(probe.partitionKey(), probe.subject()) && !dayOfOne) gathered.put(t, 0);
        }
        int serial = 0;
        while (written < budget && !fill.isEmpty()) {
            Class<? extends Fact> t = fill.get(rnd.nextInt(fill.size()));
            Integer count = gathered.get(t);
            if (count != null) {
                if (count >= GATHERED_PER_NIGHT) {
                    fill.removeIf(t::equals);
                    continue;
                }
                gathered.put(t, count + 1);
            }
            serial++;
            Fact f = made.containsKey(t) ? made.get(t).apply(100_000 + serial) : generic(t, 100_000 + serial);
            emit(out, f);
        }
        flushSubmission(out);
        return written;
    }

    // ---------------------------------------------------------------- output

    private final List<ObjectNode> submission = new ArrayList<>();
    private final List<byte[]> resend = new ArrayList<>();

    /** Adds a fact to the current submission of about 20; every so often a line is broken, re-sent or conflicting. */
    private void emit(OutputStream out, Fact fact) throws IOException {
        ObjectNode node = toJson(fact);
        double r = rnd.nextDouble();
        if (r < o.malformed()) {
            broken(out, node);
            return;
        }
        submission.add(node);
        written++;
        if (submission.size() >= 20) flushSubmission(out);
        if (written >= o.records() && o.malformed() > 0) {
            flushSubmission(out);
            byte[] last = line(node, currentId());
            out.write(Arrays.copyOf(last, last.length / 2)); // a truncated last line, as a killed export leaves
            written++;
        }
    }

    private String currentId() {
        return String.format("S-%s-%06d", o.asOf().toString().replace("-", ""), submissionNo);
    }

    private void flushSubmission(OutputStream out) throws IOException {
        if (submission.isEmpty()) return;
        submissionNo++;
        String id = currentId();
        if (submissionNo % 50 == 0) {
            // A whole submission object on one line, as the inspection app uploads them.
            ObjectNode s = NODES.objectNode();
            s.put("submission", id);
            s.put("inspector", String.format("INS-%02d", 1 + submissionNo % 40));
            s.put("submittedAt", o.asOf() + "T" + String.format("%02d:%02d:00+08:00", 8 + submissionNo % 12, submissionNo % 60));
            ArrayNode facts = s.putArray("facts");
            submission.forEach(facts::add);
            out.write(OUT.writeValueAsBytes(s));
            out.write('\n');
        } else {
            for (ObjectNode f : submission) {
                byte[] line = line(f, id);
                out.write(line);
                out.write('\n');
                double r = rnd.nextDouble();
                if (r < 0.0005) {
                    resend.add(line); // re-sent identical later: counted once
                } else if (r < 0.0006) {
                    ObjectNode changed = f.deepCopy();
                    changed.put("town", TOWNS[rnd.nextInt(TOWNS.length)] + "（更正）");
                    resend.add(line(changed, id)); // the same fact of the same submission with other content: a conflict
                }
            }
        }
        submission.clear();
        for (byte[] again : resend) {
            out.write(again);
            out.write('\n');
        }
        resend.clear();
    }

    private static byte[] line(ObjectNode fact, String submission) throws IOException {
        ObjectNode node = NODES.objectNode();
        node.set("type", fact.get("type"));
        node.put("submission", submission);
        fact.fields().forEachRemaining(e -> { if (!e.getKey().equals("type")) node.set(e.getKey(), e.getValue()); });
        return OUT.writeValueAsBytes(node);
    }

    /** A record's components as JSON (only the components: helper methods of a record never leak into the input). */
    static ObjectNode toJson(Fact fact) {
        ObjectNode node = NODES.objectNode();
        node.put("type", fact.getClass().getSimpleName());
        for (RecordComponent c : COMPONENTS.get(fact.getClass())) {
            try {
                Object v = c.getAccessor().invoke(fact);
                if (v instanceof LocalTime t) node.put(c.getName(), t.format(HH_MM)); // the input contract's HH:MM
                else if (v != null) node.set(c.getName(), OUT.valueToTree(v));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return node;
    }

    private void broken(OutputStream out, ObjectNode node) throws IOException {
        written++;
        byte[] good = line(node, currentId() + "-x");
        switch (rnd.nextInt(6)) {
            case 0 -> out.write(Arrays.copyOf(good, good.length * 2 / 3)); // cut short
            case 1 -> {
                ObjectNode n = node.deepCopy();
                n.put("type", n.get("type").asText() + "s"); // unknown type
                out.write(line(n, currentId() + "-x"));
            }
            case 2 -> {
                ObjectNode n = node.deepCopy();
                String field = numericField(n);
                if (field != null) n.put(field, "n/a"); // a number as text
                else n.put("remarks", "n/a");
                out.write(line(n, currentId() + "-x"));
            }
            case 3 -> {
                String text = new String(good, StandardCharsets.UTF_8);
                int at = text.indexOf("\":\"");
                byte[] head = text.substring(0, at + 3).getBytes(StandardCharsets.UTF_8);
                byte[] tail = text.substring(at + 3).getBytes(StandardCharsets.UTF_8);
                out.write(head);
                out.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // invalid UTF-8, as a GBK export read as UTF-8
                out.write(tail);
            }
            case 4 -> {
                ObjectNode n = node.deepCopy();
                String field = numericField(n);
                if (field != null) n.put(field, -5); // negative
                else n.put("remarks", -5);
                out.write(line(n, currentId() + "-x"));
            }
            default -> {
                ObjectNode n = node.deepCopy();
                n.remove(n.properties().stream().skip(1).findFirst().map(Map.Entry::getKey).orElse("x")); // required subject missing
                out.write(line(n, currentId() + "-x"));
            }
        }
        out.write('\n');
    }

    private static String numericField(ObjectNode n) {
        for (var e : n.properties()) if (e.getValue().isNumber()) return e.getKey();
        return null;
    }

    // ---------------------------------------------------------------- hand-made facts

    private boolean bad() {
        return rnd.nextDouble() < o.violations();
    }

    private String town() {
        return TOWNS[rnd.nextInt(TOWNS.length)];
    }

    private double between(double from, double to) {
        return Math.round((from + rnd.nextDouble() * (to - from)) * 100) / 100.0;
    }

    /** What a registered subject reports: its fact (a boiler also its stack test); nothing for a type the pack lacks. */
    private List<Fact> registered(Registers.Entry e, int index) {
        String type = e.type() == null ? "" : e.type();
        return switch (type) {
            case "RoadCleaning" -> List.of(roadOf(e.subject(), e.name(), index < 24 ? RoadClass.MAIN : RoadClass.SECONDARY,
                    e.measures().contains(14) ? Zone.CORE : Zone.URBAN, e.town()));
            case "Restaurant" -> List.of(restaurantOf(e.subject(), e.name(), e.town(), 100 + rnd.nextInt(200)));
            case "SanitationVehicle" -> List.of(vehicle(e.subject()));
            case "Boiler" -> List.of(boiler(e.subject(), e.name(), e.town()), new EmissionTest(e.subject(), SourceType.BOILER,
                    Fuel.GAS, o.asOf().minusDays(rnd.nextInt(60)), between(1, 5), between(2, 10),
                    bad() ? between(60, 150) : between(20, 48), e.town()));
            default -> FactTypes.byName(type).<List<Fact>>map(t -> List.of(generic(t, index, e.subject(), e.town())))
                    .orElse(List.of());
        };
    }

    private Boiler boiler(String id, String owner, String town) {
        boolean coal = bad();
        return new Boiler(id, owner == null ? town.substring(0, 2) + "供热站" : owner, town, coal ? Fuel.COAL : Fuel.GAS,
                between(1, 20), BoilerStatus.OPERATING, LocalDate.of(2021, 1 + rnd.nextInt(12), 1 + rnd.nextInt(28)),
                !town.endsWith("镇"), o.asOf().minusDays(rnd.nextInt(10)));
    }

    private Fact road(int n) {
        int kind = rnd.nextInt(3);
        String town = town();
        if (kind == 0) return roadOf("BL-" + n, town.substring(0, 2) + LANES[rnd.nextInt(LANES.length)], RoadClass.BACK_LANE, Zone.URBAN, town);
        if (kind == 1) return roadOf("T-" + n, town + VILLAGES[rnd.nextInt(VILLAGES.length)] + "道", RoadClass.TOWNSHIP, Zone.RADIATING, town);
        return roadOf("R-" + n, town.substring(0, 2) + "路" + n % 97 + "段", RoadClass.SECONDARY, Zone.URBAN, town);
    }

    private RoadCleaning roadOf(String id, String name, RoadClass cls, Zone zone, String town) {
        boolean bad = bad();
        int which = rnd.nextInt(4);
        LocalDate day = o.asOf();
        return switch (cls) {
            case MAIN, SECONDARY -> {
                double area = Math.round(between(20_000, 90_000));
                double rate = bad && which == 0 ? between(0.80, 0.94) : between(0.95, 1.0);
                yield new RoadCleaning(id, name, cls, zone, town, day, area, Math.round(area * rate * 100) / 100.0,
                        bad && which == 1 ? 2 : 3, 2, bad && which == 2 ? 0 : 1,
                        zone == Zone.CORE ? (bad && which == 3 ? 1 : 2) : 1, zone == Zone.CORE ? 2 : 1, null);
            }
            case BACK_LANE -> new RoadCleaning(id, name, cls, zone, town, day, null, null, null, null, null,
                    bad && which < 2 ? 0 : 1, bad && which >= 2 ? 0 : 1, null);
            case TOWNSHIP -> new RoadCleaning(id, name, cls, zone, town, day, null, null, null, null, null, null,
                    bad && which < 2 ? 0 : 1, !(bad && which >= 2));
        };
    }

    private Fact restaurant(int n) {
        String town = town();
        return restaurantOf(String.format("CY-%05d", n), EATERIES[rnd.nextInt(EATERIES.length)]
                + EATERY_KINDS[rnd.nextInt(EATERY_KINDS.length)], town, 20 + rnd.nextInt(80));
    }

    private Restaurant restaurantOf(String id, String name, String town, int seats) {
        boolean bad = bad();
        int which = rnd.nextInt(6);
        int burners = 1 + rnd.nextInt(8);
        double needed = burners <= 2 ? 0.60 : burners <= 5 ? 0.75 : 0.85;
        LocalDate year = o.asOf().withDayOfYear(1);
        List<LocalDate> cleanings = new ArrayList<>();
        for (LocalDate q = year; q.plusMonths(3).isBefore(o.asOf().plusDays(1)); q = q.plusMonths(3)) {
            if (!(bad && which == 4)) cleanings.add(q.plusDays(10 + rnd.nextInt(60)));
        }
        return new Restaurant(id, name, town, seats, burners, bad && which == 5 ? between(20, 95) : between(150, 5000), true,
                LocalDate.of(2015 + rnd.nextInt(6), 1 + rnd.nextInt(12), 1), !(bad && which == 0),
                bad && which == 1 ? needed - 0.1 : Math.min(0.98, needed + between(0, 0.12)), !(bad && which == 2),
                !(bad && which == 3), seats >= 100, cleanings, rnd.nextInt(3) == 0 ? null : between(0.4, 1.9),
                o.asOf().minusDays(rnd.nextInt(5)));
    }

    private SanitationVehicle vehicle(String plate) {
        if (plate.startsWith("晋ED")) {
            int n = Integer.parseInt(plate.replaceAll("\\D", "")) - 20000;
            return new SanitationVehicle(plate, VehicleFuel.ELECTRIC, null, LocalDate.of(2022, 1, 1).plusDays(n * 3L), null,
                    "晋E" + (10000 + n));
        }
        boolean newer = plate.startsWith("晋E16");
        return new SanitationVehicle(plate, VehicleFuel.DIESEL, newer ? 6 : 5, LocalDate.of(newer ? 2021 : 2016, 5, 1), null, null);
    }

    private Fact emissionTest(int n) {
        boolean kiln = rnd.nextInt(4) == 0;
        return new EmissionTest((kiln ? "K-" : "F-") + n, kiln ? SourceType.CEMENT_KILN : SourceType.INDUSTRIAL_FURNACE,
                kiln ? Fuel.COAL : Fuel.GAS, o.asOf().minusDays(rnd.nextInt(90)), between(2, 10), between(10, 35),
                bad() ? between(100, 200) : between(30, 50), town());
    }

    private Fact project(int n) {
        boolean bad = bad();
        return new ProjectApproval(String.format("P-%d-%05d", o.asOf().getYear(), n), PROJECTS[rnd.nextInt(PROJECTS.length)],
                town(), o.asOf().minusDays(rnd.nextInt(180)), bad && rnd.nextBoolean(), bad, bad ? false : null);
    }

    private WeatherDay weather(LocalDate day) {
        double t = between(27, 37);
        return new WeatherDay(day, t, t > 36 ? AlertLevel.YELLOW : AlertLevel.NONE);
    }

    // ---------------------------------------------------------------- any other type

    /** A fact of any type, from its record components and their validation annotations. */
    Fact generic(Class<? extends Fact> type, int n) {
        return generic(type, n, null, null);
    }

    /** A fact of any type; a registered subject keeps its id and town. */
    private Fact generic(Class<? extends Fact> type, int n, String subject, String town) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            values[i] = value(type, components[i], i == 0, n);
            if (i == 0 && subject != null && components[i].getType() == String.class) values[i] = subject;
            if (town != null && components[i].getName().equals("town") && components[i].getType() == String.class) values[i] = town;
        }
        try {
            Constructor<? extends Fact> c = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
            return c.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a " + type.getSimpleName() + ": " + e, e);
        }
    }

    private Object value(Class<?> type, RecordComponent c, boolean subject, int n) {
        Class<?> t = c.getType();
        String name = c.getName().toLowerCase();
        if (t == String.class) {
            if (name.equals("town")) return town(); // also as a subject (a town's conversions): the pack's towns only
            if (subject) return abbreviation(type) + "-" + n;
            if (name.contains("unit")) return UNITS[rnd.nextInt(UNITS.length)];
            if (name.contains("name")) return town().substring(0, 2) + abbreviation(type) + n;
            return abbreviation(type) + "-" + rnd.nextInt(1000);
        }
        if (t == LocalDate.class) return o.asOf().minusDays(rnd.nextInt(30));
        if (t == LocalTime.class) return LocalTime.of(6 + rnd.nextInt(14), rnd.nextInt(4) * 15);
        if (t == Boolean.class || t == boolean.class) return rnd.nextDouble() >= o.violations();
        if (t.isEnum()) {
            Object[] constants = t.getEnumConstants();
            return constants[rnd.nextInt(constants.length)];
        }
        Range range = c.getAnnotation(Range.class);
        if (name.equals("year")) return o.asOf().getYear();
        if (t == Integer.class || t == int.class || t == Long.class || t == long.class) {
            long v = range != null ? range.min() + rnd.nextLong(range.max() - range.min() + 1) : (subject ? n : rnd.nextInt(10));
            return t == Long.class || t == long.class ? (Object) v : (Object) (int) v;
        }
        if (t == Double.class || t == double.class) {
            if (c.isAnnotationPresent(Ratio.class)) return between(0.5, 1.0);
            if (range != null) return between(range.min(), range.max());
            if (c.isAnnotationPresent(Signed.class)) return between(-10, 35);
            return between(0, 100);
        }
        if (t == List.class) {
            Type element = c.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : Object.class;
            if (element == LocalDate.class) return List.of(o.asOf().minusDays(10 + rnd.nextInt(60)));
            if (element == String.class) return List.of(abbreviation(type) + "-" + rnd.nextInt(100));
            return List.of();
        }
        return null;
    }

    /** "GC" for GridCell: the capitals of a type's name. */
    private static String abbreviation(Class<?> type) {
        String caps = type.getSimpleName().replaceAll("[^A-Z]", "");
        return caps.isEmpty() ? "X" : caps;
    }
}
