package org.lantian.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.lantian.input.InvalidInputException;
import org.lantian.input.Problem;
import org.lantian.input.StrictJson;

/** Reading the command line's inputs, with messages a user can act on. */
final class Inputs {
    private Inputs() {
    }

    static JsonNode readJson(String file) throws Main.UserError {
        try (InputStream in = "-".equals(file) ? System.in : Files.newInputStream(Path.of(file))) {
            return StrictJson.parse(in);
        } catch (InvalidInputException e) {
            Problem p = e.problems().get(0);
            if (!"valid JSON".equals(p.expected())) throw new Main.UserError(file + ": empty, expected a submission JSON object");
            // "found duplicate field … at line 1, column 40" reads as "not valid JSON at line 1, column 40: duplicate field …"
            String found = p.found();
            int at = found.lastIndexOf(" at line ");
            throw new Main.UserError(file + ": not valid JSON" + (at < 0 ? ": " + found
                    : found.substring(at) + ": " + found.substring(0, at)) + (p.pointer().isEmpty() ? "" : " (at " + p.pointer() + ")"));
        } catch (NoSuchFileException e) {
            throw new Main.UserError(file + ": no such file");
        } catch (IOException e) {
            throw new Main.UserError(file + ": cannot read: " + e.getMessage());
        }
    }

    /** The as-of date given, or null when none is (then the service's today, in the ledger's time zone, applies). */
    static LocalDate asOf(String text) throws Main.UserError {
        if (text == null) return null;
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new Main.UserError("--as-of: expected a date YYYY-MM-DD, found \"" + text + "\"");
        }
    }
}
