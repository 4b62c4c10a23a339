package io.github.bart4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bart4j.core.BalloonResult;
import io.github.bart4j.core.Decision;
import io.github.bart4j.core.Money;
import io.github.bart4j.core.ResultFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person in a real browser: headless Chromium (Debian's {@code chromium} and
 * {@code chromium-driver}, driven by Selenium) plays a typed schedule with clicks and keys, sees a
 * balloon burst, reloads the page and continues, reaches the end screen; the results are then in
 * the run directory. Screenshots are kept in {@code target/screenshots/}.
 *
 * <p>Without the browser the test is skipped, except under CI ({@code CI=true}), where it fails.
 */
class ServeBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CONFIG = String.join("\n", "backend: simulated", "model_list: ['fixed:3']",
            "balloon_types:", "  - {label: blue, max_pumps: 8, count: 2}", "  - {label: orange, max_pumps: 5, count: 2}",
            "balloon_order: blocked", "seed: 5", "");

    @TempDir
    Path tmp;

    private ChromeDriver driver;
    private ServeHarness serve;

    @BeforeEach
    void browser() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present) {
            String message = "the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1000,760", "--user-data-dir=" + tmp.resolve("chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(tmp.resolve("chromedriver.log").toFile())
                .withTimeout(Duration.ofSeconds(120)).build(); // ChromeDriver's start, 20 s by default
        driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void close() {
        if (driver != null) {
            driver.quit();
        }
        if (serve != null) {
            serve.stop();
        }
    }

    @Test
    void a_person_plays_every_balloon_with_clicks_and_keys_and_the_results_are_in_the_run_directory()
            throws Exception {
        Path config = tmp.resolve("c.yaml");
        Files.writeString(config, CONFIG);
        Path dir = tmp.resolve("people");
        serve = ServeHarness.start(config, dir);

        driver.get(serve.url());
        screenshot("1-start.png");
        driver.findElement(By.id("participant")).sendKeys("web01");
        driver.findElement(By.id("start")).click();
        waitFor(d -> d.findElement(By.id("game-screen")).isDisplayed());
        assertThat(text("balloon-number")).isEqualTo("Balloon 1 of 4");
        assertThat(text("balloon-type")).isEqualTo("blue balloon");
        assertThat(driver.findElement(By.id("balloon-body")).getAttribute("fill")).isEqualTo("blue");
        assertThat(text("rules")).contains("Each pump earns you $0.10", "from 1..8");
        assertThat(driver.getCurrentUrl()).endsWith("?participant=web01");

        // balloon 1, with the mouse: two pumps, then cash out (unless it burst)
        int[] pumps = new int[5];
        boolean[] cashedOut = new boolean[5];
        for (int i = 0; i < 2 && balloon() == 1; i++) {
            String before = text("balloon-earnings");
            act(() -> driver.findElement(By.id("pump")).click());
            pumps[1]++;
            if (balloon() == 1) {
                assertThat(text("balloon-earnings")).isNotEqualTo(before);
            }
        }
        if (balloon() == 1) {
            act(() -> driver.findElement(By.id("cashout")).click());
            cashedOut[1] = true;
            assertThat(text("message")).startsWith("You banked");
        }
        assertThat(balloon()).isEqualTo(2);

        // balloon 2, with the keyboard: P until it bursts (it must, by its capacity of 8 pumps)
        recordPops();
        while (balloon() == 2) {
            assertThat(pumps[2]).isLessThan(8);
            String before = snapshot();
            keys("p");
            pumps[2]++;
            waitFor(d -> !snapshot().equals(before) && (d.findElement(By.id("pump")).isEnabled()
                    || d.findElement(By.id("pop")).isDisplayed()));
            if (driver.findElement(By.id("pop")).isDisplayed()) {
                screenshot("2-burst.png"); // when the driver is quick enough to see the POP! (shown for 1.2 s)
            }
            waitFor(d -> d.findElement(By.id("end-screen")).isDisplayed() || d.findElement(By.id("pump")).isEnabled());
        }
        // the burst is shown (the balloon replaced by a "POP!") before the next balloon appears: recorded
        // in the page as it happened, since a driver slowed by a busy machine may poll after the POP! is gone
        assertThat(pops()).as("the burst was shown").containsExactly("Balloon 2 of 4|POP! Balloon 2 burst at pump "
                + pumps[2] + ". You lost this balloon's money.");
        assertThat(text("message")).startsWith("POP! Balloon 2 burst at pump " + pumps[2]);

        // a reload continues where the person stopped
        driver.navigate().refresh();
        waitFor(d -> d.findElement(By.id("game-screen")).isDisplayed());
        assertThat(text("balloon-number")).isEqualTo("Balloon 3 of 4");
        assertThat(text("balloon-type")).isEqualTo("orange balloon");
        assertThat(text("message")).contains("Welcome back: 2 of 4 balloons played");

        // balloon 3: Space twice, then Enter
        for (int i = 0; i < 2 && balloon() == 3; i++) {
            act(() -> keys(Keys.SPACE));
            pumps[3]++;
        }
        if (balloon() == 3) {
            assertThat(text("pumps")).isEqualTo("2");
            screenshot("3-mid-game.png");
            act(() -> keys(Keys.ENTER));
            cashedOut[3] = true;
        }
        // balloon 4: one pump with the mouse, then C
        act(() -> driver.findElement(By.id("pump")).click());
        pumps[4]++;
        if (balloon() == 4) {
            act(() -> keys("c"));
            cashedOut[4] = true;
        }
        waitFor(d -> d.findElement(By.id("end-screen")).isDisplayed());
        String endTotal = text("end-total");
        screenshot("4-end.png");
        assertThat(driver.findElement(By.id("pump")).isDisplayed()).isFalse();

        ServeHarness.Outcome stopped = serve.stop();
        assertThat(stopped.exitCode()).as(stopped.err()).isZero();
        List<BalloonResult> results = ResultFiles.read(dir.resolve("BART_combined.csv"));
        assertThat(results).extracting(BalloonResult::participant).containsOnly("human:web01");
        assertThat(results).hasSize(4);
        for (BalloonResult r : results) {
            int id = r.balloon().id();
            assertThat(r.balloon().type()).isEqualTo(id <= 2 ? "blue" : "orange");
            assertThat(r.pumps()).as("balloon %d", id).isEqualTo(pumps[id]);
            assertThat(r.burst()).as("balloon %d", id).isEqualTo(!cashedOut[id]);
            assertThat(r.choices().stream().filter(c -> c == Decision.CASH_OUT).count()).isEqualTo(cashedOut[id] ? 1
                    : 0);
        }
        assertThat(results.get(1).burst()).isTrue();
        double total = results.stream().mapToDouble(BalloonResult::earnings).sum();
        assertThat(endTotal).isEqualTo(Money.dollars(total));
        assertThat(ResultFiles.readJournal(dir.resolve("journal.jsonl"))).hasSize(4);
        assertThat(Files.readString(dir.resolve("BART_summary.csv"))).contains("human:web01");
    }

    private int balloon() {
        if (driver.findElement(By.id("end-screen")).isDisplayed()) {
            return Integer.MAX_VALUE;
        }
        String[] words = text("balloon-number").split(" ");
        return Integer.parseInt(words[1]);
    }

    private void keys(CharSequence key) {
        new Actions(driver).sendKeys(key).perform();
    }

    /** Does one action and waits until the page shows its answer (buttons enabled again, state changed). */
    private void act(Runnable action) {
        String before = snapshot();
        action.run();
        waitFor(d -> !snapshot().equals(before) && (d.findElement(By.id("end-screen")).isDisplayed()
                || d.findElement(By.id("pump")).isEnabled()));
    }

    private String snapshot() {
        return text("balloon-number") + "|" + text("pumps") + "|" + driver.findElement(By.id("end-screen"))
                .isDisplayed() + "|" + text("message");
    }

    private String text(String id) {
        WebElement e = driver.findElement(By.id(id));
        return e.getAttribute("textContent").strip();
    }

    private void waitFor(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(60), Duration.ofMillis(50)).until(condition::apply);
    }

    /**
     * From now on until the page is reloaded, the page itself records each time a burst is shown (the
     * balloon hidden, the "POP!" visible): the balloon number and the message shown with it.
     */
    private void recordPops() {
        driver.executeScript("""
                const pop = document.getElementById("pop");
                const text = (id) => document.getElementById(id).textContent.trim();
                window.bart4jPops = [];
                new MutationObserver(() => {
                  if (getComputedStyle(pop).visibility === "visible"
                      && getComputedStyle(document.getElementById("balloon")).visibility === "hidden") {
                    window.bart4jPops.push(text("balloon-number") + "|" + text("message"));
                  }
                }).observe(pop, {attributes: true});
                """);
    }

    /** What {@link #recordPops()} recorded: "balloon number|message" per burst shown. */
    @SuppressWarnings("unchecked")
    private List<String> pops() {
        return (List<String>) driver.executeScript("return window.bart4jPops;");
    }

    private void screenshot(String name) throws IOException {
        File shot = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

}
