package io.shmlane.internal;

import io.shmlane.ChannelException;
import io.shmlane.ChannelException.Reason;
import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Faults of a mapping whose file shrank. Touching a mapped page beyond the end of the file raises
 * SIGBUS; the JVM turns that into an {@link InternalError} for buffer accesses. The blocking waits
 * check the file size periodically ({@link #checkNotTruncated()}), and a faulting access is turned into
 * the channel error for a truncated file ({@link #translate}).
 */
public final class MappingFaults {
    private final Path path;
    private final FileChannel channel;
    private final long fileLength;

    /**
     * The faults of {@code channel} mapped over {@code fileLength} bytes.
     *
     * @param path the file's path, for messages
     * @param channel the open file
     * @param fileLength the length that was mapped
     */
    public MappingFaults(final Path path, final FileChannel channel, final long fileLength) {
        this.path = path;
        this.channel = channel;
        this.fileLength = fileLength;
    }

    /**
     * Checks that the file still has the length it was mapped with.
     *
     * @throws ChannelException TRUNCATED when it was shrunk while mapped; INTERRUPTED when the thread was
     *     interrupted (which closes the file); BAD_PATH when its size cannot be read
     */
    public void checkNotTruncated() {
        long size;
        try {
            size = channel.size();
        } catch (ClosedByInterruptException e) {
            throw new ChannelException(
                    Reason.INTERRUPTED, "interrupted while checking the size of " + path + "; the file is closed", e);
        } catch (IOException e) {
            throw new ChannelException(Reason.BAD_PATH, "cannot read the size of " + path + ": " + e, e);
        }
        if (size < fileLength) {
            throw truncatedWhileMapped(size);
        }
    }

    /**
     * Whether the file is shorter now than its mapping; works on a closed file too.
     *
     * @return true when it is shorter, or when its size cannot be read
     */
    public boolean isTruncated() {
        try {
            return channel.size() < fileLength;
        } catch (IOException e) {
            // the channel may be closed (an interrupt closes it); the path's size still tells
            try {
                return Files.size(path) < fileLength;
            } catch (IOException gone) {
                return true;
            }
        }
    }

    /**
     * The error for a file that shrank under its mapping.
     *
     * @param sizeNow the file's size now in bytes, or negative when unknown (left out of the message)
     * @return a TRUNCATED exception, for the caller to throw
     */
    public ChannelException truncatedWhileMapped(final long sizeNow) {
        return new ChannelException(
                Reason.TRUNCATED,
                path + " was truncated while mapped (" + (sizeNow >= 0 ? sizeNow + " bytes, " : "") + "mapped "
                        + fileLength + "): the channel is unusable; stop both sides and delete it");
    }

    /**
     * Turns a SIGBUS-born {@link InternalError} from an access to the mapping into the channel error
     * for a truncated file; rethrows anything else.
     *
     * @param error what the access threw
     * @return a TRUNCATED exception with {@code error} as its cause, when the file is shorter than the
     *     mapping or its size cannot be read
     * @throws InternalError {@code error} itself, when the file still has its length
     */
    public ChannelException translate(final InternalError error) {
        long size;
        try {
            size = channel.size();
        } catch (IOException e) {
            size = -1;
        }
        if (size < fileLength) {
            ChannelException e = truncatedWhileMapped(size);
            e.initCause(error);
            return e;
        }
        throw error;
    }
}
