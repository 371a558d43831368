package io.shmlane.reports;

import io.shmlane.reports.input.Anchors;
import io.shmlane.reports.input.BenchmarkReader;
import io.shmlane.reports.input.HuntSummaryReader;
import io.shmlane.reports.input.JcstressSummaryReader;
import io.shmlane.reports.input.PitReader;
import io.shmlane.reports.input.ProcessSummaryReader;
import io.shmlane.reports.input.ReadContext;
import io.shmlane.reports.model.Area;
import io.shmlane.reports.model.BenchmarkRun;
import io.shmlane.reports.model.EnvironmentInfo;
import io.shmlane.reports.model.Failure;
import io.shmlane.reports.model.HuntRun;
import io.shmlane.reports.model.JUnitModule;
import io.shmlane.reports.model.JcstressRun;
import io.shmlane.reports.model.PitRun;
import io.shmlane.reports.model.ProcessRun;
import io.shmlane.reports.model.ReportData;
import io.shmlane.results.JUnitCase;
import io.shmlane.results.JUnitSuite;
import io.shmlane.results.JUnitXmlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds every result of the build under the project root and puts them into one {@link ReportData}: the JUnit XML of
 * every module, the jcstress and process summaries, the benchmark results, the regression hunts.
 */
public final class ResultCollector {
    /** The module of the jcstress tests: its Failsafe results count for the jcstress area. */
    static final String JCSTRESS_MODULE = "jcstress-tests";
    /** The module of the multi-JVM tests: its Failsafe results count for the process area. */
    static final String PROCESS_MODULE = "process-tests";
    /** The module of the benchmarks. */
    static final String BENCHMARKS_MODULE = "benchmarks";
    /** The module of the regression hunts. */
    static final String HUNT_MODULE = "hunt";

    private final ReadContext context;
    private final String selfModule;

    /**
     * @param context the project root, the build's start and where linked files go
     * @param selfModule the module that writes the report: its Failsafe results (the browser check, which runs after
     *     the report is written) are left out, they would always be an earlier build's
     */
    public ResultCollector(final ReadContext context, final String selfModule) {
        this.context = context;
        this.selfModule = selfModule;
    }

    /** Reads everything and judges it. */
    public ReportData collect(final EnvironmentInfo environment, final Instant now) throws IOException {
        Path root = context.root();
        List<JUnitModule> junit = new ArrayList<>();
        for (String module : Modules.list(root)) {
            junit.addAll(junitResults(module));
        }
        JcstressRun jcstress = null;
        Path jcstressSummary = root.resolve(JCSTRESS_MODULE).resolve("target/jcstress-summary.json");
        if (Files.isRegularFile(jcstressSummary)) {
            try {
                jcstress = JcstressSummaryReader.read(jcstressSummary, context);
            } catch (IOException e) {
                context.warn("cannot read " + context.display(jcstressSummary) + ": " + e.getMessage());
            }
        }
        JcstressRun relaxed = null;
        Path relaxedSummary = root.resolve(JCSTRESS_MODULE).resolve("target/relaxed-summary.json");
        if (Files.isRegularFile(relaxedSummary)) {
            try {
                relaxed = JcstressSummaryReader.readOutcomesOnly(relaxedSummary, context);
            } catch (IOException e) {
                context.warn("cannot read " + context.display(relaxedSummary) + ": " + e.getMessage());
            }
        }
        ProcessRun process = null;
        Path processTarget = root.resolve(PROCESS_MODULE).resolve("target");
        try {
            process = ProcessSummaryReader.read(processTarget, context);
        } catch (IOException e) {
            context.warn("cannot read the process summaries under " + context.display(processTarget) + ": "
                    + e.getMessage());
        }
        BenchmarkRun benchmarks =
                BenchmarkReader.read(root.resolve(BENCHMARKS_MODULE).resolve("target/results"), context);
        List<HuntRun> hunts = HuntSummaryReader.read(root.resolve(HUNT_MODULE).resolve("target"), context);
        PitRun pit = null;
        try {
            pit = PitReader.read(root, context);
        } catch (IOException e) {
            context.warn("cannot read " + io.shmlane.results.PitCheck.reports() + ": " + e.getMessage());
        }
        if (pit != null && pit.stale()) {
            context.warn("PIT: the mutation results are from an earlier build (" + pit.resultsFrom()
                    + "); this build did not run PIT");
        }

        List<Area> areas = Verdicts.areas(junit, jcstress, process, benchmarks, hunts);
        List<Failure> failures = Verdicts.failures(junit, jcstress, process, hunts);
        List<String> warnings = new ArrayList<>(context.warnings());
        for (Area area : areas) {
            if (area.stale()) {
                warnings.add(area.title() + ": the results are from an earlier build (" + area.resultsFrom()
                        + "); this build did not run them");
            }
        }
        String status = Verdicts.status(areas);
        return new ReportData(
                ReportData.SCHEMA_VERSION,
                now.toString(),
                status,
                Verdicts.headline(status, areas, failures),
                environment,
                areas,
                failures,
                List.copyOf(junit),
                jcstress,
                relaxed,
                process,
                benchmarks,
                hunts,
                pit,
                NaiveDefects.find(jcstress, relaxed, process, benchmarks),
                List.copyOf(warnings),
                null);
    }

    /** The Surefire and Failsafe results of one module; a suite found under both counts once, the newest. */
    private List<JUnitModule> junitResults(final String module) {
        Map<String, JUnitSuite> newest = new LinkedHashMap<>();
        Map<String, String> kindOf = new LinkedHashMap<>();
        for (String kind : List.of("surefire", "failsafe")) {
            if ("failsafe".equals(kind) && module.equals(selfModule)) {
                continue;
            }
            Path directory = context.root().resolve(module).resolve("target").resolve(kind + "-reports");
            for (Path file : reportFiles(directory)) {
                JUnitSuite suite;
                try {
                    suite = JUnitXmlReader.read(file);
                } catch (IOException e) {
                    context.warn("cannot read " + context.display(file) + ": " + e.getMessage());
                    continue;
                }
                JUnitSuite seen = newest.get(suite.name());
                if (seen == null || isNewer(suite, seen)) {
                    newest.put(suite.name(), suite);
                    kindOf.put(suite.name(), kind);
                }
            }
        }
        List<JUnitModule> modules = new ArrayList<>();
        for (String kind : List.of("surefire", "failsafe")) {
            List<JUnitSuite> suites = newest.values().stream()
                    .filter(s -> kind.equals(kindOf.get(s.name())))
                    .toList();
            if (!suites.isEmpty()) {
                modules.add(module(module, kind, suites));
            }
        }
        return modules;
    }

    private JUnitModule module(final String module, final String kind, final List<JUnitSuite> suites) {
        List<JUnitCase> cases = new ArrayList<>();
        double seconds = 0;
        Instant resultsFrom = null;
        boolean stale = true;
        for (JUnitSuite suite : suites) {
            cases.addAll(suite.cases());
            seconds += suite.seconds();
            stale = stale && context.isStale(suite.modified());
            if (resultsFrom == null
                    || (suite.modified() != null && suite.modified().isAfter(resultsFrom))) {
                resultsFrom = suite.modified();
            }
        }
        // failures first, then skipped, then passed; file order within each
        cases.sort(Comparator.comparingInt(ResultCollector::rank));
        long failed = cases.stream().filter(JUnitCase::failed).count();
        long skipped = cases.stream().filter(c -> "SKIPPED".equals(c.status())).count();
        return new JUnitModule(
                module,
                kind,
                area(module, kind),
                Anchors.of("junit", module + "-" + kind),
                stale,
                resultsFrom == null ? null : resultsFrom.toString(),
                cases.size(),
                failed,
                skipped,
                seconds,
                List.copyOf(cases));
    }

    private static int rank(final JUnitCase c) {
        if (c.failed()) {
            return 0;
        }
        return "SKIPPED".equals(c.status()) ? 1 : 2;
    }

    /** The area a module's results count for. */
    static String area(final String module, final String kind) {
        if ("surefire".equals(kind)) {
            return Verdicts.UNIT;
        }
        if (JCSTRESS_MODULE.equals(module)) {
            return Verdicts.JCSTRESS;
        }
        return PROCESS_MODULE.equals(module) ? Verdicts.PROCESS : Verdicts.INTEGRATION;
    }

    private static boolean isNewer(final JUnitSuite a, final JUnitSuite b) {
        return a.modified() != null && (b.modified() == null || a.modified().isAfter(b.modified()));
    }

    private static List<Path> reportFiles(final Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> {
                        String name = p.getFileName().toString();
                        return name.startsWith("TEST-") && name.endsWith(".xml");
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
