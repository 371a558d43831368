package io.shmlane.reports;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Number and time formats for the template ({@code fmt.duration(x)}); all in English, UTC. */
public final class Format {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** "0.4 s", "12.3 s", "3 min 38 s", "1 h 02 min". */
    public String duration(final Double seconds) {
        if (seconds == null) {
            return "?";
        }
        if (seconds < 60) {
            return String.format(Locale.ROOT, seconds < 10 ? "%.2f s" : "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, (whole % 3600) / 60);
    }

    /** 1234567 as "1,234,567". */
    public String count(final Number value) {
        return value == null ? "?" : String.format(Locale.ROOT, "%,d", value.longValue());
    }

    /** 12345678.9 as "12.3 M", for rates. */
    public String rate(final Double value) {
        if (value == null) {
            return "?";
        }
        double v = value;
        if (v >= 1e9) {
            return String.format(Locale.ROOT, "%.2f G", v / 1e9);
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** A plain decimal with {@code digits} decimals. */
    public String decimal(final Double value, final int digits) {
        return value == null ? "?" : String.format(Locale.ROOT, "%,." + digits + "f", value);
    }

    /** Nanoseconds as "180 ns", "1.21 µs", "64.0 µs", "2.2 ms". */
    public String nanos(final Double value) {
        if (value == null) {
            return "–";
        }
        double v = value;
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.1f ms", v / 1e6);
        }
        if (v >= 1e4) {
            return String.format(Locale.ROOT, "%.1f µs", v / 1e3);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.2f µs", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f ns", v);
    }

    /** A share in percent: "99.99 %", "0.0012 %", "0 %". */
    public String percent(final double value) {
        if (value == 0) {
            return "0 %";
        }
        if (value < 0.01) {
            return String.format(Locale.ROOT, "%.4f %%", value);
        }
        return String.format(Locale.ROOT, "%.2f %%", value);
    }

    /** A change in percent with its sign: "+3.1 %", "-12.0 %". */
    public String change(final double value) {
        return String.format(Locale.ROOT, "%+.1f %%", value);
    }

    /** An ISO-8601 instant as "2026-01-01 12:00:00 UTC"; other text as given. */
    public String time(final String iso) {
        if (iso == null || iso.isBlank()) {
            return "?";
        }
        try {
            return TIME.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** The first 12 characters of a commit. */
    public String commit(final String commit) {
        return commit == null || commit.isBlank() ? "unknown" : commit.substring(0, Math.min(12, commit.length()));
    }

    /** A payload size: "32 B", "4 KiB". */
    public String bytes(final Number value) {
        if (value == null) {
            return "?";
        }
        long v = value.longValue();
        if (v >= 1024 && v % 1024 == 0) {
            return v / 1024 + " KiB";
        }
        return v + " B";
    }
}
