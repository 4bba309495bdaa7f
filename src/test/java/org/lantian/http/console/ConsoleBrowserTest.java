package org.lantian.http.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lantian.TestPacks;
import org.lantian.domain.Case;
import org.lantian.http.ApiServer;
import org.lantian.store.Cases;
import org.lantian.store.History;
import org.lantian.store.Role;
import org.lantian.store.Scores;
import org.lantian.store.Store;
import org.lantian.store.TestDatabases;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium and chromium-driver; under CI they must be there, elsewhere
 * the test is reported skipped without them). Signs in as each role, reads the scorecard, files a site check
 * through the form and sees its FAIL, walks the case it opened (waiver → WAIVED, rectified → verified), checks that
 * a unit sees only its own (404 for another's pages), and loads every page at 375 px without sideways scrolling.
 * Screenshots of each page go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(600)
class ConsoleBrowserTest {
    static final String UNIT = "北街街道";
    static final String OTHER_UNIT = "东街街道";
    static final Path SHOTS = Path.of("target", "screenshots");

    @TempDir
    static Path tmp;
    static Store store;
    static ApiServer server;
    static WebDriver browser;
    static String admin;
    static String inspector;
    static String unit;
    static String otherUnit;
    static LocalDate night = LocalDate.of(2022, 7, 3);
    /** The pages visited, by name: each is loaded again at 375 px. */
    static final Map<String, String> pages = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        String driver = "/usr/bin/chromedriver";
        boolean present = new File(driver).canExecute() && new File("/usr/bin/chromium").canExecute();
        if (!TestDatabases.underCi()) Assumptions.assumeTrue(present, "chromium and chromium-driver are not installed (.ci/run installs them)");
        assertTrue(present, "chromium and chromium-driver are not installed: .ci/run installs them");
        store = Store.open(TestDatabases.fresh("h2", tmp));
        server = ApiServer.start(store, TestPacks.bundled(), TestPacks.BUNDLED, "127.0.0.1", 0);
        admin = store.tokens().create(Role.ADMIN, null, null).token();
        inspector = store.tokens().create(Role.INSPECTOR, "INS-07", null).token();
        unit = store.tokens().create(Role.UNIT, null, UNIT).token();
        otherUnit = store.tokens().create(Role.UNIT, null, OTHER_UNIT).token();
        scorecards();
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        Files.createDirectories(SHOTS);
    }

    /** Thirty nights of scorecards as the batch keeps them: two units, two measures, FAILs tonight. */
    static void scorecards() throws Exception {
        for (int i = 29; i >= 0; i--) {
            LocalDate d = night.minusDays(i);
            try (History.Night n = store.history().night(d, List.of())) {
                int fails = i % 5;
                n.scores(List.of(
                        new Scores.Score(UNIT, Scores.ALL_MEASURES, 20, 20 - fails, fails),
                        new Scores.Score(OTHER_UNIT, Scores.ALL_MEASURES, 10, 10, 0),
                        new Scores.Score(Scores.ALL_UNITS, 13, 18, 18 - fails, fails),
                        new Scores.Score(Scores.ALL_UNITS, 15, 12, 12, 0)));
                if (i == 0) n.failure(13, "13-daily-sweeps", "R-001/2022-07-03", List.of(UNIT, "区市容环卫中心"));
                n.commit();
            }
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.quit();
        if (server != null) server.close();
        if (store != null) store.close();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    void signIn(String token) {
        browser.manage().deleteAllCookies();
        browser.get(url("/login"));
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.id("sign-in")).click();
        waitFor(d -> !d.getCurrentUrl().contains("/login") && loaded(d));
    }

    /**
     * Polls until the condition holds. An element found on the page a click is leaving goes stale when the next page
     * replaces it: that is "not yet", asked again, as a missing element is. Chromium sometimes says so as an inspector
     * error ("Node with given id does not belong to the document") rather than as a stale element.
     */
    void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> {
                    try {
                        return condition.apply(d);
                    } catch (org.openqa.selenium.WebDriverException e) {
                        if (String.valueOf(e.getMessage()).contains("does not belong to the document")) return false;
                        throw e;
                    }
                });
    }

    /** Whether the page the browser went to has loaded: its address changes before its elements are there. */
    static boolean loaded(WebDriver d) {
        return "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"));
    }

    void shot(String name) throws Exception {
        pages.putIfAbsent(name, browser.getCurrentUrl());
        Files.write(SHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /** The text of an element, once it is there: a form's answer (an error beside a field) comes after the click. */
    String text(String id) {
        waitFor(d -> !d.findElements(By.id(id)).isEmpty());
        return browser.findElement(By.id(id)).getText();
    }

    @Test
    @Order(1)
    void theOfficeSignsInAndSeesTonightsScorecard() throws Exception {
        browser.get(url("/"));
        assertTrue(browser.getCurrentUrl().contains("/login"), "signed out: the sign-in page");
        shot("login");
        browser.findElement(By.id("token")).sendKeys("lt_not-a-token");
        browser.findElement(By.id("sign-in")).click();
        assertTrue(text("login-error").contains("令牌无效"), "a wrong token is refused");
        signIn(admin);
        assertEquals(url("/"), browser.getCurrentUrl());
        assertEquals("30", text("judged"), "measures 13 and 15 tonight: 18 + 12");
        assertEquals("0", text("failed"));
        assertEquals("100.0%", text("pass-share"));
        List<WebElement> ranked = browser.findElements(By.cssSelector("#ranking tbody tr"));
        assertEquals(2, ranked.size());
        assertTrue(ranked.get(0).getText().contains(OTHER_UNIT), "no FAIL ranks first: " + ranked.get(0).getText());
        // The charts are drawn by ECharts, served by Lantian itself.
        waitFor(d -> !d.findElements(By.cssSelector("#heatmap canvas")).isEmpty() && !d.findElements(By.cssSelector("#trend canvas")).isEmpty());
        assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return typeof echarts === 'object'"));
        shot("overview");
        browser.findElement(By.id("lang-toggle")).click();
        waitFor(d -> d.findElement(By.tagName("h1")).getText().equals("District overview"));
        shot("overview-en");
        browser.get(url("/?lang=zh"));
        assertEquals("全区总览", browser.findElement(By.tagName("h1")).getText());
        browser.get(url("/measures/13"));
        assertTrue(text("text-zh").contains("机械化清扫率"), "the ledger text");
        assertTrue(text("text-en").contains("mechanised"), "its English summary");
        assertTrue(browser.getPageSource().contains("13-daily-sweeps"), "tonight's FAIL of the measure");
        shot("measure");
    }

    @Test
    @Order(2)
    void anInspectorFilesASiteCheckAndSeesItsFail() throws Exception {
        signIn(inspector);
        browser.findElement(By.id("nav-check")).click();
        new Select(browser.findElement(By.id("type"))).selectByValue("RoadCleaning");
        waitFor(d -> !d.findElements(By.id("site-check")).isEmpty()); // the choice reloads the form, built from the schema
        assertTrue(browser.findElement(By.cssSelector("label[for=f-areaM2]")).getText().contains("m²"), "units from the schema");
        assertTrue(browser.findElement(By.cssSelector("#f-roadClass")).getText().contains("背街小巷"), "enum labels as choices");
        fillRoad("R-017", "1", yesterday);
        browser.findElement(By.id("f-sweeps")).clear();
        browser.findElement(By.id("f-sweeps")).sendKeys("-1");
        browser.findElement(By.id("submit-check")).click();
        assertTrue(text("error-sweeps").contains("non-negative whole number"), "the reader's message beside its field");
        shot("check-invalid");
        browser.findElement(By.id("f-sweeps")).clear();
        browser.findElement(By.id("f-sweeps")).sendKeys("1");
        browser.findElement(By.id("submit-check")).click();
        waitFor(d -> d.getCurrentUrl().contains("/submissions/") && loaded(d));
        assertFalse(browser.findElements(By.cssSelector(".badge.st-fail")).isEmpty(), "the site check's FAIL at once");
        assertTrue(browser.getPageSource().contains("Evidence") || browser.getPageSource().contains("判定依据"), "with its evidence");
        shot("submission");
        pages.put("check", url("/check?type=RoadCleaning"));
    }

    /** Today in the ledger's time zone (the server's as-of day for a site check), and the day before. */
    static final LocalDate today = LocalDate.now(TestPacks.bundled().ledger().zone());
    static final LocalDate yesterday = today.minusDays(1);

    void fillRoad(String road, String sweeps) {
        fillRoad(road, sweeps, today);
    }

    void fillRoad(String road, String sweeps, LocalDate day) {
        browser.findElement(By.id("f-road")).sendKeys(road);
        new Select(browser.findElement(By.id("f-roadClass"))).selectByValue("MAIN");
        browser.findElement(By.id("f-town")).sendKeys(UNIT);
        ((JavascriptExecutor) browser).executeScript("document.getElementById('f-date').value = arguments[0]", day.toString());
        browser.findElement(By.id("f-areaM2")).sendKeys("1000");
        browser.findElement(By.id("f-mechanizedAreaM2")).sendKeys("990");
        browser.findElement(By.id("f-sweeps")).sendKeys(sweeps);
        browser.findElement(By.id("f-upkeepShifts")).sendKeys("2");
        browser.findElement(By.id("f-washes")).sendKeys("1");
    }

    Case theCase() throws Exception {
        return caseOf("R-017");
    }

    Case caseOf(String road) throws Exception {
        List<Case> cases = store.cases().list(new Cases.Filter(UNIT, null, null, "13-daily-sweeps", null), 10, 0)
                .stream().filter(c -> c.subject().equals(road)).toList();
        assertEquals(1, cases.size(), "the FAIL opened one case for " + UNIT + ": " + cases);
        return cases.get(0);
    }

    @Test
    @Order(3)
    void aUnitSeesItsOwnAndNothingOfAnothers() throws Exception {
        Case k = theCase();
        signIn(unit);
        assertTrue(browser.getCurrentUrl().endsWith("/units/" + View.seg(UNIT)), "a unit lands on its own page: " + browser.getCurrentUrl());
        assertEquals(UNIT, text("unit-name"));
        assertFalse(browser.findElements(By.cssSelector("a.case-link[href='/cases/" + k.id() + "']")).isEmpty(), "its open case");
        shot("unit");
        browser.findElement(By.cssSelector("a.case-link[href='/cases/" + k.id() + "']")).click();
        assertEquals("OPEN", text("case-status"));
        assertTrue(browser.findElements(By.id("verify")).isEmpty() && browser.findElements(By.id("waiver-form")).isEmpty(),
                "a unit neither verifies nor waives");
        // The unit hands in its rectification: a note and a photo; the case's timeline moves on.
        int before = browser.findElements(By.cssSelector("#timeline li")).size();
        Path photo = tmp.resolve("swept.png");
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(image, "png", photo.toFile());
        browser.findElement(By.id("e-note")).sendKeys("已增加清扫频次至每日三次");
        browser.findElement(By.id("e-file")).sendKeys(photo.toAbsolutePath().toString());
        browser.findElement(By.id("evidence-submit")).click();
        waitFor(d -> d.findElements(By.cssSelector("#timeline li")).size() == before + 1 || !d.findElements(By.id("case-error")).isEmpty());
        assertTrue(browser.findElements(By.id("case-error")).isEmpty(), () -> text("case-error"));
        assertTrue(text("timeline").contains("已增加清扫频次至每日三次"), "the rectification in the timeline");
        assertEquals("swept.png", browser.findElement(By.cssSelector("a.attachment")).getText());
        shot("case-rectification");

        signIn(otherUnit);
        for (String page : List.of("/units/" + View.seg(UNIT), "/cases/" + k.id(), "/cases/" + k.id() + "/evidence/1",
                "/submissions/" + View.seg(submissionOf(k)), "/check")) {
            browser.get(url(page));
            assertEquals("404", text("status"), OTHER_UNIT + " opens " + page);
        }
        shot("not-found");
        browser.get(url("/units/" + View.seg(OTHER_UNIT)));
        assertFalse(browser.getPageSource().contains("R-017"), "nothing of " + UNIT + " on " + OTHER_UNIT + "'s page");
    }

    String submissionOf(Case k) throws Exception {
        return store.cases().events(k.id()).get(0).submission();
    }

    @Test
    @Order(5)
    void anAdminsWaiverShowsWaived() throws Exception {
        signIn(inspector);
        browser.get(url("/check?type=RoadCleaning"));
        fillRoad("R-021", "1", yesterday);
        browser.findElement(By.id("submit-check")).click();
        waitFor(d -> d.getCurrentUrl().contains("/submissions/") && loaded(d));
        Case k = caseOf("R-021");
        signIn(admin);
        browser.get(url("/cases/" + k.id()));
        shot("case");
        browser.findElement(By.id("w-reason")).sendKeys("道路施工，暂停机扫");
        browser.findElement(By.id("w-approver")).sendKeys("区大气办");
        browser.findElement(By.id("w-document")).sendKeys("城大气办〔2022〕12号");
        browser.findElement(By.id("waiver-submit")).click();
        waitFor(d -> !d.findElements(By.cssSelector("#waivers li")).isEmpty() || !d.findElements(By.id("case-error")).isEmpty());
        assertTrue(browser.findElements(By.id("case-error")).isEmpty(), () -> text("case-error"));
        // The same failing check again: its finding is WAIVED, never PASS, and the case says so.
        signIn(inspector);
        browser.get(url("/check?type=RoadCleaning"));
        fillRoad("R-021", "1");
        browser.findElement(By.id("submit-check")).click();
        waitFor(d -> d.getCurrentUrl().contains("/submissions/") && loaded(d));
        assertFalse(browser.findElements(By.cssSelector(".badge.st-waived")).isEmpty(), "the waived finding");
        shot("submission-waived");
        browser.get(url("/cases/" + k.id()));
        assertEquals("WAIVED", text("case-waived"));
    }

    @Test
    @Order(4)
    void aRectifiedCaseIsVerifiedAndCloses() throws Exception {
        Case k = theCase();
        signIn(inspector);
        browser.get(url("/check?type=RoadCleaning"));
        fillRoad("R-017", "3"); // put right: three sweeps
        browser.findElement(By.id("submit-check")).click();
        waitFor(d -> d.getCurrentUrl().contains("/submissions/") && loaded(d));
        browser.get(url("/cases/" + k.id()));
        assertEquals("RECTIFIED", text("case-status"), "a PASS moves the case");
        new Select(browser.findElement(By.id("result"))).selectByValue("CLOSED");
        browser.findElement(By.id("verify-note")).sendKeys("现场复核，已整改到位");
        browser.findElement(By.id("verify-submit")).click();
        waitFor(d -> d.findElement(By.id("case-status")).getText().equals("CLOSED"));
        assertTrue(text("timeline").contains("RECTIFIED → CLOSED"), text("timeline"));
        shot("case-closed");
    }

    @Test
    @Order(9)
    void everyPageWorksAt375Pixels() throws Exception {
        List<String> wide = new ArrayList<>();
        browser.manage().window().setSize(new Dimension(375, 812));
        try {
            for (Map.Entry<String, String> page : new LinkedHashMap<>(pages).entrySet()) {
                signIn(page.getKey().startsWith("unit") ? unit : admin);
                browser.get(page.getValue());
                Thread.sleep(300);
                Object width = ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollWidth");
                if (((Number) width).intValue() > 375) wide.add(page.getKey() + " (" + width + " px)");
                shot(page.getKey() + "-375");
            }
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 1000));
        }
        assertTrue(pages.size() >= 8, "pages visited: " + pages.keySet());
        assertEquals(List.of(), wide, "pages wider than 375 px");
        assertNotNull(SHOTS.resolve("overview-375.png").toFile().exists() ? "" : null, "screenshots written");
    }
}
