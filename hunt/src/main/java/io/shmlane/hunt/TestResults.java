package io.shmlane.hunt;

import io.shmlane.results.JcstressSummary;
import io.shmlane.results.Outcome;
import io.shmlane.results.ResultFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Reads which tests failed from Surefire/Failsafe XML and the jcstress summary of a build tree. */
final class TestResults {
    private TestResults() {}

    /** "Class.method" of every failed or errored test case in the report directories under {@code root}. */
    static List<String> failedTests(final Path root, final String... modules) {
        return failedTests(root, 0L, modules);
    }

    /**
     * As {@link #failedTests(Path, String...)}, reading only reports written at or after
     * {@code sinceMillis}: a round in the real tree must not blame reports left by an earlier build.
     */
    static List<String> failedTests(final Path root, final long sinceMillis, final String... modules) {
        List<String> failed = new ArrayList<>();
        for (String module : modules) {
            for (String reports : List.of("target/surefire-reports", "target/failsafe-reports")) {
                Path dir = root.resolve(module).resolve(reports);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(p -> p.getFileName().toString().startsWith("TEST-")
                                    && p.toString().endsWith(".xml")
                                    && modifiedSince(p, sinceMillis))
                            .sorted()
                            .forEach(p -> failed.addAll(failedIn(p)));
                } catch (IOException e) {
                    failed.add(dir + ": unreadable (" + e + ")");
                }
            }
            Path summary = root.resolve(module).resolve("target/jcstress-summary.json");
            if (modifiedSince(summary, sinceMillis)) {
                failed.addAll(failedJcstress(summary));
            }
        }
        return failed;
    }

    private static boolean modifiedSince(final Path file, final long sinceMillis) {
        try {
            return Files.exists(file) && Files.getLastModifiedTime(file).toMillis() >= sinceMillis;
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> failedIn(final Path xml) {
        List<String> failed = new ArrayList<>();
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(xml.toFile());
            NodeList cases = doc.getElementsByTagName("testcase");
            for (int i = 0; i < cases.getLength(); i++) {
                Element testCase = (Element) cases.item(i);
                if (testCase.getElementsByTagName("failure").getLength() > 0
                        || testCase.getElementsByTagName("error").getLength() > 0) {
                    String className = testCase.getAttribute("classname");
                    failed.add(
                            className.substring(className.lastIndexOf('.') + 1) + "." + testCase.getAttribute("name"));
                }
            }
        } catch (Exception e) {
            failed.add(xml.getFileName() + ": unreadable (" + e + ")");
        }
        return failed;
    }

    /** The tests a jcstress summary marks FAIL, ERROR or NOT_RUN, as {@code jcstress NAME VERDICT}. */
    private static List<String> failedJcstress(final Path summary) {
        List<String> failed = new ArrayList<>();
        if (Files.isRegularFile(summary)) {
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
        }
        return failed;
    }
}
