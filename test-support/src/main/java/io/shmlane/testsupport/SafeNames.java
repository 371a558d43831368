package io.shmlane.testsupport;

/**
 * The one rule that turns a test, scenario or round name into a file name: every run of characters other than
 * letters, digits, {@code .}, {@code _} and {@code -} becomes one {@code _}. Used by whoever writes a log directory
 * and by whoever finds or copies it (the report), so that both agree.
 */
public final class SafeNames {
    private SafeNames() {}

    /** {@code name} as a file name. */
    public static String of(final String name) {
        return name.replaceAll("[^A-Za-z0-9._-]+", "_");
    }
}
