package org.lantian.alerts;

import java.util.List;
import org.lantian.pack.Ledger;
import org.lantian.pack.Unit;

/** A webhook's unit must be one of the pack's units, by its name in findings and cases: else its alerts would never come. */
public final class WebhookUnits {
    private WebhookUnits() {
    }

    /** The unit as the pack's list names it (an alias is taken too); IllegalArgumentException naming the list when unknown. */
    public static String canonical(Ledger ledger, String given) {
        if (given == null || given.isBlank()) throw new IllegalArgumentException("unit: expected a unit of the pack's list, found nothing");
        String u = ledger.unit(given);
        if (u != null) return u;
        if (ledger.units() == null || ledger.units().isEmpty()) return given; // a pack without a unit list takes any name
        throw new IllegalArgumentException("unit: \"" + given + "\" is not a unit of the pack's list (ledger.yaml units): " + names(ledger));
    }

    public static List<String> names(Ledger ledger) {
        return ledger.units() == null ? List.of() : ledger.units().stream().map(Unit::name).toList();
    }
}
