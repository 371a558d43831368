package io.shmlane.reports;

import io.shmlane.reports.model.ReportData;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The report's command line, run by the build ({@code exec:java} in {@code pre-integration-test}) and usable by hand:
 *
 * <pre>
 * java -cp ... io.shmlane.reports.ReportMain [--root DIR] [--out DIR] [--previous DIR] [--build-start ISO-8601]
 * </pre>
 *
 * <p>{@code --previous} defaults to the system property {@code report.previous}, so {@code ./mvnw verify
 * -Dreport.previous=DIR} compares with an earlier report. The main method never calls {@code System.exit}: it runs
 * inside Maven's JVM; a usage error is thrown.
 */
public final class ReportMain {
    static final String USAGE = "usage: ReportMain [--root DIR] [--out DIR] [--previous DIR] [--build-start ISO-8601]\n"
            + "  --root         the project's root directory (default: the current directory)\n"
            + "  --out          the report directory (default: ROOT/reports/target/report)\n"
            + "  --previous     an earlier report directory (or its report-data.json) to compare with\n"
            + "                 (default: the system property report.previous)\n"
            + "  --build-start  the start of the build: results written before it are marked as an earlier build's";

    private ReportMain() {}

    public static void main(final String[] args) throws IOException {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ReportGenerator.Options options = parse(args);
        if (options == null) {
            out.println(USAGE);
            return;
        }
        ReportData report = ReportGenerator.generate(options, Instant.now());
        out.println("report: " + options.out().toAbsolutePath().normalize().resolve(ReportGenerator.INDEX));
        out.println("report: " + report.headline());
        for (String warning : report.warnings()) {
            out.println("report: warning: " + warning);
        }
    }

    /**
     * Parses the arguments.
     *
     * @return the options, null when help was asked for
     * @throws IllegalArgumentException on a usage error, with a message that names it
     */
    static ReportGenerator.Options parse(final String[] args) {
        Path root = Path.of("");
        Path out = null;
        String previous = System.getProperty("report.previous");
        String buildStart = System.getProperty("report.buildStart");
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ("--help".equals(arg) || "-h".equals(arg)) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + arg + "\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--root" -> root = Path.of(value);
                case "--out" -> out = Path.of(value);
                case "--previous" -> previous = value;
                case "--build-start" -> buildStart = value;
                default -> throw new IllegalArgumentException("unknown option: " + arg + "\n" + USAGE);
            }
        }
        Instant start = null;
        if (buildStart != null && !buildStart.isBlank()) {
            try {
                start = Instant.parse(buildStart.trim());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "--build-start must be an ISO-8601 instant such as 2026-01-01T12:00:00Z: " + buildStart, e);
            }
        }
        Path previousPath = previous == null || previous.isBlank() ? null : Path.of(previous.trim());
        return new ReportGenerator.Options(
                root, out != null ? out : root.resolve("reports/target/report"), start, previousPath);
    }
}
