package org.lantian.store;

/** The store cannot be opened or migrated: a message for the user, the cause for the log. */
public class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
