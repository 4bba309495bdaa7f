package org.lantian.batch;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.lantian.pack.Ledger;
import org.lantian.pack.PackException;

/**
 * The pack's registers ({@code registers/*.csv}): the subjects that must report every night (the 56 roads,
 * restaurants with 100 seats or more, key enterprises, boilers, grid cells, the sanitation fleet) and the
 * measures each must report for. Columns: {@code subject,name,town,type,measures} — {@code measures} lists
 * measure numbers separated by spaces; {@code type} names the fact type the subject reports as (for the
 * reader of the report; a register may list subjects whose fact type the pack has no rules for yet).
 */
public record Registers(List<Register> registers) {

    public record Entry(String subject, String name, String town, String type, List<Integer> measures) {
    }

    /** One register file: its name (the file name without {@code .csv}) and its entries in file order. */
    public record Register(String name, List<Entry> entries) {
    }

    public static final String DIR = "registers";

    public static Registers load(Path packDir, Ledger ledger) throws PackException {
        Path dir = packDir.resolve(DIR);
        if (!Files.isDirectory(dir)) return new Registers(List.of());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList();
        } catch (IOException e) {
            throw new PackException(dir + ": " + e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        List<Register> registers = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        CsvMapper csv = new CsvMapper();
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.csv$", "");
            List<Entry> entries = new ArrayList<>();
            try (MappingIterator<Map<String, String>> rows = csv.readerFor(Map.class)
                    .with(CsvSchema.emptySchema().withHeader()).readValues(file.toFile())) {
                int line = 1;
                while (rows.hasNext()) {
                    line++;
                    Map<String, String> row = rows.next();
                    String at = file + ":" + line + ": ";
                    String subject = row.getOrDefault("subject", "").trim();
                    if (subject.isEmpty()) {
                        errors.add(at + "needs a subject (columns: subject,name,town,type,measures)");
                        continue;
                    }
                    String before = seen.putIfAbsent(subject, at);
                    if (before != null) errors.add(at + "subject " + subject + " is registered twice (also " + before.strip() + ")");
                    List<Integer> measures = new ArrayList<>();
                    for (String m : row.getOrDefault("measures", "").trim().split("[\\s;,]+")) {
                        if (m.isEmpty()) continue;
                        try {
                            int n = Integer.parseInt(m);
                            if (ledger.hasMeasure(n)) measures.add(n);
                            else errors.add(at + "measure " + n + " is not a measure of the ledger");
                        } catch (NumberFormatException e) {
                            errors.add(at + "measures are numbers separated by spaces, found \"" + m + "\"");
                        }
                    }
                    if (measures.isEmpty()) errors.add(at + "lists no measure the subject must report for");
                    String town = blankToNull(row.get("town"));
                    if (town != null && ledger.towns() != null && !ledger.towns().contains(town)) {
                        errors.add(at + "town " + town + " is not one of the ledger's towns " + ledger.towns());
                    }
                    entries.add(new Entry(subject, blankToNull(row.get("name")), town, blankToNull(row.get("type")),
                            List.copyOf(new TreeSet<>(measures))));
                }
            } catch (IOException | RuntimeException e) {
                errors.add(file + ": " + e.getMessage().lines().findFirst().orElse(""));
            }
            registers.add(new Register(name, entries));
        }
        if (!errors.isEmpty()) throw new PackException(errors);
        return new Registers(registers);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Every registered subject by id. */
    public Map<String, Entry> bySubject() {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (Register r : registers) for (Entry e : r.entries()) map.put(e.subject(), e);
        return map;
    }

    public Set<Integer> measures() {
        Set<Integer> all = new TreeSet<>();
        for (Register r : registers) for (Entry e : r.entries()) all.addAll(e.measures());
        return all;
    }
}
