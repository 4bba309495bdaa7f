package org.lantian.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.TestPacks;
import org.lantian.service.EvaluationService;
import org.lantian.tools.LantianDev;

/** bench-workbook fills the workbook with a night's whole findings, and refuses a file whose findings are not whole. */
class WorkbookBenchCommandTest {
    @TempDir
    Path tmp;

    @Test
    void itTimesTheWorkbookOfANightsFindings() throws Exception {
        Path night = BatchRunTest.generated(tmp.resolve("night.jsonl"), 300, 2, 0);
        Path out = tmp.resolve("out");
        new BatchRun(new BatchRun.Options(List.of(night), BatchRunTest.AS_OF, out, new EvaluationService(TestPacks.bundled()),
                BatchRunTest.registers(), 1, Progress.NONE)).allMessages(true).run();
        long findings = Files.readAllLines(out.resolve("findings.jsonl")).size();

        LantianDev.Run run = LantianDev.run("bench-workbook", "--findings", out.resolve("findings.jsonl").toString(), "--repeat", "2");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().startsWith(String.format("workbook    %,d finding rows in ", findings)), run.out());

        new BatchRun(new BatchRun.Options(List.of(night), BatchRunTest.AS_OF, out, new EvaluationService(TestPacks.bundled()),
                BatchRunTest.registers(), 1, Progress.NONE)).run();
        LantianDev.Run compact = LantianDev.run("bench-workbook", "--findings", out.resolve("findings.jsonl").toString());
        assertEquals(2, compact.code());
        assertTrue(compact.err().contains("not a findings.jsonl written with --all-messages"), compact.err());
    }
}
