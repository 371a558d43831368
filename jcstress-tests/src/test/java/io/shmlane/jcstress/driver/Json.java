package io.shmlane.jcstress.driver;

import java.util.Collection;
import java.util.Map;

/**
 * Writes JSON from maps (insertion order kept), collections, strings, numbers, booleans and null,
 * indented by two spaces. Enough for the summary; no dependency.
 */
final class Json {
    private final StringBuilder out = new StringBuilder();

    private Json() {}

    /** {@code value} as an indented JSON document ending with a newline. */
    static String write(final Object value) {
        Json json = new Json();
        json.value(value, 0);
        return json.out.append('\n').toString();
    }

    private void value(final Object value, final int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String) {
            string((String) value);
        } else if (value instanceof Boolean || value instanceof Integer || value instanceof Long) {
            out.append(value);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.append("null");
            } else {
                out.append(value);
            }
        } else if (value instanceof Map) {
            object((Map<?, ?>) value, depth);
        } else if (value instanceof Collection) {
            array((Collection<?>) value, depth);
        } else if (value instanceof Enum) {
            string(((Enum<?>) value).name());
        } else {
            throw new IllegalArgumentException(
                    "no JSON form for " + value.getClass().getName() + ": " + value);
        }
    }

    private void object(final Map<?, ?> map, final int depth) {
        if (map.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(depth + 1);
            string(String.valueOf(entry.getKey()));
            out.append(": ");
            value(entry.getValue(), depth + 1);
        }
        out.append('\n');
        indent(depth);
        out.append('}');
    }

    private void array(final Collection<?> items, final int depth) {
        if (items.isEmpty()) {
            out.append("[]");
            return;
        }
        out.append('[');
        boolean first = true;
        for (Object item : items) {
            out.append(first ? "\n" : ",\n");
            first = false;
            indent(depth + 1);
            value(item, depth + 1);
        }
        out.append('\n');
        indent(depth);
        out.append(']');
    }

    private void indent(final int depth) {
        for (int i = 0; i < depth; i++) {
            out.append("  ");
        }
    }

    private void string(final String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        out.append('"');
    }
}
