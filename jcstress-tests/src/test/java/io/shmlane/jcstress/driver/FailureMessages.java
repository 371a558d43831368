package io.shmlane.jcstress.driver;

import io.shmlane.jcstress.driver.TestReport.OutcomeRow;
import java.util.Locale;

/** The text of a failed dynamic test: verdict, reason, the outcome table and where to look further. */
final class FailureMessages {
    private static final int DESCRIPTION_WIDTH = 80;

    private FailureMessages() {}

    static String describe(final TestReport test, final RunReport run) {
        StringBuilder out = new StringBuilder();
        out.append(test.verdict())
                .append(' ')
                .append(test.name())
                .append(": ")
                .append(test.reason())
                .append(System.lineSeparator());
        out.append("  ").append(test.description()).append(System.lineSeparator());
        if (test.isReference()) {
            out.append("  reference test: ").append(test.reference()).append(System.lineSeparator());
        }
        out.append("  status ").append(test.status()).append(System.lineSeparator());
        out.append(table(test));
        for (String message : test.messages()) {
            out.append("  | ").append(message).append(System.lineSeparator());
        }
        out.append("  HTML report: ")
                .append(run.files().reportDirectory().toAbsolutePath().resolve("index.html"))
                .append(System.lineSeparator())
                .append("  jcstress log: ")
                .append(run.files().log().toAbsolutePath())
                .append(System.lineSeparator())
                .append("  summary: ")
                .append(run.files().summary().toAbsolutePath());
        return out.toString();
    }

    /** The outcome table, laid out as jcstress prints it. */
    static String table(final TestReport test) {
        int idWidth = "RESULT".length();
        int samplesWidth = "SAMPLES".length();
        for (OutcomeRow row : test.outcomes()) {
            idWidth = Math.max(idWidth, row.outcome().length());
            samplesWidth = Math.max(
                    samplesWidth,
                    String.format(Locale.ROOT, "%,d", row.samples()).length());
        }
        String format = "  %" + idWidth + "s  %" + samplesWidth + "s  %-22s  %s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, format, "RESULT", "SAMPLES", "EXPECT", "DESCRIPTION"));
        for (OutcomeRow row : test.outcomes()) {
            String description = row.description() == null ? "" : row.description();
            if (description.length() > DESCRIPTION_WIDTH) {
                description = description.substring(0, DESCRIPTION_WIDTH - 3) + "...";
            }
            out.append(String.format(
                    Locale.ROOT,
                    format,
                    row.outcome(),
                    String.format(Locale.ROOT, "%,d", row.samples()),
                    row.expect(),
                    description));
        }
        return out.toString();
    }
}
