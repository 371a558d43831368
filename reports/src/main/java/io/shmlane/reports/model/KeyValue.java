package io.shmlane.reports.model;

/**
 * A named value, shown as {@code key: value}.
 *
 * @param key the name
 * @param value the value, in words
 */
public record KeyValue(String key, String value) {}
