package org.lantian.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * A finding's case subject is its subject without the period it was judged over. {@link Cases#subjectOf} looks at the
 * last segment only (it runs once for every finding of a night); over subjects built from slashes, digits, dashes and
 * the letters of periods it says what the whole-subject pattern says.
 */
class CaseSubjectPropertyTest {
    /** The definition: the first place from which a period runs to the end of the subject, if not at its start. */
    private static final Pattern PERIOD_AT_END = Pattern.compile("/\\d{4}(-\\d{2}(-\\d{2})?|-W\\d{2}|-Q[1-4])?$");

    private static String byDefinition(String subject) {
        Matcher m = PERIOD_AT_END.matcher(subject);
        return m.find() && m.start() > 0 ? subject.substring(0, m.start()) : subject;
    }

    @Provide
    Arbitrary<String> subjects() {
        Arbitrary<String> piece = Arbitraries.of("/", "-", "2022", "06", "30", "1", "W", "W26", "Q2", "Q5", "R", "A|B", "路", "");
        return piece.list().ofMaxSize(8).map(p -> String.join("", p));
    }

    @Property(tries = 5_000)
    void theLastSegmentDecidesAsThePatternOverTheWholeSubject(@ForAll("subjects") String subject) {
        assertEquals(byDefinition(subject), Cases.subjectOf(subject), subject);
    }

    @Test
    void periodsOfEveryKindAreCutAndOthersKept() {
        for (String period : List.of("2022", "2022-06", "2022-06-30", "2022-W26", "2022-Q2")) {
            assertEquals("R-017", Cases.subjectOf("R-017/" + period));
        }
        assertEquals("R-017/2022-Q5", Cases.subjectOf("R-017/2022-Q5"));
        assertEquals("/2022", Cases.subjectOf("/2022"));
        assertEquals("A/2022/x", Cases.subjectOf("A/2022/x"));
    }
}
