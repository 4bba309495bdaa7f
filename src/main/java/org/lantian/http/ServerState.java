package org.lantian.http;

import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.lantian.service.EvaluationService;
import org.lantian.store.Principal;
import org.lantian.store.Store;

/** What the route groups share: the store, the evaluation service in use (swapped by reload) and the pack's folder. */
final class ServerState {
    static final String PRINCIPAL = "lantian.principal";

    final Store store;
    final Path packDir;
    final AtomicReference<EvaluationService> service;
    /**
     * Evaluations at once: one a core. Posts that wait for the database (PostgreSQL's commit) pile up on
     * the request threads; evaluated all at once they slow each other down, so the rest wait their turn here.
     */
    final Semaphore evaluating = new Semaphore(Runtime.getRuntime().availableProcessors());

    ServerState(Store store, EvaluationService service, Path packDir) {
        this.store = store;
        this.packDir = packDir;
        this.service = new AtomicReference<>(service);
    }

    EvaluationService service() {
        return service.get();
    }

    /** The caller, as the role check in {@link ApiServer} found it (routes open to anyone have none). */
    static Principal principal(Context ctx) {
        return Objects.requireNonNull(ctx.attribute(PRINCIPAL));
    }
}
