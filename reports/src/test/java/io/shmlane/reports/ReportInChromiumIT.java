package io.shmlane.reports;

import static org.assertj.core.api.Assertions.assertThat;

import io.shmlane.reports.model.ReportData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Opens the report in a real headless Chromium: this build's report (written by the build just before this test, in
 * {@code pre-integration-test}) and a report of the recorded fixtures that has every section filled (failures,
 * benchmarks, a comparison, a campaign and a mutant hunt). Checks that the page's scripts ran, that the charts were drawn, that every section is
 * there and that the browser's console stayed empty; saves a screenshot next to each report.
 *
 * <p>Skipped, with a message that says so, where no Chromium exists ({@code .ci/run} installs Debian's).
 */
class ReportInChromiumIT {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 2000;
    /** The banner's colour per status, as in report.ftlh's CSS. */
    private static final Map<String, Integer> BANNER =
            Map.of("PASS", 0x15803d, "FAIL", 0xb91c1c, "INCOMPLETE", 0xb45309);

    private static final List<String> SECTIONS =
            List.of("summary", "caught", "unit", "jcstress", "process", "benchmarks", "hunt", "environment");

    private static Chromium chromium;

    @BeforeAll
    static void findChromium() {
        chromium = Chromium.find().orElse(null);
        Assumptions.assumeTrue(
                chromium != null,
                "no Chromium (looked for -D" + Chromium.PROPERTY + ", then " + Chromium.NAMES
                        + " on the PATH): the report's browser check is SKIPPED. Install Debian's chromium"
                        + " (apt-get install chromium; .ci/run does) or name a browser with -D" + Chromium.PROPERTY
                        + "=PATH.");
    }

    @Test
    void shouldRenderThisBuildsReportWithItsStatusOnTopAndAnEmptyConsole() throws Exception {
        Path directory = Path.of(System.getProperty("report.directory", "target/report"));
        Path index = directory.resolve(ReportGenerator.INDEX);
        assertThat(index)
                .as("the build writes the report in pre-integration-test, before this test")
                .isRegularFile();
        ReportData data = ReportGenerator.MAPPER.readValue(
                directory.resolve(ReportGenerator.DATA).toFile(), ReportData.class);

        Document page = render(index, expectedCharts(data));

        assertThat(page.body().attr("data-status")).isEqualTo(data.status());
        assertThat(page.getElementById("status").text()).isEqualTo(data.headline());
        assertThat(page.select("#summary .card")).hasSize(data.areas().size());
        assertThat(page.select(".failure")).hasSize(data.failures().size());
        screenshot(index, directory.resolve("screenshot.png"), data.status());
    }

    @Test
    void shouldRenderEverySectionOfAFullReport() throws Exception {
        Path root =
                Path.of(System.getProperty("report.buildDirectory", "target")).resolve("fixture-project");
        Files.createDirectories(root);
        FixtureProject project = new FixtureProject(root)
                .surefire("protocol", "junit/TEST-io.shmlane.ring.RingTest.xml")
                .surefire("protocol", "junit/TEST-io.shmlane.cli.CommandLineTest.xml")
                .surefire("jcstress-tests", "junit/TEST-io.shmlane.jcstress.driver.DriverSelfCheckIT.xml")
                .failsafe("jcstress-tests", "junit/failsafe-TEST-io.shmlane.jcstress.driver.JcstressSuiteIT.xml")
                .jcstressSummary("jcstress/selfcheck-summary.json")
                .processScenarios()
                .benchmarks()
                .hunt("hunt/campaign-summary.json", "hunt")
                .hunt("hunt/mutants-summary.json", "hunt-mutants");
        Path out = root.resolve("reports/target/report");
        ReportGenerator.generate(new ReportGenerator.Options(root, out, null, null), Instant.now());
        Files.copy(
                out.resolve(ReportGenerator.DATA),
                root.resolve("previous.json"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        project.write(
                "benchmarks/target/results/throughput.json",
                Files.readString(FixtureProject.fixture("benchmarks/results/throughput.json"))
                        .replace("\"messagesPerSecond\": 12150000", "\"messagesPerSecond\": 13000000"));
        ReportData data = ReportGenerator.generate(
                new ReportGenerator.Options(root, out, null, root.resolve("previous.json")), Instant.now());
        Path index = out.resolve(ReportGenerator.INDEX);

        Document page = render(index, expectedCharts(data));
        assertThat(expectedCharts(data)).isEqualTo(5);

        assertThat(data.status()).isEqualTo("FAIL");
        assertThat(page.getElementById("failures")).isNotNull();
        assertThat(page.getElementById("changes")).isNotNull();
        assertThat(page.select("#benchmarks canvas")).hasSize(3);
        assertThat(page.select("#hunt .hunt")).hasSize(2);
        assertThat(page.select("#hunt table.hunt-groups tbody tr")).hasSize(4);
        assertThat(page.select("#hunt table.mutants tr.s-survived"))
                .singleElement()
                .satisfies(row -> assertThat(row.id()).isEqualTo("mutant-hunt-mutants-ring-commit-plain"));
        assertThat(page.select("#failures .failure").text()).contains("surviving mutant ring-commit-plain");
        assertThat(page.getElementById("card-hunt").classNames()).contains("s-fail");
        screenshot(index, out.resolve("screenshot.png"), "FAIL");
    }

    /** The charts the page draws for {@code data}: see ChartData and the page's script. */
    private static int expectedCharts(final ReportData data) {
        int charts = data.junit().isEmpty() ? 0 : 1;
        if (data.benchmarks() != null) {
            charts += data.benchmarks().throughput().isEmpty() ? 0 : 2;
            charts += data.benchmarks().latency().isEmpty() ? 0 : 1;
        }
        if (data.comparison() != null && !data.comparison().throughput().isEmpty()) {
            charts++;
        }
        return charts;
    }

    /** Loads the page; checks the console, the scripts, the charts and the sections; returns the DOM. */
    private static Document render(final Path index, final int charts) throws IOException, InterruptedException {
        Chromium.Result result = chromium.dumpDom(index);

        assertThat(result.console())
                .as(
                        "console of %s (the page logs nothing: any line is an error or a warning)\n%s",
                        index, result.stderr())
                .isEmpty();
        assertThat(result.exitCode())
                .as("Chromium's exit status\n%s", result.stderr())
                .isZero();
        Document page = Jsoup.parse(result.stdout());
        assertThat(page.body().attr("data-rendered"))
                .as("the page's script ran to its end")
                .isEqualTo("true");
        assertThat(page.body().attr("data-charts")).as("charts drawn").isEqualTo(String.valueOf(charts));
        for (String section : SECTIONS) {
            assertThat(page.getElementById(section)).as("section #%s", section).isNotNull();
        }
        assertThat(page.getElementById("status").text()).matches("(PASS|FAIL|INCOMPLETE): .+");
        return page;
    }

    private static void screenshot(final Path index, final Path png, final String status)
            throws IOException, InterruptedException {
        Files.deleteIfExists(png);
        Chromium.Result result = chromium.screenshot(index, png, WIDTH, HEIGHT);

        assertThat(result.console()).as("console\n%s", result.stderr()).isEmpty();
        assertThat(png).as("screenshot\n%s", result.stderr()).isRegularFile();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        // the banner at the top is drawn in the status's colour
        int banner = image.getRGB(8, 8) & 0xffffff;
        int expected = BANNER.get(status);
        for (int shift : new int[] {16, 8, 0}) {
            assertThat(Math.abs(((banner >> shift) & 0xff) - ((expected >> shift) & 0xff)))
                    .as("banner colour %06x, expected about %06x for %s", banner, expected, status)
                    .isLessThanOrEqualTo(12);
        }
    }
}
