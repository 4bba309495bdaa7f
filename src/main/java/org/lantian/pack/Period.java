package org.lantian.pack;

import java.time.LocalDate;

/** A named window such as the ozone season or the autumn-winter period, both ends inclusive. */
public record Period(LocalDate from, LocalDate to, String source, String note) {
    public boolean contains(LocalDate day) {
        return day != null && !day.isBefore(from) && !day.isAfter(to);
    }

    @Override
    public String toString() {
        return from + ".." + to;
    }
}
