package org.lantian.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.lantian.domain.Waiver;
import org.lantian.service.EvaluationService;
import org.lantian.store.Store;
import org.lantian.store.Waivers;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lantian waiver create|list|revoke}: waivers (豁免) in the store, as the API's /waivers (docs/cases.md). */
@Command(name = "waiver", description = "Grant, list or revoke waivers (豁免): a covered finding is WAIVED, never PASS.",
        subcommands = {WaiverCommand.Create.class, WaiverCommand.List.class, WaiverCommand.Revoke.class})
final class WaiverCommand {

    /** Who grants or revokes from the command line: the operating-system user. */
    static String actor() {
        return "cli:" + System.getProperty("user.name", "?");
    }

    @Command(name = "create", description = "Grant a waiver for a rule or a whole measure, and a subject or every subject of a town.")
    static final class Create implements Callable<Integer> {
        static final class What {
            @Option(names = "--rule", paramLabel = "RULE", required = true, description = "The rule id.")
            String rule;

            @Option(names = "--measure", paramLabel = "N", required = true, description = "Every rule of this measure.")
            Integer measure;
        }

        static final class Whom {
            @Option(names = "--subject", paramLabel = "ID", required = true, description = "The subject (and the periods of it).")
            String subject;

            @Option(names = "--town", paramLabel = "TOWN", required = true, description = "Every subject whose findings name this town.")
            String town;
        }

        @ArgGroup(multiplicity = "1")
        What what;

        @ArgGroup(multiplicity = "1")
        Whom whom;

        @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day it covers (YYYY-MM-DD).")
        LocalDate from;

        @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day it covers; judging resumes after it.")
        LocalDate to;

        @Option(names = "--reason", required = true, description = "Why.")
        String reason;

        @Option(names = "--approver", required = true, description = "Who approved it.")
        String approver;

        @Option(names = "--document", required = true, paramLabel = "NO", description = "The approval's document number.")
        String document;

        @Mixin
        PackOption pack;

        @Mixin
        DbOption db;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            Waivers.Grant grant = new Waivers.Grant(what.rule, what.measure, whom.subject, whom.town, from, to, reason, approver, document);
            String problem = new EvaluationService(pack.compile()).problem(grant);
            if (problem != null) throw new Main.UserError(problem);
            try (Store store = db.open()) {
                Waiver w = store.waivers().create(grant, actor());
                output.out().println(w.id());
                output.err().println("waiver " + w.id() + " granted: " + w.from() + ".." + w.to());
            }
            return Main.OK;
        }
    }

    @Command(name = "list", description = "List every waiver, revoked ones included.")
    static final class List implements Callable<Integer> {
        @Mixin
        DbOption db;

        @Mixin
        Output output;

        @Override
        public Integer call() throws Exception {
            try (Store store = db.open()) {
                Table t = new Table("id", "rule/measure", "subject/town", "from", "to", "reason", "approver", "document", "granted by", "revoked");
                for (Waiver w : store.waivers().list()) {
                    t.row(w.id(), w.rule() != null ? w.rule() : "measure " + w.measure(), w.subject() != null ? w.subject() : "town " + w.town(),
                            w.from(), w.to(), w.reason(), w.approver(), w.document(), w.grantedBy(),
                            w.revokedAt() == null ? "" : w.revokedAt() + " by " + w.revokedBy());
                }
                output.out().print(t.render());
            }
            return Main.OK;
        }
    }

    @Command(name = "revoke", description = "Revoke a waiver by its id: its findings are judged again from then on.")
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
                if (!store.waivers().revoke(id, actor())) throw new Main.UserError("no waiver " + id + " in force (see lantian waiver list)");
                output.out().println("revoked waiver " + id);
            }
            return Main.OK;
        }
    }
}
