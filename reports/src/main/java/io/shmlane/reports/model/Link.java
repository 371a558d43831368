package io.shmlane.reports.model;

/**
 * A link from the page.
 *
 * @param name the text
 * @param href relative to {@code index.html}
 */
public record Link(String name, String href) {}
