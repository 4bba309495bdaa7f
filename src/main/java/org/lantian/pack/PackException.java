package org.lantian.pack;

import java.util.List;

/** A rule pack that cannot be used: unreadable ledger, DRL that does not compile, a rule without its measure. */
public class PackException extends Exception {
    private final transient List<String> errors;

    public PackException(List<String> errors) {
        super(String.join("\n", errors));
        this.errors = List.copyOf(errors);
    }

    public PackException(String error) {
        this(List.of(error));
    }

    public List<String> errors() {
        return errors;
    }
}
