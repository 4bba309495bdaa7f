package org.lantian.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The load test against its in-process server: it counts only the measured part, and its timeline says so. */
class LoadTestCommandTest {
    @TempDir
    Path tmp;

    @Test
    void recordsEveryRequestOfTheMeasuredPartAndNoneOfTheWarmUp() throws Exception {
        Path timeline = tmp.resolve("timeline.csv");
        LantianDev.Run r = LantianDev.run("loadtest", "--rate", "20", "--warmup", "1", "--seconds", "2", "--timeline", timeline.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("requests 40, ok 40, errors 0 {201=40}"), r.out());

        List<String> rows = Files.readAllLines(timeline).stream().filter(l -> Character.isDigit(l.charAt(0))).toList();
        assertEquals(40, rows.size());
        for (String row : rows) {
            String[] f = row.split(",");
            double due = Double.parseDouble(f[0]);
            assertTrue(due >= 0 && due < 2000, "due within the measured 2 s: " + row);
            assertTrue(Double.parseDouble(f[1]) > 0, row);
            assertEquals("201", f[2]);
        }
    }

    @Test
    void refusesATimelineItWouldNotWrite() {
        LantianDev.Run r = LantianDev.run("loadtest", "--rate", "0", "--timeline", tmp.resolve("t.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--timeline needs the open loop"), r.err());
        assertFalse(Files.exists(tmp.resolve("t.csv")));
    }
}
