package org.lantian.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lantian.TestPacks;
import org.lantian.domain.Finding;
import org.lantian.domain.Span;
import org.lantian.domain.Status;
import org.lantian.pack.Ledger;
import org.lantian.pack.PackException;
import org.lantian.pack.RulePack;

/** The one judging rule of docs/findings.md, as Check applies it to every finding of every rule. */
class CheckJudgingTest {
    private static final Ledger LEDGER = load();
    private static final MeasureTexts TEXTS = new MeasureTexts(LEDGER);

    private static Ledger load() {
        try {
            return RulePack.load(TestPacks.BUNDLED).ledger();
        } catch (PackException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A check of measure {@code measure} about a fact of {@code day}, evaluated as of {@code asOf}. */
    private static Finding judge(int measure, String asOf, String day, java.util.function.Function<Check, Check> how) {
        FindingCollector out = new FindingCollector(TEXTS, null, LocalDate.parse(asOf), f -> null);
        Check c = new Check(out, null, TEXTS, measure, measure + "-test", "X", "Test", null, null,
                day == null ? null : LocalDate.parse(day));
        how.apply(c).say("中", "en");
        assertEquals(1, out.findings().size());
        return out.findings().get(0);
    }

    @Test
    void aShortfallIsPendingWhileItsWeekRunsAndFailsFromItsLastDay() {
        for (String asOf : new String[] {"2022-06-27", "2022-06-29", "2022-07-02"}) {
            Finding f = judge(13, asOf, "2022-06-27", c -> c.atLeast(0, "backLaneFlushesPerWeek"));
            assertEquals(Status.PENDING, f.status(), asOf);
            assertEquals(new Span(LocalDate.parse("2022-06-27"), LocalDate.parse("2022-07-03")), f.period());
            assertEquals("en; the week ends 2022-07-03", f.message().en());
            assertEquals(0, f.observed(), "the progress so far is observed");
        }
        for (String asOf : new String[] {"2022-07-03", "2022-07-04", "2023-01-10"}) {
            assertEquals(Status.FAIL, judge(13, asOf, "2022-06-27", c -> c.atLeast(0, "backLaneFlushesPerWeek")).status(), asOf);
        }
        assertEquals(Status.PASS, judge(13, "2022-06-28", "2022-06-27", c -> c.atLeast(1, "backLaneFlushesPerWeek")).status());
        assertEquals(Status.NO_DATA, judge(13, "2022-06-28", "2022-06-27", c -> c.atLeast(null, "backLaneFlushesPerWeek")).status());
    }

    @Test
    void aBreachFailsAtOnceAndADayIsOverOnItsOwnNight() {
        assertEquals(Status.FAIL, judge(13, "2022-06-28", "2022-06-27",
                c -> c.target("backLaneFlushesPerWeek").breach().status(Status.FAIL, 1, 0)).status());
        assertEquals(Status.FAIL, judge(13, "2022-06-28", "2022-06-27",
                c -> c.atMostValue(3, 1).target("backLaneFlushesPerWeek")).status(), "at most: a limit exceeded");
        assertEquals(Status.FAIL, judge(13, "2022-06-30", "2022-06-30", c -> c.atLeast(2, "dailySweeps")).status(),
                "the day of the as-of date has ended: the night judges it");
        assertEquals(Status.FAIL, judge(27, "2022-06-30", "2022-06-30", c -> c.absent(true)).status());
    }

    @Test
    void aDeadlineTaskIsPendingUntilItsDueDateAndLateIsNotDone() {
        Finding before = judge(4, "2022-08-30", null, c -> c.holds(false));
        assertEquals(Status.PENDING, before.status());
        assertTrue(before.message().en().endsWith("due 2022-08-31"), before.message().en());
        assertEquals(new Span(LocalDate.parse("2022-01-01"), LocalDate.parse("2022-08-31")), before.period());
        assertEquals(Status.FAIL, judge(4, "2022-08-31", null, c -> c.holds(false)).status());
        assertEquals(Status.FAIL, judge(4, "2023-02-01", null, c -> c.holds(false)).status());
    }

    @Test
    void everyFindingCarriesThePeriodOfItsTargetContainingItsDay() {
        assertEquals(new Span(LocalDate.parse("2022-06-30"), LocalDate.parse("2022-06-30")),
                judge(13, "2022-07-03", "2022-06-30", c -> c.atLeast(3, "dailySweeps")).period());
        assertEquals(new Span(LocalDate.parse("2022-07-01"), LocalDate.parse("2022-09-30")),
                judge(34, "2022-07-15", null, c -> c.atLeast(1, "cleaningsPerQuarter")).period(), "the as-of day's quarter");
        assertEquals(new Span(LocalDate.parse("2022-05-01"), LocalDate.parse("2022-05-31")),
                judge(13, "2022-07-03", null, c -> c.over(LEDGER.period("month", LocalDate.parse("2022-05-09")))
                        .atLeast(3, "dailySweeps")).period(), "a rule may name the period itself");
    }
}
