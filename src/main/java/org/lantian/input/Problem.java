package org.lantian.input;

/**
 * One thing wrong with submitted input: where (a JSON pointer such as {@code /facts/3/areaM2}),
 * which record it concerns, what was expected and what was found.
 */
public record Problem(String pointer, String record, String expected, String found) {

    public String describe() {
        String where = record == null ? pointer : pointer + " (" + record + ")";
        return where + ": expected " + expected + (found == null ? "" : ", found " + found);
    }
}
