package org.lantian.http.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.lantian.Json;
import org.lantian.domain.Case;
import org.lantian.domain.CaseStatus;
import org.lantian.domain.Submission;
import org.lantian.engine.CompiledPack;
import org.lantian.engine.RuleInfo;
import org.lantian.input.FactTypes;
import org.lantian.input.InvalidInputException;
import org.lantian.pack.Measure;
import org.lantian.service.CheckReport;
import org.lantian.service.EvaluationService;
import jakarta.servlet.http.Part;
import org.lantian.store.AttachmentType;
import org.lantian.store.Attachments;
import org.lantian.store.Cases;
import org.lantian.store.FindingQuery;
import org.lantian.store.Waivers;
import org.lantian.store.Principal;
import org.lantian.store.Role;
import org.lantian.store.Scores;
import org.lantian.store.Store;
import org.lantian.store.StoredSubmission;

/**
 * The web console under {@code /}: sign-in with a token, then server-rendered pages (jte, precompiled) over the
 * same store and evaluation service as the API. Who sees what follows the API's roles; anything of another
 * unit (or another inspector's submission) answers 404, as if it did not exist. Every form carries the
 * session's CSRF token and a post without it is refused (403).
 */
public final class ConsoleRoutes {
    /** Findings a page lists at most (newest first). */
    static final int PAGE = 100;
    /** The nights the trend charts show. */
    static final int NIGHTS = 30;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;
    private final Supplier<EvaluationService> service;
    private final RouteRole open;
    private final Sessions sessions = new Sessions();
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final Map<String, byte[]> assets = new HashMap<>();

    /** {@code open} is the API's role for routes without a bearer token: the console checks its own sessions. */
    public ConsoleRoutes(Store store, Supplier<EvaluationService> service, RouteRole open) {
        this.store = store;
        this.service = service;
        this.open = open;
        assets.put("console.css", resource("console.css"));
        assets.put("console.js", resource("console.js"));
        assets.put("echarts.min.js", resource("/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js"));
    }

    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.before(this::guard);
        routes.get("/login", this::loginPage, open);
        routes.post("/login", this::login, open);
        routes.post("/logout", this::logout, open);
        routes.get("/", this::overview, open);
        routes.get("/units/{unit}", this::unit, open);
        routes.get("/measures/{n}", this::measure, open);
        routes.get("/submissions/{id}", this::submission, open);
        routes.get("/check", this::checkForm, open);
        routes.post("/check", this::check, open);
        routes.get("/cases/{id}", this::caseView, open);
        routes.post("/cases/{id}/verify", this::verify, open);
        routes.post("/cases/{id}/waiver", this::waiver, open);
        routes.post("/cases/{id}/evidence", this::evidence, open);
        routes.get("/cases/{id}/evidence/{n}", this::attachment, open);
        routes.get("/assets/{file}", this::asset, open);
    }

    /** Before every console request: security headers, and the CSRF check of every form post. */
    private void guard(Context ctx) {
        if (ctx.path().startsWith("/api/")) return;
        ctx.header("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
        if (!ctx.method().toString().equals("POST")) return;
        String posted = multipart(ctx) ? multipartField(ctx, "csrf") : ctx.formParam("csrf");
        String expected = ctx.path().equals("/login") ? ctx.cookie(Sessions.LOGIN_CSRF_COOKIE)
                : sessions.of(ctx).map(Sessions.Session::csrf).orElse(null);
        if (!Sessions.matches(expected, posted)) {
            throw new Refusal(403, "表单已过期或缺少安全令牌（CSRF），请刷新页面后重试。",
                    "The form has expired or lacks its security token (CSRF): reload the page and try again.");
        }
    }

    // --- sign-in -------------------------------------------------------------------------------------

    private void loginPage(Context ctx) {
        renderLogin(ctx, 200, null);
    }

    private void renderLogin(Context ctx, int status, String error) {
        View v = new View(lang(ctx), null, sessions.loginCsrf(ctx), "/login");
        Map<String, Object> m = new HashMap<>();
        m.put("v", v);
        m.put("error", error);
        m.put("next", safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next")));
        render(ctx, status, "login.jte", m);
    }

    private void login(Context ctx) throws SQLException {
        String token = ctx.formParam("token");
        Optional<Principal> who = token == null || token.isBlank() ? Optional.empty() : store.tokens().lookup(token.strip());
        if (who.isEmpty()) {
            View v = new View(lang(ctx), null, null, "/login");
            renderLogin(ctx, 401, v.t("令牌无效或已吊销。", "Unknown or revoked token."));
            return;
        }
        sessions.open(ctx, token.strip());
        String next = safeNext(ctx.formParam("next"));
        ctx.redirect(next != null ? next : home(who.get()));
    }

    private void logout(Context ctx) {
        sessions.close(ctx);
        ctx.redirect("/login");
    }

    /** Only a path of this site ("/units/…"), never another site ("//evil", "https://…"). */
    private static String safeNext(String next) {
        return next != null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : null;
    }

    private static String home(Principal p) {
        return p.role() == Role.UNIT ? "/units/" + View.seg(p.unit()) : "/";
    }

    /** The signed-in user, or a redirect to the sign-in page. */
    private View view(Context ctx) throws SQLException {
        var s = sessions.of(ctx);
        Principal who = s.isPresent() ? store.tokens().lookup(s.get().token()).orElse(null) : null;
        if (who == null) {
            String here = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            throw new SignIn("/login?next=" + View.seg(here));
        }
        String path = ctx.path();
        return new View(lang(ctx), who, s.get().csrf(), path);
    }

    /** ?lang=en or ?lang=zh chooses (and is remembered in a cookie); Chinese by default. */
    private static String lang(Context ctx) {
        String q = ctx.queryParam("lang");
        if ("en".equals(q) || "zh".equals(q)) {
            ctx.res().addHeader("Set-Cookie", "lantian_lang=" + q + "; Path=/; SameSite=Strict; Max-Age=31536000");
            return q;
        }
        return "en".equals(ctx.cookie("lantian_lang")) ? "en" : "zh";
    }

    // --- pages ---------------------------------------------------------------------------------------

    private void overview(Context ctx) throws SQLException {
        View v = view(ctx);
        if (v.unit()) {
            ctx.redirect(home(v.who()));
            return;
        }
        Map<String, Object> m = page(v);
        LocalDate night = store.scores().latestNight();
        m.put("night", night);
        m.put("waived", 0L);
        List<Rows.Score> units = new ArrayList<>();
        Rows.Score district = null;
        ObjectNode heat = Json.MAPPER.createObjectNode();
        ObjectNode trend = Json.MAPPER.createObjectNode();
        if (night != null) {
            List<Scores.Nightly> rows = store.scores().between(night.minusDays(NIGHTS - 1), night);
            long judged = 0, passed = 0, failed = 0, waived = 0;
            for (Scores.Nightly n : rows) {
                Scores.Score s = n.score();
                if (!n.night().equals(night)) continue;
                if (s.unit().equals(Scores.ALL_UNITS)) { // a measure over all units: the district is their sum
                    judged += s.judged();
                    passed += s.passed();
                    failed += s.failed();
                    waived += s.waived();
                } else if (s.measure() == Scores.ALL_MEASURES) {
                    units.add(new Rows.Score(0, s.unit(), 0, s.judged(), s.passed(), s.failed()));
                }
            }
            district = new Rows.Score(0, v.t("全区", "district"), 0, judged, passed, failed);
            m.put("waived", waived);
            units = ranked(units);
            heat = heatMap(v, store.scores().failures(night), units);
            trend = trend(v, rows, night, null);
        }
        m.put("district", district);
        m.put("units", units);
        m.put("heat", heat.toString());
        m.put("trend", trend.toString());
        m.put("overdue", caseRows(new Cases.Filter(null, CaseStatus.OVERDUE, null, null, null), PAGE));
        render(ctx, 200, "overview.jte", m);
    }

    /** Fewest FAIL per finding judged first; a unit with nothing judged last. */
    private static List<Rows.Score> ranked(List<Rows.Score> units) {
        List<Rows.Score> sorted = new ArrayList<>(units);
        sorted.sort(Comparator.comparing((Rows.Score s) -> s.failShare() == null ? 2.0 : s.failShare())
                .thenComparing(s -> s.passShare() == null ? 0.0 : -s.passShare()).thenComparing(Rows.Score::failed)
                .thenComparing(Rows.Score::unit));
        List<Rows.Score> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Rows.Score s = sorted.get(i);
            out.add(new Rows.Score(i + 1, s.unit(), s.measure(), s.judged(), s.passed(), s.failed()));
        }
        return out;
    }

    /** Measure × unit: tonight's FAIL findings (the batch keeps them by measure and unit), for the ECharts heat map. */
    private static ObjectNode heatMap(View v, List<Scores.Failure> failures, List<Rows.Score> units) {
        List<String> unitNames = new ArrayList<>(units.stream().map(Rows.Score::unit).toList());
        Map<Integer, Map<String, Integer>> counts = new TreeMap<>();
        for (Scores.Failure f : failures) {
            for (String u : f.units()) {
                if (!unitNames.contains(u)) unitNames.add(u);
                counts.computeIfAbsent(f.measure(), k -> new HashMap<>()).merge(u, 1, Integer::sum);
            }
        }
        List<Integer> ms = new ArrayList<>(counts.keySet());
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode data = out.putArray("data");
        int max = 1;
        for (int i = 0; i < ms.size(); i++) {
            for (var e : counts.get(ms.get(i)).entrySet()) {
                data.addArray().add(i).add(unitNames.indexOf(e.getKey())).add(e.getValue());
                max = Math.max(max, e.getValue());
            }
        }
        ArrayNode x = out.putArray("x");
        ms.forEach(m -> x.add(v.t("措施", "M") + m));
        ArrayNode y = out.putArray("y");
        unitNames.forEach(y::add);
        out.put("max", max);
        out.put("label", v.t("不合格数", "FAIL findings"));
        return out;
    }

    /** A unit's (or with unit null the district's) nights: pass share and FAIL count per night (ECharts line data). */
    private static ObjectNode trend(View v, List<Scores.Nightly> rows, LocalDate night, String unit) {
        Map<LocalDate, Scores.Score> byNight = new TreeMap<>();
        for (Scores.Nightly n : rows) {
            Scores.Score s = n.score();
            if (unit == null && s.unit().equals(Scores.ALL_UNITS)) {
                byNight.merge(n.night(), s, (a, b) -> new Scores.Score(Scores.ALL_UNITS, Scores.ALL_MEASURES,
                        a.judged() + b.judged(), a.passed() + b.passed(), a.failed() + b.failed()));
            } else if (s.unit().equals(unit) && s.measure() == Scores.ALL_MEASURES) {
                byNight.put(n.night(), s);
            }
        }
        ObjectNode out = Json.MAPPER.createObjectNode();
        ArrayNode nights = out.putArray("nights");
        ArrayNode pass = out.putArray("pass");
        ArrayNode failed = out.putArray("failed");
        for (LocalDate d = night.minusDays(NIGHTS - 1); !d.isAfter(night); d = d.plusDays(1)) {
            nights.add(d.toString().substring(5));
            Scores.Score s = byNight.get(d);
            if (s == null || s.judged() == 0) {
                pass.addNull();
                failed.addNull();
            } else {
                pass.add(Math.round(1000.0 * s.passed() / s.judged()) / 10.0);
                failed.add(s.failed());
            }
        }
        out.put("passLabel", v.t("合格率 %", "PASS share %"));
        out.put("failedLabel", v.t("不合格数", "FAIL findings"));
        return out;
    }

    private void unit(Context ctx) throws SQLException {
        View v = view(ctx);
        String unit = ctx.pathParam("unit");
        CompiledPack pack = service.get().pack();
        String known = pack.ledger().unit(unit);
        if (known == null || v.unit() && !known.equals(v.who().unit())) throw notFound(v);
        Map<String, Object> m = page(v);
        m.put("unit", known);
        LocalDate night = store.scores().latestNight();
        m.put("night", night);
        List<Rows.Failure> failing = new ArrayList<>();
        ObjectNode trend = Json.MAPPER.createObjectNode();
        if (night != null) {
            List<Scores.Nightly> rows = store.scores().between(night.minusDays(NIGHTS - 1), night);
            for (Scores.Failure f : store.scores().failures(night)) {
                if (f.units().contains(known)) failing.add(new Rows.Failure(f.measure(), f.rule(), f.subject()));
            }
            trend = trend(v, rows, night, known);
        }
        m.put("failing", failing);
        m.put("trend", trend.toString());
        List<Rows.CaseRow> cases = caseRows(new Cases.Filter(known, null, null, null, null), PAGE);
        m.put("cases", cases.stream().filter(c -> !c.status().equals("CLOSED")).toList());
        m.put("findings", findings(v, new FindingQuery(null, known, null, null, null, null, v.inspector() ? v.who().inspector() : null, PAGE, 0)));
        render(ctx, 200, "unit.jte", m);
    }

    private void measure(Context ctx) throws SQLException {
        View v = view(ctx);
        CompiledPack pack = service.get().pack();
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw notFound(v);
        }
        if (!pack.ledger().hasMeasure(n)) throw notFound(v);
        Measure measure = pack.ledger().measure(n);
        Map<String, Object> m = page(v);
        m.put("measure", measure);
        m.put("deadline", measure.deadline().describe(pack.ledger()));
        List<Rows.Target> targets = new ArrayList<>();
        if (measure.targets() != null) {
            measure.targets().forEach((name, t) -> targets.add(new Rows.Target(name, Rows.text(Json.MAPPER.valueToTree(t.value())),
                    t.unit() == null ? "" : t.unit(), t.source() == null ? "" : t.source(), t.note() == null ? "" : t.note())));
        }
        m.put("targets", targets);
        m.put("rules", pack.rulesOf(n).stream().map(RuleInfo::id).toList());
        String unit = v.unit() ? v.who().unit() : null;
        m.put("findings", findings(v, new FindingQuery(n, unit, null, null, null, null, v.inspector() ? v.who().inspector() : null, PAGE, 0)));
        List<Rows.Failure> failing = new ArrayList<>();
        LocalDate night = store.scores().latestNight();
        Rows.Score tonight = null;
        if (night != null) {
            for (Scores.Nightly row : store.scores().between(night, night)) {
                Scores.Score s = row.score();
                if (s.measure() == n && s.unit().equals(Scores.ALL_UNITS)) tonight = new Rows.Score(0, "*", n, s.judged(), s.passed(), s.failed());
            }
            for (Scores.Failure f : store.scores().failures(night)) {
                if (f.measure() == n && (unit == null || f.units().contains(unit))) {
                    failing.add(new Rows.Failure(f.measure(), f.rule(), f.subject() + " · " + String.join("、", f.units())));
                }
            }
        }
        m.put("night", night);
        m.put("tonight", v.unit() ? null : tonight);
        m.put("failing", failing);
        render(ctx, 200, "measure.jte", m);
    }

    private List<Rows.Finding> findings(View v, FindingQuery q) throws SQLException {
        List<Rows.Finding> out = new ArrayList<>();
        for (String json : store.submissions().findings(q)) out.add(Rows.Finding.of(readTree(json), v.en()));
        return out;
    }

    private void submission(Context ctx) throws SQLException {
        View v = view(ctx);
        String id = ctx.pathParam("id");
        StoredSubmission s = store.submissions().get(id).orElseThrow(() -> notFound(v));
        if (v.inspector() && !s.inspector().equals(v.who().inspector())) throw notFound(v);
        List<Rows.Finding> findings = new ArrayList<>();
        for (JsonNode f : readTree(s.report()).path("findings")) {
            Rows.Finding row = Rows.Finding.of(f, v.en());
            if (v.unit() && !row.units().contains(v.who().unit())) continue; // a unit sees its own findings only
            findings.add(row);
        }
        if (v.unit() && findings.isEmpty()) throw notFound(v);
        Map<String, Object> m = page(v);
        m.put("s", s);
        m.put("findings", findings);
        JsonNode summary = readTree(s.report()).path("summary");
        m.put("summary", summary.isMissingNode() ? "" : summary.toString().replaceAll("[{}\"]", "").replace(",", ", "));
        render(ctx, 200, "submission.jte", m);
    }

    // --- the site check ------------------------------------------------------------------------------

    private void checkForm(Context ctx) throws SQLException {
        View v = view(ctx);
        if (v.unit()) throw notFound(v);
        String type = ctx.queryParam("type");
        if (type != null && FactTypes.byName(type).isEmpty()) type = null;
        renderCheck(ctx, v, 200, type, Map.of(), Map.of());
    }

    private void renderCheck(Context ctx, View v, int status, String type, Map<String, List<String>> posted, Map<String, String> problems) {
        Map<String, Object> m = page(v);
        m.put("types", SiteCheckForm.types(v));
        m.put("type", type);
        m.put("fields", type == null ? List.of() : SiteCheckForm.fields(type, v, posted, problems));
        m.put("general", problems.getOrDefault("", null));
        m.put("towns", service.get().pack().ledger().towns() == null ? List.of() : service.get().pack().ledger().towns());
        m.put("inspectorId", posted.getOrDefault("inspector", List.of("")).get(0));
        render(ctx, status, "check.jte", m);
    }

    /**
     * A site check posted through the form: read into a submission of one fact, then validated, evaluated with
     * the store's history and stored exactly as {@code POST /api/v1/submissions} does, through the one
     * EvaluationService; problems go back beside their fields, findings are shown at once.
     */
    private void check(Context ctx) throws SQLException {
        View v = view(ctx);
        if (v.unit()) throw notFound(v);
        Map<String, List<String>> posted = ctx.formParamMap();
        String type = ctx.formParam("type");
        if (type == null || FactTypes.byName(type).isEmpty()) {
            renderCheck(ctx, v, 400, null, posted, Map.of("", v.t("请选择事实类型。", "Choose a fact type.")));
            return;
        }
        String inspector = v.inspector() ? v.who().inspector() : ctx.formParam("inspector");
        EvaluationService svc = service.get();
        OffsetDateTime now = OffsetDateTime.now(svc.zone());
        ObjectNode document = Json.MAPPER.createObjectNode();
        document.put("submission", "WEB-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + Integer.toString(RANDOM.nextInt(1 << 20), 36));
        document.put("inspector", inspector == null || inspector.isBlank() ? null : inspector.strip());
        document.put("submittedAt", now.withNano(0).toString());
        document.putArray("facts").add(SiteCheckForm.fact(type, posted));
        Submission submission;
        LocalDate asOf;
        try {
            submission = svc.validate(document);
            asOf = svc.validateAsOf(svc.asOf(submission), "/submittedAt");
        } catch (InvalidInputException e) {
            Map<String, String> problems = new LinkedHashMap<>(SiteCheckForm.problems(e.problems()));
            if (problems.containsKey("inspector") || e.problems().stream().anyMatch(p -> "/inspector".equals(p.pointer()))) {
                problems.merge("", v.t("请填写检查员编号。", "Enter the inspector id."), (a, b) -> a + "; " + b);
            }
            renderCheck(ctx, v, 400, type, posted, problems);
            return;
        }
        // As POST /api/v1/submissions: judged with the store's history and waivers; facts recorded and cases moved
        // with the submission in one transaction.
        CheckReport report = svc.check(submission, asOf, store);
        String reportJson = ctx.jsonMapper().toJsonString(report, CheckReport.class);
        svc.record(store, submission, document, asOf, report, reportJson, v.who().tokenId(), v.who().role().name());
        ctx.redirect("/submissions/" + View.seg(submission.submission()));
    }

    // --- cases ---------------------------------------------------------------------------------------

    /** The case of the path when the signed-in user may see it (a unit: its own units' cases); otherwise 404. */
    private Case visibleCase(Context ctx, View v) throws SQLException {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw notFound(v);
        }
        Case k = store.cases().find(id).orElseThrow(() -> notFound(v));
        if (v.unit() && !k.units().contains(v.who().unit())) throw notFound(v);
        return k;
    }

    private void caseView(Context ctx) throws SQLException {
        View v = view(ctx);
        renderCase(ctx, v, 200, visibleCase(ctx, v), null);
    }

    private void renderCase(Context ctx, View v, int status, Case k, String error) throws SQLException {
        Map<String, Object> m = page(v);
        m.put("k", k);
        m.put("events", store.cases().events(k.id()));
        m.put("waiver", k.waiver() == null ? null : store.waivers().find(k.waiver()).orElse(null));
        m.put("error", error);
        m.put("postings", store.attachments().list(k.id()));
        m.put("today", service.get().today());
        String subject = Cases.subjectOf(k.subject());
        m.put("subject", subject);
        // The waivers granted for this case's rule (or measure) and subject (or a town of its units).
        m.put("waivers", store.waivers().list().stream().filter(w -> w.revokedAt() == null
                && (k.rule().equals(w.rule()) || w.rule() == null && w.measure() != null && w.measure() == k.measure())
                && (subject.equals(w.subject()) || w.subject() == null && k.units().contains(w.town()))).toList());
        render(ctx, status, "case.jte", m);
    }

    /** An inspector's (or admin's) verification: CLOSED, or back to OPEN (REOPENED), with a note. */
    private void verify(Context ctx) throws SQLException {
        View v = view(ctx);
        Case k = visibleCase(ctx, v);
        if (v.unit()) throw new Refusal(403, "只有检查员和管理员可以核查。", "Only inspectors and admins verify.");
        String result = ctx.formParam("result");
        String note = ctx.formParam("note");
        if (!"CLOSED".equals(result) && !"REOPENED".equals(result)) {
            renderCase(ctx, v, 400, k, v.t("请选择核查结果。", "Choose a result."));
            return;
        }
        try {
            store.cases().verify(k.id(), result.equals("CLOSED"), note == null || note.isBlank() ? null : note.strip(),
                    v.who().tokenId(), v.who().role().name());
        } catch (Cases.NotVerifiable e) {
            renderCase(ctx, v, 409, k, e.getMessage());
            return;
        }
        ctx.redirect("/cases/" + k.id());
    }

    /** An admin's waiver for the case's rule and subject, from..to, with reason, approver and document number. */
    private void waiver(Context ctx) throws SQLException {
        View v = view(ctx);
        Case k = visibleCase(ctx, v);
        if (!v.admin()) throw new Refusal(403, "只有管理员可以批准豁免。", "Only admins grant waivers.");
        LocalDate from;
        LocalDate to;
        try {
            from = LocalDate.parse(String.valueOf(ctx.formParam("from")));
            to = LocalDate.parse(String.valueOf(ctx.formParam("to")));
        } catch (java.time.DateTimeException e) {
            renderCase(ctx, v, 400, k, v.t("请填写起止日期（YYYY-MM-DD）。", "Give from and to (YYYY-MM-DD)."));
            return;
        }
        Waivers.Grant grant = new Waivers.Grant(k.rule(), null, Cases.subjectOf(k.subject()), null, from, to,
                ctx.formParam("reason"), ctx.formParam("approver"), ctx.formParam("document"));
        String problem = grant.problem();
        if (problem != null) {
            renderCase(ctx, v, 400, k, problem);
            return;
        }
        store.waivers().create(grant, v.who().tokenId());
        ctx.redirect("/cases/" + k.id());
    }

    /**
     * A unit's rectification (整改材料): a note and photos or PDFs (multipart), stored with the case as the API's
     * {@code POST /cases/{id}/evidence} stores them (types from the content, 5 MB a file, 10 a case); the case's
     * timeline gets the event.
     */
    private void evidence(Context ctx) throws SQLException {
        View v = view(ctx);
        Case k = visibleCase(ctx, v);
        if (!v.unit() && !v.admin()) throw new Refusal(403, "只有责任单位和管理员可以提交整改材料。", "Only the case's units and admins hand in rectification.");
        String note = null;
        List<Attachments.NewFile> files = new ArrayList<>();
        try {
            for (Part p : ctx.req().getParts()) {
                if (p.getSubmittedFileName() != null) {
                    if (p.getSize() == 0 && p.getSubmittedFileName().isEmpty()) continue; // no file chosen
                    Attachments.NewFile f = file(p);
                    if (f == null) {
                        renderCase(ctx, v, 415, k, v.t("文件“" + p.getSubmittedFileName() + "”不是图片或 PDF（按内容判断）：" + AttachmentType.accepted(),
                                "File \"" + p.getSubmittedFileName() + "\" is not an image or PDF (judged by its content): " + AttachmentType.accepted()));
                        return;
                    }
                    files.add(f);
                } else if (p.getName().equals("note")) {
                    note = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
                }
            }
        } catch (IOException | jakarta.servlet.ServletException | IllegalStateException e) {
            renderCase(ctx, v, 413, k, v.t("文件太大：每个文件不超过 5 MB。", "A file is too large: at most 5 MB each."));
            return;
        }
        if (note != null && note.isEmpty()) note = null;
        if (note == null && files.isEmpty()) {
            renderCase(ctx, v, 400, k, v.t("请填写整改说明或附上文件。", "Write a note or attach files."));
            return;
        }
        if (note != null && note.length() > Attachments.MAX_NOTE || files.size() > Attachments.MAX_FILES) {
            renderCase(ctx, v, 400, k, v.t("说明不超过 " + Attachments.MAX_NOTE + " 字，文件不超过 " + Attachments.MAX_FILES + " 个。",
                    "A note of at most " + Attachments.MAX_NOTE + " characters and at most " + Attachments.MAX_FILES + " files."));
            return;
        }
        try {
            store.attachments().post(k.id(), v.who(), note, files);
        } catch (Attachments.CaseFull e) {
            renderCase(ctx, v, 400, k, v.t("本案件已有 " + e.existing + " 个文件，最多 " + Attachments.MAX_FILES + " 个。",
                    "The case holds " + e.existing + " files already, at most " + Attachments.MAX_FILES + "."));
            return;
        }
        ctx.redirect("/cases/" + k.id());
    }

    /** A file as posted, its type sniffed from its first bytes; null when it is not one the store takes. */
    private static Attachments.NewFile file(Part p) throws IOException {
        byte[] head;
        String sha;
        try (java.security.DigestInputStream in = new java.security.DigestInputStream(p.getInputStream(),
                java.security.MessageDigest.getInstance("SHA-256"))) {
            head = in.readNBytes(AttachmentType.HEAD);
            in.transferTo(java.io.OutputStream.nullOutputStream());
            sha = java.util.HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        AttachmentType type = AttachmentType.sniff(head).orElse(null);
        String name = p.getSubmittedFileName().replaceAll(".*[/\\\\]", "");
        return type == null ? null : new Attachments.NewFile(name.isBlank() ? "file" : name, type, p.getSize(), sha, p::getInputStream);
    }

    /** An attachment of a case, to whoever may see the case. */
    private void attachment(Context ctx) throws SQLException {
        View v = view(ctx);
        Case k = visibleCase(ctx, v);
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw notFound(v);
        }
        Attachments.StoredFile f = store.attachments().file(k.id(), n).orElseThrow(() -> notFound(v));
        ctx.contentType(f.info().mediaType());
        ctx.header("Content-Disposition", "inline; filename*=UTF-8''" + View.seg(f.info().name()));
        ctx.result(f.content());
    }

    private static boolean multipart(Context ctx) {
        String type = ctx.contentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
    }

    /** A text field of a multipart form, read with the evidence limits (5 MB a file, 10 files and a little more a request). */
    private static String multipartField(Context ctx, String name) {
        ctx.req().setAttribute("org.eclipse.jetty.multipartConfig", new jakarta.servlet.MultipartConfigElement(System.getProperty("java.io.tmpdir"),
                Attachments.MAX_FILE_BYTES, Attachments.MAX_FILES * Attachments.MAX_FILE_BYTES + (1 << 20), 256 * 1024));
        try {
            Part p = ctx.req().getPart(name);
            return p == null ? null : new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException | jakarta.servlet.ServletException | IllegalStateException e) {
            throw new Refusal(413, "请求太大：每个文件不超过 5 MB，最多 10 个。", "The request is too large: at most 10 files of 5 MB each.");
        }
    }

    /** Cases as links: "#12 OVERDUE 13-back-lane-wet-sweep R-017 (due 2022-07-10)". */
    private List<Rows.CaseRow> caseRows(Cases.Filter filter, int limit) throws SQLException {
        List<Rows.CaseRow> out = new ArrayList<>();
        for (Case k : store.cases().list(filter, limit, 0)) out.add(Rows.CaseRow.of(k));
        return out;
    }

    // --- plumbing ------------------------------------------------------------------------------------

    private void asset(Context ctx) {
        String file = ctx.pathParam("file");
        byte[] body = assets.get(file);
        if (body == null) throw new Refusal(404, "没有这个文件。", "No such file.");
        ctx.contentType(file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.result(body);
    }

    private Map<String, Object> page(View v) {
        Map<String, Object> m = new HashMap<>();
        m.put("v", v);
        return m;
    }

    void render(Context ctx, int status, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        ctx.status(status).contentType("text/html; charset=utf-8").result(out.toString());
    }

    private Refusal notFound(View v) {
        return new Refusal(404, "没有这个页面，或您无权查看。", "No such page, or not yours to see.");
    }

    /** Renders a refusal (404, 403) as a page. */
    public void refused(Refusal e, Context ctx) {
        View v = new View(lang(ctx), null, null, ctx.path());
        Map<String, Object> m = new HashMap<>();
        m.put("v", v);
        m.put("status", e.status);
        m.put("message", v.t(e.zh, e.en));
        render(ctx, e.status, "error.jte", m);
    }

    /** A page for a path nothing answers (outside the API, whose 404 is JSON). */
    public void noSuchPage(Context ctx) {
        refused(new Refusal(404, "没有这个页面。", "No such page."), ctx);
    }

    /** Not signed in: to the sign-in page, and back here afterwards. */
    public static void signIn(SignIn e, Context ctx) {
        ctx.redirect(e.to);
    }

    private static JsonNode readTree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page refused with a status and a message in both languages. */
    public static final class Refusal extends RuntimeException {
        final int status;
        final String zh;
        final String en;

        Refusal(int status, String zh, String en) {
            super(en, null, false, false);
            this.status = status;
            this.zh = zh;
            this.en = en;
        }
    }

    /** Not signed in (or the token was revoked): where to go. */
    public static final class SignIn extends RuntimeException {
        final String to;

        SignIn(String to) {
            super(to, null, false, false);
            this.to = to;
        }
    }
}
