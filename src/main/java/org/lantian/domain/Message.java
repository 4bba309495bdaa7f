package org.lantian.domain;

/** A finding's message: Chinese first (the office's language), English beside it. */
public record Message(String zh, String en) {
    public String in(String lang) {
        return "en".equalsIgnoreCase(lang) ? en : zh;
    }
}
