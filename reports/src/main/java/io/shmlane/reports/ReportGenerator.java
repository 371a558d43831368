package io.shmlane.reports;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.shmlane.reports.input.Artifacts;
import io.shmlane.reports.input.ReadContext;
import io.shmlane.reports.model.EnvironmentInfo;
import io.shmlane.reports.model.ReportData;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the report: reads the previous report's data (when asked), collects this build's results, compares, and
 * writes {@code index.html} and {@code report-data.json} into the output directory.
 */
public final class ReportGenerator {
    /** The page's own data ({@code report-data.json}, the charts): configured once, thread-safe for reading. */
    public static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    /** The page. */
    public static final String INDEX = "index.html";
    /** The data of the page, read back by a later run's {@code --previous}. */
    public static final String DATA = "report-data.json";

    private ReportGenerator() {}

    /**
     * Settings of one run.
     *
     * @param root the project's root directory
     * @param out the report directory
     * @param buildStart the start of the Maven session, null when unknown
     * @param previous an earlier report directory (or its {@code report-data.json}), null for none
     */
    public record Options(Path root, Path out, Instant buildStart, Path previous) {}

    /** Generates the report and returns its data. */
    public static ReportData generate(final Options options, final Instant now) throws IOException {
        Path root = options.root().toAbsolutePath().normalize();
        Path out = options.out().toAbsolutePath().normalize();
        List<String> warnings = new ArrayList<>();
        ReportData previous = null;
        if (options.previous() != null) {
            // read before anything is written: the previous report may be this very directory
            Path file =
                    Files.isDirectory(options.previous()) ? options.previous().resolve(DATA) : options.previous();
            try {
                previous = MAPPER.readValue(file.toFile(), ReportData.class);
            } catch (IOException e) {
                warnings.add("cannot compare with the previous report: " + file + ": " + e.getMessage());
            }
        }
        Files.createDirectories(out);
        for (String name : List.of(INDEX, DATA, "screenshot.png")) {
            Files.deleteIfExists(out.resolve(name));
        }
        ReadContext context = new ReadContext(root, options.buildStart(), new Artifacts(out));
        warnings.forEach(context::warn);
        EnvironmentInfo environment = EnvironmentProbe.probe(root, options.buildStart(), now);
        ReportData report = new ResultCollector(context, selfModule(root, out)).collect(environment, now);
        if (previous != null) {
            report = report.withComparison(RunComparison.compare(previous, report));
        }
        try (Writer writer = Files.newBufferedWriter(out.resolve(INDEX), StandardCharsets.UTF_8)) {
            new HtmlRenderer().render(report, writer);
        }
        MAPPER.copy()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve(DATA).toFile(), report.withComparison(null));
        return report;
    }

    /** The module that holds the output directory, null when it is outside every module. */
    private static String selfModule(final Path root, final Path out) {
        if (!out.startsWith(root) || out.equals(root)) {
            return null;
        }
        return root.relativize(out).getName(0).toString();
    }
}
