package io.shmlane.jcstress.driver;

import io.shmlane.jcstress.ReferenceTest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openjdk.jcstress.infra.TestInfo;
import org.openjdk.jcstress.infra.runners.TestList;

/**
 * The jcstress tests compiled into this module, as listed in {@code META-INF/TestList} (written by
 * jcstress's annotation processor), and the selection of a run.
 */
final class TestCatalog {
    /** Package of the driver's fixtures, left out of normal runs. */
    static final String SELF_CHECK_PACKAGE = "io.shmlane.jcstress.selfcheck.";

    /** One test: its name (as jcstress prints it), description, and whether it is a reference. */
    record Entry(String name, String description, String reference) {
        boolean isReference() {
            return reference != null;
        }
    }

    private final SortedMap<String, Entry> entries;

    private TestCatalog(final SortedMap<String, Entry> entries) {
        this.entries = entries;
    }

    /**
     * The tests in the class path's {@code META-INF/TestList}, the list jcstress itself reads.
     *
     * @throws IllegalStateException when there is no list: the annotation processor did not run
     */
    static TestCatalog load() {
        if (TestList.class.getResource(TestList.LIST) == null) {
            throw new IllegalStateException(
                    "no " + TestList.LIST + " on the class path: jcstress's annotation processor"
                            + " did not run (from JDK 23 it must be named in the compiler plugin's annotationProcessors)");
        }
        SortedMap<String, Entry> entries = new TreeMap<>();
        for (String name : TestList.tests()) {
            TestInfo info = TestList.getInfo(name);
            entries.put(name, new Entry(name, info.description(), referenceReason(info.binaryName())));
        }
        return new TestCatalog(entries);
    }

    /** A catalog of the given entries (unit tests). */
    static TestCatalog of(final Collection<Entry> list) {
        SortedMap<String, Entry> entries = new TreeMap<>();
        for (Entry e : list) {
            entries.put(e.name(), e);
        }
        return new TestCatalog(entries);
    }

    /**
     * The reason given by {@link ReferenceTest} on the test class or a class enclosing it, or null.
     */
    static String referenceReason(final String binaryName) {
        Class<?> type;
        try {
            type = Class.forName(binaryName, false, TestCatalog.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("test " + binaryName + " is listed but not on the class path", e);
        }
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            ReferenceTest reference = c.getAnnotation(ReferenceTest.class);
            if (reference != null) {
                return reference.value();
            }
        }
        return null;
    }

    Map<String, Entry> entries() {
        return entries;
    }

    Entry entry(final String name) {
        return entries.get(name);
    }

    /**
     * The tests whose name contains a match of {@code regex} (as jcstress's {@code -t} selects), the
     * self-check fixtures only when {@code includeSelfCheck}.
     *
     * @throws IllegalArgumentException when {@code regex} is not a regular expression
     */
    List<String> select(final String regex, final boolean includeSelfCheck) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("jcstress.tests is not a regular expression: " + e.getMessage(), e);
        }
        List<String> selected = new ArrayList<>();
        for (String name : entries.keySet()) {
            if (pattern.matcher(name).find() && (includeSelfCheck || !name.startsWith(SELF_CHECK_PACKAGE))) {
                selected.add(name);
            }
        }
        return selected;
    }

    /** A regular expression that matches exactly {@code names}, for jcstress's {@code -t}. */
    static String exactly(final Collection<String> names) {
        StringBuilder regex = new StringBuilder("^(");
        boolean first = true;
        for (String name : names) {
            if (!first) {
                regex.append('|');
            }
            first = false;
            regex.append(Pattern.quote(name));
        }
        return regex.append(")$").toString();
    }
}
