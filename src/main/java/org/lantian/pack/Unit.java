package org.lantian.pack;

import java.util.List;

/**
 * A responsible unit (责任单位) of the pack's one list: its name in findings, scorecards and workbooks, and
 * the other names it goes by in the ledger or in submissions (开发区街道办事处 for 开发区街道).
 */
public record Unit(String name, List<String> aliases) {
    public Unit {
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    public boolean answersTo(String name) {
        return this.name.equals(name) || aliases.contains(name);
    }
}
