package org.lantian.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import org.junit.jupiter.api.Test;

/** IsoDays reads a YYYY-MM-DD text as the strict formatters do: the same day, or none where they refuse it. */
class IsoDaysTest {
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    @Test
    void everyDayOfTheFormIsReadAsTheFormattersReadIt() throws Exception {
        int checked = 0;
        for (int y : new int[] {0, 1, 100, 999, 1900, 1999, 2000, 2021, 2022, 2023, 2024, 2100, 9999}) {
            for (int m = 0; m <= 13; m++) {
                for (int d = 0; d <= 32; d++) {
                    String text = String.format("%04d-%02d-%02d", y, m, d);
                    LocalDate strict = orNull(() -> LocalDate.from(STRICT.parse(text)));
                    LocalDate iso = orNull(() -> LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE));
                    assertEquals(strict, IsoDays.parse(text), text);
                    assertEquals(iso, IsoDays.parse(text), text);
                    if (iso != null) assertEquals(iso, IsoDays.MAPPER.readValue('"' + text + '"', LocalDate.class), text);
                    else assertThrows(com.fasterxml.jackson.databind.exc.InvalidFormatException.class,
                            () -> IsoDays.MAPPER.readValue('"' + text + '"', LocalDate.class), text); // Jackson's own refusal
                    checked++;
                }
            }
        }
        assertEquals(13 * 14 * 33, checked);
    }

    @Test
    void otherFormsAreLeftToTheFormatters() throws Exception {
        for (String text : new String[] {"2022-6-30", "22022-06-30", "+2022-06-30", "2022/06/30", "２０２２-06-30", "2022-06-3x", "", " 2022-06-30"}) {
            assertNull(IsoDays.parse(text), text);
        }
        assertEquals(LocalDate.of(2022, 6, 30), IsoDays.MAPPER.readValue("\" 2022-06-30 \"", LocalDate.class)); // as Jackson's own
    }

    private interface Day {
        LocalDate get() throws Exception;
    }

    private static LocalDate orNull(Day day) {
        try {
            return day.get();
        } catch (DateTimeException e) {
            return null;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
