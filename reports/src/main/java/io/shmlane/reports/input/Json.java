package io.shmlane.reports.input;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Tolerant reads of JSON written by other modules: a missing or null field gives the default, never an error. */
public final class Json {
    /** Shared, configured once; thread-safe for reading. */
    public static final ObjectMapper MAPPER =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {}

    /** Reads a file; an object is expected at its root. */
    public static JsonNode readObject(final Path file) throws IOException {
        JsonNode node = MAPPER.readTree(file.toFile());
        if (node == null || !node.isObject()) {
            throw new IOException("expected a JSON object in " + file);
        }
        return node;
    }

    /** The text of {@code field}, or null when it is missing or null; numbers and booleans as text. */
    public static String text(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    /** The integer value of {@code field}, or {@code fallback}. */
    public static long number(final JsonNode node, final String field, final long fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asLong() : fallback;
    }

    /** The integer value of {@code field}, or null. */
    public static Long numberOrNull(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asLong() : null;
    }

    /** The integer value of {@code field} as an int, or null. */
    public static Integer intOrNull(final JsonNode node, final String field) {
        Long value = numberOrNull(node, field);
        return value == null ? null : Math.toIntExact(value);
    }

    /** The value of {@code field} as a double, or {@code fallback}. */
    public static double decimal(final JsonNode node, final String field, final double fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asDouble() : fallback;
    }

    /** The value of {@code field} as a double, or null. */
    public static Double decimalOrNull(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        return value != null && value.isNumber() ? value.asDouble() : null;
    }

    /** The boolean value of {@code field}, or {@code fallback}. */
    public static boolean flag(final JsonNode node, final String field, final boolean fallback) {
        JsonNode value = node.get(field);
        return value != null && value.isBoolean() ? value.asBoolean() : fallback;
    }

    /** The elements of the array {@code field}; empty when it is missing or not an array. */
    public static List<JsonNode> array(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        List<JsonNode> list = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(list::add);
        }
        return list;
    }

    /** The array {@code field} as texts; empty when it is missing. */
    public static List<String> texts(final JsonNode node, final String field) {
        List<String> list = new ArrayList<>();
        for (JsonNode element : array(node, field)) {
            list.add(element.isValueNode() ? element.asText() : element.toString());
        }
        return list;
    }

    /** The object {@code field}, or an empty object. */
    public static JsonNode object(final JsonNode node, final String field) {
        JsonNode value = node.get(field);
        return value != null && value.isObject() ? value : MAPPER.createObjectNode();
    }
}
