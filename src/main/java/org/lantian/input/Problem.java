package org.lantian.input;

/**
 * One thing wrong with submitted input: where (a JSON pointer such as {@code /facts/3/areaM2}),
 * which record it concerns, what was expected and what was found. Texts quoted from the input are cleaned
 * of half surrogate pairs, so that a problem can always be written as JSON.
 */
public record Problem(String pointer, String record, String expected, String found) {

    public Problem {
        pointer = clean(pointer);
        record = clean(record);
        found = clean(found);
    }

    public String describe() {
        String where = record == null ? pointer : pointer + " (" + record + ")";
        return where + ": expected " + expected + (found == null ? "" : ", found " + found);
    }

    /** The text with every half surrogate pair replaced by U+FFFD, so that it can be written as UTF-8. */
    public static String clean(String s) {
        if (s == null || !StrictJson.hasLoneSurrogate(s)) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }
}
