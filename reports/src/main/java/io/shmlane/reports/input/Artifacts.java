package io.shmlane.reports.input;

import io.shmlane.reports.model.Link;
import io.shmlane.testsupport.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies the files the page links to (jcstress's own pages, the children's logs) into the report directory, so the
 * report stays whole when it is moved or archived by CI. Long logs are cut in the middle: their head and tail are
 * kept, with a line that says how much was left out and where the whole file is.
 */
public final class Artifacts {
    /** Logs up to this size are copied whole. */
    static final long WHOLE_LOG_LIMIT = 1L << 20;
    /** Bytes kept from the start of a longer log. */
    static final int HEAD_BYTES = 64 * 1024;
    /** Bytes kept from the end of a longer log. */
    static final int TAIL_BYTES = 448 * 1024;

    private final Path out;

    /** @param out the report directory ({@code index.html}'s) */
    public Artifacts(final Path out) {
        this.out = out;
    }

    public Path out() {
        return out;
    }

    /**
     * Copies a directory tree (files only, links not followed) to {@code target} under the report directory,
     * replacing what was there.
     *
     * @return the link to the copy, relative to the report directory
     */
    public String copyTree(final Path source, final String target) {
        Path destination = out.resolve(target);
        try {
            Directories.deleteRecursively(destination);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                Path copy = destination.resolve(source.relativize(file).toString());
                createParent(copy);
                Files.copy(file, copy);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + destination, e);
        }
        return target;
    }

    /**
     * Copies the regular files of a log directory to {@code target} under the report directory, long ones cut.
     *
     * @return one link per file, in name order
     */
    public List<Link> copyLogs(final Path source, final String target) {
        Path destination = out.resolve(target);
        List<Link> links = new ArrayList<>();
        try {
            Directories.deleteRecursively(destination);
            List<Path> files;
            try (Stream<Path> list = Files.list(source)) {
                files = list.filter(Files::isRegularFile).sorted().toList();
            }
            Files.createDirectories(destination);
            for (Path file : files) {
                String name = String.valueOf(file.getFileName());
                copyLog(file, destination.resolve(name));
                links.add(new Link(name, target + "/" + name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the logs " + source + " to " + destination, e);
        }
        return links;
    }

    /**
     * Copies one file (cut in the middle when long) to {@code target} under the report directory.
     *
     * @return the link to the copy, relative to the report directory
     */
    public String copyFile(final Path source, final String target) {
        Path destination = out.resolve(target);
        try {
            createParent(destination);
            Files.deleteIfExists(destination);
            copyLog(source, destination);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + destination, e);
        }
        return target;
    }

    static void copyLog(final Path source, final Path destination) throws IOException {
        long size = Files.size(source);
        if (size <= WHOLE_LOG_LIMIT) {
            Files.copy(source, destination);
            return;
        }
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                OutputStream copy = Files.newOutputStream(destination)) {
            InputStream stream = Channels.newInputStream(in);
            copy.write(stream.readNBytes(HEAD_BYTES));
            long skipped = size - HEAD_BYTES - TAIL_BYTES;
            String note = "\n[... " + skipped + " bytes left out by the report; the whole file is "
                    + source.toAbsolutePath() + " ...]\n";
            copy.write(note.getBytes(StandardCharsets.UTF_8));
            in.position(size - TAIL_BYTES);
            copy.write(stream.readNBytes(TAIL_BYTES));
        }
    }

    private static void createParent(final Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
