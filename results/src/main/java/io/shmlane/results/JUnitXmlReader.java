package io.shmlane.results;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads Surefire's and Failsafe's {@code TEST-*.xml} (the Ant JUnit format, {@code surefire-test-report.xsd}): the
 * one JUnit XML reader of the suite, used by the report and by the hunt.
 *
 * <p>A case with {@code <failure>} is FAILED, with {@code <error>} ERROR, with {@code <skipped>} SKIPPED, else
 * PASSED; a case that only has {@code <flakyFailure>}/{@code <flakyError>} passed on a rerun and is PASSED and flaky.
 * The counts are taken from the cases, not from the suite's attributes.
 */
public final class JUnitXmlReader {
    /** Stack traces longer than this are cut: the page shows the top, the XML keeps the whole. */
    static final int MAX_DETAIL_CHARS = 12_000;

    private JUnitXmlReader() {}

    /** Reads one report file. */
    public static JUnitSuite read(final Path file) throws IOException {
        Document document;
        try (InputStream in = Files.newInputStream(file)) {
            document = SafeXml.builder().parse(in, file.toUri().toString());
        } catch (SAXException e) {
            throw new IOException("not a JUnit XML report: " + file + ": " + e.getMessage(), e);
        }
        Element suite = document.getDocumentElement();
        if (!"testsuite".equals(suite.getTagName())) {
            throw new IOException("not a JUnit XML report: " + file + ": root element is <" + suite.getTagName() + ">");
        }
        List<JUnitCase> cases = new ArrayList<>();
        for (Element testcase : children(suite, "testcase")) {
            cases.add(testCase(testcase));
        }
        return new JUnitSuite(
                suite.getAttribute("name"),
                file,
                modified(file),
                seconds(suite.getAttribute("time")),
                List.copyOf(cases));
    }

    private static JUnitCase testCase(final Element testcase) {
        String className = testcase.getAttribute("classname");
        String name = testcase.getAttribute("name");
        double seconds = seconds(testcase.getAttribute("time"));
        for (String[] kind : new String[][] {{"failure", "FAILED"}, {"error", "ERROR"}}) {
            List<Element> found = children(testcase, kind[0]);
            if (!found.isEmpty()) {
                Element problem = found.get(0);
                return new JUnitCase(
                        className,
                        name,
                        kind[1],
                        seconds,
                        blankToNull(problem.getAttribute("message")),
                        blankToNull(problem.getAttribute("type")),
                        cut(problem.getTextContent()),
                        false);
            }
        }
        List<Element> skipped = children(testcase, "skipped");
        if (!skipped.isEmpty()) {
            return new JUnitCase(
                    className,
                    name,
                    "SKIPPED",
                    seconds,
                    blankToNull(skipped.get(0).getAttribute("message")),
                    null,
                    null,
                    false);
        }
        boolean flaky = !children(testcase, "flakyFailure").isEmpty()
                || !children(testcase, "flakyError").isEmpty();
        return new JUnitCase(className, name, "PASSED", seconds, null, null, null, flaky);
    }

    private static Instant modified(final Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    private static List<Element> children(final Element parent, final String tag) {
        List<Element> elements = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && tag.equals(element.getTagName())) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** Surefire writes {@code time="1,234.5"} on some locales: drop grouping commas. */
    static double seconds(final String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Double.parseDouble(value.replace(",", "").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String cut(final String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.length() <= MAX_DETAIL_CHARS
                ? trimmed
                : trimmed.substring(0, MAX_DETAIL_CHARS) + "\n[... cut by the report; the XML report has the rest]";
    }
}
