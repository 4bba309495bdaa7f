package org.lantian.cli;

import java.util.concurrent.Callable;
import org.lantian.store.Role;
import org.lantian.store.Store;
import org.lantian.store.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lantian token create|revoke|list}: bearer tokens of the HTTP API, kept in the store as hashes. */
@Command(name = "token", description = "Create, revoke or list the HTTP API's bearer tokens.",
        subcommands = {TokenCommand.Create.class, TokenCommand.Revoke.class, TokenCommand.List.class})
final class TokenCommand {

    @Command(name = "create", description = "Create a token and print it once (the store keeps only its hash).")
    static final class Create implements Callable<Integer> {
        @Option(names = "--role", required = true, description = "INSPECTOR, UNIT or ADMIN.")
        Role role;

        @Option(names = "--inspector", paramLabel = "ID", description = "The inspector an INSPECTOR token posts for.")
        String inspector;

        @Option(names = "--unit", paramLabel = "UNIT", description = "The unit whose findings a UNIT token reads.")
        String unit;

        @Mixin
        DbOption db;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            if (role == Role.INSPECTOR && inspector == null) throw new Main.UserError("--role INSPECTOR needs --inspector ID");
            if (role == Role.UNIT && unit == null) throw new Main.UserError("--role UNIT needs --unit UNIT");
            if (role != Role.INSPECTOR && inspector != null || role != Role.UNIT && unit != null) {
                throw new Main.UserError("--inspector goes with INSPECTOR tokens and --unit with UNIT tokens");
            }
            try (Store store = db.open()) {
                Tokens.Created t = store.tokens().create(role, inspector, unit);
                output.err().println("token " + t.id() + " (" + role + (inspector != null ? " " + inspector : "")
                        + (unit != null ? " " + unit : "") + "); it is shown only now:");
                output.out().println(t.token());
            }
            return Main.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a token by its id (as printed by create and list).")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "ID")
        String id;

        @Mixin
        DbOption db;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            try (Store store = db.open()) {
                if (!store.tokens().revoke(id)) throw new Main.UserError("no live token with id " + id);
                output.out().println("revoked token " + id);
            }
            return Main.OK;
        }
    }

    @Command(name = "list", description = "List tokens (ids, roles, not the tokens).")
    static final class List implements Callable<Integer> {
        @Mixin
        DbOption db;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            try (Store store = db.open()) {
                Table t = new Table("id", "role", "inspector/unit", "created", "revoked");
                for (Tokens.Info i : store.tokens().list()) {
                    t.row(i.id(), i.role(), i.inspector() != null ? i.inspector() : i.unit(), i.createdAt(), i.revokedAt());
                }
                output.out().print(t.render());
            }
            return Main.OK;
        }
    }
}
