package org.lantian.pack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A rule pack on disk: {@code ledger.yaml}, the DRL files (one per ledger category), the decision tables
 * ({@code *.xlsx}: families of rules that differ only in numbers and names, edited in Excel or WPS), the rule
 * templates ({@code *.drt}, each with its rows in the workbook of the same name) and {@code tests/*.json}.
 * Loaded at run time, so an office can copy the folder and edit it. {@code tableFiles} holds the workbooks and
 * the templates.
 */
public record RulePack(Path dir, Ledger ledger, List<Path> drlFiles, List<Path> tableFiles, List<Path> testFiles) {

    public static final String LEDGER_FILE = "ledger.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public static RulePack load(Path dir) throws PackException {
        if (!Files.isDirectory(dir)) throw new PackException("rule pack not found: " + dir + " is not a folder");
        Path ledgerFile = dir.resolve(LEDGER_FILE);
        if (!Files.isRegularFile(ledgerFile)) throw new PackException(ledgerFile + ": missing (every pack has a ledger file)");
        Ledger ledger;
        try {
            ledger = YAML.readValue(ledgerFile.toFile(), Ledger.class);
        } catch (IOException e) {
            throw new PackException(ledgerFile + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        List<String> errors = check(ledger);
        if (!errors.isEmpty()) throw new PackException(errors.stream().map(e -> ledgerFile + ": " + e).toList());
        List<Path> drl = list(dir, "*.drl");
        if (drl.isEmpty()) throw new PackException(dir + ": no .drl files");
        List<Path> tables = new ArrayList<>(list(dir, "*.xlsx"));
        tables.addAll(list(dir, "*.drt"));
        tables.sort(null);
        List<Path> tests = Files.isDirectory(dir.resolve("tests")) ? list(dir.resolve("tests"), "*.json") : List.of();
        return new RulePack(dir, ledger, drl, tables, tests);
    }

    public String name() {
        return ledger.pack();
    }

    /** Structural checks the YAML binding cannot make. */
    private static List<String> check(Ledger ledger) {
        List<String> errors = new ArrayList<>();
        if (ledger.pack() == null || ledger.measures() == null || ledger.categories() == null) {
            errors.add("needs pack, categories and measures");
            return errors;
        }
        if (ledger.dates() == null || ledger.dates().from() == null || ledger.dates().to() == null
                || ledger.dates().to().isBefore(ledger.dates().from())) {
            errors.add("needs dates: { from: YYYY-MM-DD, to: YYYY-MM-DD }, the window every submitted date must lie in");
        }
        try {
            ledger.zone();
        } catch (RuntimeException e) {
            errors.add("timezone: expected a time zone such as Asia/Shanghai, found " + ledger.timezone());
        }
        Set<Integer> seen = new HashSet<>();
        for (Measure m : ledger.measures()) {
            String at = "measure " + m.number() + ": ";
            if (!seen.add(m.number())) errors.add(at + "appears twice");
            if (ledger.categories().stream().noneMatch(c -> c.numeral().equals(m.category()))) {
                errors.add(at + "category " + m.category() + " is not among the categories");
            }
            if (m.units() == null || m.units().isEmpty()) errors.add(at + "has no responsible units");
            if (m.deadline() == null || m.deadline().kind() == null) {
                errors.add(at + "has no deadline");
                continue;
            }
            Deadline d = m.deadline();
            switch (d.kind()) {
                case "ongoing" -> { }
                case "due" -> { if (d.due() == null) errors.add(at + "deadline kind due needs a due date"); }
                case "seasonal", "period" -> {
                    if (d.period() == null || ledger.periods() == null || !ledger.periods().containsKey(d.period())) {
                        errors.add(at + "deadline names unknown period " + d.period());
                    }
                }
                case "milestones" -> {
                    if (d.milestones() == null || d.milestones().isEmpty()) errors.add(at + "milestones deadline has none");
                }
                default -> errors.add(at + "unknown deadline kind " + d.kind()
                        + " (ongoing, due, seasonal, milestones, period)");
            }
            String period = Periods.problem(m.period(), m, ledger);
            if (period != null) errors.add(at + "period: " + period);
            if (m.targets() != null) {
                m.targets().forEach((name, t) -> {
                    if (t.period() != null) {
                        String tp = Periods.problem(t.period(), m, ledger);
                        if (tp != null) errors.add(at + "target " + name + " period: " + tp);
                    }
                    if (t.value() == null) errors.add(at + "target " + name + " has no value");
                    if (t.source() == null || !Set.of("L", "S", "I").contains(t.source())) {
                        errors.add(at + "target " + name + " needs source L, S or I");
                    }
                });
            }
        }
        try {
            ledger.zone();
        } catch (RuntimeException e) { // missing or not a zone id
            errors.add("timezone: " + e.getMessage() + " (needs a zone id such as Asia/Shanghai)");
        }
        String rectification = ledger.rectification().problem();
        if (rectification != null) errors.add("rectification: " + rectification);
        if (ledger.rectification().measures() != null) {
            for (Integer m : ledger.rectification().measures().keySet()) {
                if (!ledger.hasMeasure(m)) errors.add("rectification: measures: the ledger has no measure " + m);
            }
        }
        ledger.history().forEach((type, kinds) -> {
            for (String kind : Ledger.kinds(kinds)) {
                String problem = Periods.problem(kind.isEmpty() ? null : kind, null, ledger);
                if (problem != null) errors.add("history: " + type + ": " + problem);
            }
        });
        return errors;
    }

    private static List<Path> list(Path dir, String glob) throws PackException {
        List<Path> files = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(dir, glob)) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new PackException(dir + ": " + e.getMessage());
        }
        files.sort(null);
        return files;
    }

    /** One file of rules as DRL: a DRL file as written, a decision table as Drools compiles it. */
    public record RuleFile(Path path, String drl) {
        public String name() {
            return path.getFileName().toString();
        }
    }

    /**
     * Every file of rules, DRL files first, then decision tables and templates, each in name order. A workbook
     * with a template of its name holds that template's rows: it is not a decision table of its own.
     */
    public List<RuleFile> ruleFiles() throws PackException {
        List<RuleFile> files = new ArrayList<>();
        for (Path drl : drlFiles) files.add(new RuleFile(drl, read(drl)));
        for (Path table : tableFiles) {
            if (DecisionTables.isTemplate(table)) {
                files.add(new RuleFile(table, DecisionTables.templateDrl(table)));
            } else if (!DecisionTables.isTemplateData(table)) {
                files.add(new RuleFile(table, DecisionTables.drl(table)));
            }
        }
        return files;
    }

    /** The bytes of every file of rules, for the pack's hash: DRL files, then decision tables. */
    public List<byte[]> ruleBytes() throws PackException {
        List<byte[]> out = new ArrayList<>();
        for (Path f : drlFiles) out.add(read(f).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (Path f : tableFiles) out.add(bytes(f));
        return out;
    }

    static byte[] bytes(Path file) throws PackException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PackException(file + ": " + e.getMessage());
        }
    }

    /** Reads a text file of the pack, for hashing and compiling. */
    public static String read(Path file) throws PackException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new PackException(file + ": " + e.getMessage());
        }
    }
}
