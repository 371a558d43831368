package io.shmlane.hunt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The jcstress tests of {@code jcstress-tests}, from the list jcstress itself reads: {@code META-INF/TestList},
 * written by jcstress's annotation processor when the module's tests compile. A line is {@code JCTEST} followed by
 * the test's fields, each text as its length, {@code S} and the characters; the first is the test's name ({@code
 * io.shmlane.jcstress.ring.RingHandOff.Offer}).
 */
final class JcstressTestList {
    /** The list in the build tree, relative to the repository root. */
    static final String FILE = "jcstress-tests/target/test-classes/META-INF/TestList";

    private static final String LINE_START = "JCTEST";

    private JcstressTestList() {}

    /** The names of the tests in {@code file}, sorted. */
    static List<String> read(final Path file) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.startsWith(LINE_START)) {
                names.add(firstText(line, file));
            }
        }
        names.sort(null);
        return names;
    }

    private static String firstText(final String line, final Path file) throws IOException {
        int at = LINE_START.length();
        int marker = line.indexOf('S', at);
        try {
            int length = Integer.parseInt(line.substring(at, marker));
            return line.substring(marker + 1, marker + 1 + length);
        } catch (RuntimeException e) {
            throw new IOException(file + ": not jcstress's test list: " + line, e);
        }
    }
}
