package io.shmlane.process;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Random points of a stream of {@code n} messages at which to kill a process: ascending, distinct. */
final class KillPoints {
    private KillPoints() {}

    /**
     * Lines of output a child can be ahead of the test's reader: a pipe buffer (64 KiB) holds about
     * 3,300 message lines. A point this far from the end cannot be overrun before the child is hit.
     */
    static final long MARGIN = 8_000;

    /**
     * {@code count} ascending positions drawn from [{@code n / 20}, {@code min(0.85 n, n - MARGIN)}]:
     * late enough that traffic flows, early enough that the process cannot reach the end of the
     * stream between the point and the signal.
     */
    static long[] draw(final SplittableRandom random, final long n, final int count) {
        long from = Math.max(1, n / 20);
        long to = Math.max(from + count, Math.min((long) (n * 0.85), n - MARGIN));
        long[] points = new long[count];
        for (int i = 0; i < count; i++) {
            points[i] = random.nextLong(from, to);
        }
        Arrays.sort(points);
        for (int i = 1; i < count; i++) {
            points[i] = Math.max(points[i], points[i - 1] + 1);
        }
        return points;
    }
}
