package org.lantian.cli;

import org.lantian.store.Store;
import org.lantian.store.StoreException;
import picocli.CommandLine.Option;

/** The {@code --db URL} option of serve and token: the embedded H2 file under ./data/ when absent. */
public final class DbOption {
    @Option(names = "--db", paramLabel = "URL", defaultValue = Store.DEFAULT_URL,
            description = "JDBC URL of the store: jdbc:h2:file:PATH or jdbc:postgresql://HOST/DB?user=U&password=P "
                    + "(default: ${DEFAULT-VALUE}).")
    String url;

    public Store open() throws Main.UserError {
        return open(url);
    }

    public static Store open(String url) throws Main.UserError {
        try {
            return Store.open(url);
        } catch (StoreException e) {
            throw new Main.UserError(e.getMessage());
        }
    }

    /** A store that must be there already, with a small pool (the batch reads it on one connection). */
    static Store openExisting(String url) throws Main.UserError {
        try {
            return Store.openExisting(url, 2);
        } catch (StoreException e) {
            throw new Main.UserError(e.getMessage());
        }
    }
}
