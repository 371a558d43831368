package io.shmlane.hunt;

import io.shmlane.results.JUnitCase;
import io.shmlane.results.JUnitSuite;
import io.shmlane.results.JUnitXmlReader;
import io.shmlane.results.JcstressSummary;
import io.shmlane.results.Outcome;
import io.shmlane.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a round's tests reported, from their own result files, not from Maven's console: the Surefire and Failsafe
 * XML reports (read by the suite's one {@link JUnitXmlReader}, the report's too) and the jcstress driver's summary.
 *
 * @param failed "Class.method" of every failed or errored test case, and "jcstress NAME VERDICT" of every jcstress
 *     test that failed, errored or did not run; a report that cannot be read is named too
 * @param testsRun the test cases that ran (skipped ones not counted)
 */
record TestResults(List<String> failed, int testsRun) {
    /** The reports Surefire and Failsafe write, relative to a module. */
    static final List<String> JUNIT_DIRECTORIES = List.of("target/surefire-reports", "target/failsafe-reports");
    /** The jcstress driver's summary, relative to a module. */
    static final String JCSTRESS_SUMMARY = "target/jcstress-summary.json";

    TestResults {
        failed = List.copyOf(failed);
    }

    /** The results under {@code root}'s {@code modules}, whenever written. */
    static TestResults read(final Path root, final String... modules) {
        return read(root, 0L, modules);
    }

    /**
     * The results under {@code root}'s {@code modules} written at or after {@code sinceMillis}: a round in the real
     * tree must not blame reports left by an earlier build.
     */
    static TestResults read(final Path root, final long sinceMillis, final String... modules) {
        List<String> failed = new ArrayList<>();
        int run = 0;
        for (String module : modules) {
            for (String reports : JUNIT_DIRECTORIES) {
                for (Path xml : reportFiles(root.resolve(module).resolve(reports), sinceMillis, failed)) {
                    try {
                        JUnitSuite suite = JUnitXmlReader.read(xml);
                        for (JUnitCase c : suite.cases()) {
                            if (c.failed()) {
                                String className = c.className();
                                failed.add(className.substring(className.lastIndexOf('.') + 1) + "." + c.name());
                            }
                            if (!"SKIPPED".equals(c.status())) {
                                run++;
                            }
                        }
                    } catch (IOException e) {
                        failed.add(xml.getFileName() + ": unreadable (" + e + ")");
                    }
                }
            }
            Path summary = root.resolve(module).resolve(JCSTRESS_SUMMARY);
            if (modifiedSince(summary, sinceMillis)) {
                failed.addAll(failedJcstress(summary));
            }
        }
        return new TestResults(failed, run);
    }

    private static List<Path> reportFiles(final Path dir, final long sinceMillis, final List<String> failed) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("TEST-")
                            && p.toString().endsWith(".xml")
                            && modifiedSince(p, sinceMillis))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            failed.add(dir + ": unreadable (" + e + ")");
            return List.of();
        }
    }

    private static boolean modifiedSince(final Path file, final long sinceMillis) {
        try {
            return Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() >= sinceMillis;
        } catch (IOException e) {
            return false;
        }
    }

    /** The tests a jcstress summary marks FAIL, ERROR or NOT_RUN, as {@code jcstress NAME VERDICT}. */
    private static List<String> failedJcstress(final Path summary) {
        List<String> failed = new ArrayList<>();
        try {
            List<JcstressSummary.Test> tests =
                    ResultFiles.read(summary, JcstressSummary.class).tests();
            for (JcstressSummary.Test test : tests == null ? List.<JcstressSummary.Test>of() : tests) {
                Outcome verdict = test.verdict();
                if (verdict == Outcome.FAIL || verdict == Outcome.ERROR || verdict == Outcome.NOT_RUN) {
                    failed.add("jcstress " + test.name() + " " + verdict.name());
                }
            }
        } catch (IOException e) {
            failed.add(summary + ": unreadable (" + e + ")");
        }
        return failed;
    }
}
