package org.lantian.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.store.Role;
import org.lantian.store.Store;

/** lantian token create / list / revoke on a store, as an administrator runs them. */
class TokenCommandTest {
    @TempDir
    Path tmp;

    @Test
    void createPrintsTheTokenOnceListShowsNoTokensRevokeEndsIt() throws Exception {
        String db = "jdbc:h2:file:" + tmp.resolve("store").toAbsolutePath();
        Lantian.Run created = Lantian.lantian("token", "create", "--role", "UNIT", "--unit", "北街街道", "--db", db);
        assertEquals(0, created.code(), created.err());
        String token = created.out().strip();
        assertTrue(token.startsWith("lt_"), token);
        Matcher id = Pattern.compile("token ([0-9a-f]+) \\(UNIT 北街街道\\)").matcher(created.err());
        assertTrue(id.find(), created.err());
        try (Store store = Store.open(db)) {
            assertEquals(Role.UNIT, store.tokens().lookup(token).orElseThrow().role());
        }

        Lantian.Run list = Lantian.lantian("token", "list", "--db", db);
        assertTrue(list.out().contains(id.group(1)) && list.out().contains("北街街道"), list.out());
        assertFalse(list.out().contains(token), "list never shows a token");

        assertEquals(0, Lantian.lantian("token", "revoke", id.group(1), "--db", db).code());
        try (Store store = Store.open(db)) {
            assertTrue(store.tokens().lookup(token).isEmpty());
        }
        Lantian.Run again = Lantian.lantian("token", "revoke", id.group(1), "--db", db);
        assertEquals(Main.INVALID, again.code());
        assertTrue(again.err().contains("no live token"), again.err());
    }

    @Test
    void rolesNeedTheirInspectorOrUnit() {
        String db = "jdbc:h2:file:" + tmp.resolve("store").toAbsolutePath();
        Lantian.Run r = Lantian.lantian("token", "create", "--role", "INSPECTOR", "--db", db);
        assertEquals(Main.INVALID, r.code());
        assertTrue(r.err().contains("--inspector"), r.err());
        assertEquals(Main.INVALID, Lantian.lantian("token", "create", "--role", "ADMIN", "--unit", "x", "--db", db).code());
        assertEquals(Main.INVALID, Lantian.lantian("token", "create", "--role", "KING", "--db", db).code());
        Lantian.Run bad = Lantian.lantian("token", "list", "--db", "jdbc:nonsense:x");
        assertEquals(Main.INVALID, bad.code());
        assertTrue(bad.err().startsWith("cannot open the store"), bad.err());
    }
}
