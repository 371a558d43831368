package io.shmlane.process;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs of a test child's command line. */
final class ChildArguments {
    private ChildArguments() {}

    static Map<String, String> parse(final String[] args) {
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("expected --name value pairs: " + String.join(" ", args));
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name: " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
