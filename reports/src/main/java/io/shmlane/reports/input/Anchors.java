package io.shmlane.reports.input;

import java.util.Locale;

/** Element ids for the page: readable, unique per prefix, safe in a URL fragment. */
public final class Anchors {
    private Anchors() {}

    /** {@code prefix-text}, with every character other than a letter, digit, dot or dash replaced by a dash. */
    public static String of(final String prefix, final String text) {
        String safe = text.replaceAll("[^A-Za-z0-9.\\-]+", "-").replaceAll("^-+|-+$", "");
        return (prefix + "-" + safe).toLowerCase(Locale.ROOT);
    }
}
