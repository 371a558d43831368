package io.shmlane.hunt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One realistic bug in the protocol: a named, documented text change to one source file. Stored as a
 * {@code .mutant} file in {@code hunt/mutants/}:
 *
 * <pre>
 * # description lines (what the bug is and what should catch it)
 * file: protocol/src/main/java/...
 * --- find
 * exact lines of the current source (must occur exactly once)
 * --- replace
 * the buggy lines
 * </pre>
 */
public final class Mutant {
    private static final String FIND = "--- find\n";
    private static final String REPLACE = "--- replace\n";

    private final String name;
    private final String description;
    private final String file;
    private final String find;
    private final String replace;

    private Mutant(
            final String name, final String description, final String file, final String find, final String replace) {
        this.name = name;
        this.description = description;
        this.file = file;
        this.find = find;
        this.replace = replace;
    }

    /** Reads the mutant in {@code path}; its name is the file name without {@code .mutant}. */
    public static Mutant read(final Path path) {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = String.valueOf(path.getFileName()).replaceFirst("\\.mutant$", "");
        int findAt = text.indexOf(FIND);
        int replaceAt = text.indexOf(REPLACE);
        if (findAt < 0 || replaceAt < findAt) {
            throw new IllegalArgumentException(path + ": needs a '--- find' block followed by a '--- replace' block");
        }
        List<String> description = new ArrayList<>();
        String file = null;
        for (String line : text.substring(0, findAt).split("\n")) {
            if (line.startsWith("#")) {
                description.add(line.substring(1).trim());
            } else if (line.startsWith("file:")) {
                file = line.substring("file:".length()).trim();
            }
        }
        if (file == null) {
            throw new IllegalArgumentException(path + ": no 'file:' line");
        }
        String find = text.substring(findAt + FIND.length(), replaceAt);
        String replace = text.substring(replaceAt + REPLACE.length());
        return new Mutant(name, String.join(" ", description), file, find, replace);
    }

    /** A mutant made by code (see {@link OrderingMutants}), not read from a file. */
    public static Mutant of(
            final String name, final String description, final String file, final String find, final String replace) {
        return new Mutant(name, description, file, find, replace);
    }

    /** All mutants in {@code directory}, by name. */
    public static List<Mutant> catalogue(final Path directory) {
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.toString().endsWith(".mutant"))
                    .sorted()
                    .map(Mutant::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The source with this mutant applied.
     *
     * @throws IllegalStateException unless the lines to find occur exactly once
     */
    public String applyTo(final String source) {
        int first = source.indexOf(find);
        if (first < 0) {
            throw new IllegalStateException("mutant " + name + " no longer applies: its lines are not in " + file
                    + "; update hunt/mutants/" + name + ".mutant to the current code");
        }
        if (source.indexOf(find, first + 1) >= 0) {
            throw new IllegalStateException(
                    "mutant " + name + " is ambiguous: its lines occur more than once in " + file);
        }
        return source.substring(0, first) + replace + source.substring(first + find.length());
    }

    /** Applies this mutant to the file under {@code root} (a scratch copy of the repository). */
    public void applyIn(final Path root) {
        Path target = root.resolve(file);
        try {
            Files.writeString(
                    target, applyTo(Files.readString(target, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** Path of the mutated source, relative to the repository root. */
    public String file() {
        return file;
    }

    /** Whether this mutant is in the mailbox (else the ring); picks the tests that target it. */
    public boolean isMailbox() {
        return name.startsWith("mailbox");
    }

    /**
     * The jcstress tests that target this mutant, as a regular expression found in their names: the
     * mailbox's, the ring's, or (for shared code such as the header) every test of the protocol.
     */
    public String jcstressSelection() {
        if (name.startsWith("mailbox")) {
            return "MailboxHandOff";
        }
        if (name.startsWith("ring")) {
            return "RingHandOff";
        }
        return "MailboxHandOff|RingHandOff|HeaderHandshake";
    }

    @Override
    public String toString() {
        return name;
    }
}
