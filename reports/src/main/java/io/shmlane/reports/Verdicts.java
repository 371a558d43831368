package io.shmlane.reports;

import io.shmlane.reports.model.Area;
import io.shmlane.reports.model.BenchmarkRun;
import io.shmlane.reports.model.Failure;
import io.shmlane.reports.model.HuntMutant;
import io.shmlane.reports.model.HuntRound;
import io.shmlane.reports.model.HuntRun;
import io.shmlane.reports.model.JUnitModule;
import io.shmlane.reports.model.JcstressRun;
import io.shmlane.reports.model.JcstressTest;
import io.shmlane.reports.model.ProcessRun;
import io.shmlane.reports.model.Scenario;
import io.shmlane.results.JUnitCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** Judges the results: the status of each area, the list of failures, and the status of the whole run. */
final class Verdicts {
    static final String UNIT = "unit";
    static final String JCSTRESS = "jcstress";
    static final String PROCESS = "process";
    static final String INTEGRATION = "integration";
    static final String BENCHMARKS = "benchmarks";
    static final String HUNT = "hunt";

    static final String PASS = "PASS";
    static final String FAIL = "FAIL";
    static final String NOT_RUN = "NOT_RUN";
    static final String MEASURED = "MEASURED";
    static final String INCOMPLETE = "INCOMPLETE";

    private Verdicts() {}

    static List<Area> areas(
            final List<JUnitModule> junit,
            final JcstressRun jcstress,
            final ProcessRun process,
            final BenchmarkRun benchmarks,
            final List<HuntRun> hunts) {
        List<Area> areas = new ArrayList<>();
        areas.add(unit(of(junit, UNIT)));
        areas.add(jcstress(of(junit, JCSTRESS), jcstress));
        areas.add(process(of(junit, PROCESS), process));
        List<JUnitModule> integration = of(junit, INTEGRATION);
        if (!integration.isEmpty()) {
            areas.add(junitArea(INTEGRATION, "Other integration tests", integration, describe(integration)));
        }
        areas.add(benchmarks(benchmarks));
        areas.add(hunt(hunts));
        return List.copyOf(areas);
    }

    /**
     * FAIL when an area failed, INCOMPLETE when a test area has no results, else PASS. Benchmarks and hunts are
     * optional: without them the run is still complete.
     */
    static String status(final List<Area> areas) {
        if (areas.stream().anyMatch(a -> FAIL.equals(a.status()))) {
            return FAIL;
        }
        boolean missing = areas.stream().filter(Verdicts::required).anyMatch(a -> NOT_RUN.equals(a.status()));
        return missing ? INCOMPLETE : PASS;
    }

    /** Whether an area must have results for the run to be complete. */
    private static boolean required(final Area area) {
        return !BENCHMARKS.equals(area.id()) && !HUNT.equals(area.id());
    }

    static String headline(final String status, final List<Area> areas, final List<Failure> failures) {
        String text;
        if (FAIL.equals(status)) {
            String where = areas.stream()
                    .filter(a -> FAIL.equals(a.status()))
                    .map(a -> a.title().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
            text = plural(failures.size(), "failure") + " in " + where;
        } else if (INCOMPLETE.equals(status)) {
            text = "no results for "
                    + areas.stream()
                            .filter(a -> required(a) && NOT_RUN.equals(a.status()))
                            .map(a -> a.title().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
        } else {
            text = areas.stream()
                    .filter(a -> PASS.equals(a.status()))
                    .map(a -> a.title().toLowerCase(Locale.ROOT) + ": " + String.format(Locale.ROOT, "%,d", a.tests()))
                    .collect(Collectors.joining(", "));
            text = "everything passed (" + text + ")";
        }
        long stale = areas.stream().filter(Area::stale).count();
        if (stale > 0) {
            text += "; " + plural(stale, "area") + " from an earlier build";
        }
        return status + ": " + text;
    }

    static List<Failure> failures(
            final List<JUnitModule> junit,
            final JcstressRun jcstress,
            final ProcessRun process,
            final List<HuntRun> hunts) {
        List<Failure> failures = new ArrayList<>();
        for (String area : List.of(UNIT, JCSTRESS, PROCESS, INTEGRATION)) {
            for (JUnitModule module : of(junit, area)) {
                for (JUnitCase c : module.cases()) {
                    if (c.failed()) {
                        failures.add(new Failure(
                                "junit:" + module.module() + ":" + c.className() + "#" + c.name(),
                                area,
                                module.module() + " (" + module.kind() + ")",
                                simpleName(c.className()) + "." + c.name(),
                                c.message() != null ? c.message() : Objects.toString(c.type(), c.status()),
                                c.detail(),
                                module.anchor(),
                                module.stale()));
                    }
                }
            }
            if (JCSTRESS.equals(area) && jcstress != null) {
                for (String problem : jcstress.problems()) {
                    failures.add(new Failure(
                            "jcstress-run:" + problem,
                            JCSTRESS,
                            "jcstress summary",
                            "the jcstress run",
                            problem,
                            null,
                            JCSTRESS,
                            jcstress.stale()));
                }
                for (JcstressTest test : jcstress.tests()) {
                    if (!test.passed()) {
                        failures.add(new Failure(
                                "jcstress:" + test.name(),
                                JCSTRESS,
                                "jcstress summary",
                                test.shortName(),
                                test.verdict() + ": " + test.reason(),
                                String.join("\n", test.messages()),
                                test.anchor(),
                                jcstress.stale()));
                    }
                }
            }
            if (PROCESS.equals(area) && process != null) {
                for (Scenario scenario : process.scenarios()) {
                    if (scenario.failed()) {
                        failures.add(new Failure(
                                "process:" + scenario.scenario(),
                                PROCESS,
                                "process summary",
                                scenario.scenario(),
                                Objects.toString(scenario.failure(), "failed"),
                                null,
                                scenario.anchor(),
                                scenario.stale()));
                    }
                }
            }
        }
        // surviving mutants of every hunt first, then the failed campaign rounds
        for (HuntRun hunt : hunts) {
            failures.addAll(survivors(hunt));
        }
        for (HuntRun hunt : hunts) {
            failures.addAll(failedRounds(hunt));
        }
        return List.copyOf(failures);
    }

    /** A surviving mutant is a failure: the suite missed a realistic bug. */
    private static List<Failure> survivors(final HuntRun hunt) {
        List<Failure> failures = new ArrayList<>();
        for (HuntMutant mutant : hunt.mutants()) {
            if (mutant.killed()) {
                continue;
            }
            String stages = mutant.stages().stream()
                    .map(s -> s.slice() + " (" + Objects.toString(s.outcome(), "?") + ", "
                            + String.format(Locale.ROOT, "%.0f s", s.seconds()) + "): " + s.replay())
                    .collect(Collectors.joining("\n"));
            failures.add(new Failure(
                    "hunt-mutant:" + mutant.name(),
                    HUNT,
                    hunt.file(),
                    "surviving mutant " + mutant.name(),
                    Objects.toString(mutant.description(), "no test failed on this mutant"),
                    "no test failed on it"
                            + (mutant.file() != null ? " (it changes " + mutant.file() + ")" : "")
                            + (stages.isEmpty() ? "" : "; stages run:\n" + stages),
                    mutant.anchor(),
                    hunt.stale()));
        }
        return failures;
    }

    /** A failed campaign round is a failure: a regression, with the command that replays it. */
    private static List<Failure> failedRounds(final HuntRun hunt) {
        List<Failure> failures = new ArrayList<>();
        for (HuntRound round : hunt.rounds()) {
            if (!round.failed()) {
                continue;
            }
            String where = round.slice() + " on " + round.jdk() + "/" + round.jit();
            String what = round.failures().isEmpty()
                    ? Objects.toString(round.outcome(), "failed")
                    : String.join("\n", round.failures());
            failures.add(new Failure(
                    "hunt-round:" + where,
                    HUNT,
                    hunt.file(),
                    where + (round.seed() != null ? ", seed " + round.seed() : ""),
                    what + (round.replay() != null ? "\nreplay: " + round.replay() : ""),
                    round.log() != null ? "log: " + round.log() : null,
                    round.anchor(),
                    hunt.stale()));
        }
        return failures;
    }

    private static Area unit(final List<JUnitModule> modules) {
        return junitArea(UNIT, "Unit tests", modules, describe(modules));
    }

    private static Area junitArea(
            final String id, final String title, final List<JUnitModule> modules, final String detail) {
        long tests = modules.stream().mapToLong(JUnitModule::tests).sum();
        long failed = modules.stream().mapToLong(JUnitModule::failed).sum();
        long skipped = modules.stream().mapToLong(JUnitModule::skipped).sum();
        double seconds = modules.stream().mapToDouble(JUnitModule::seconds).sum();
        String status = modules.isEmpty() ? NOT_RUN : failed > 0 ? FAIL : PASS;
        return new Area(
                id,
                title,
                status,
                !modules.isEmpty() && modules.stream().allMatch(JUnitModule::stale),
                newest(modules.stream().map(JUnitModule::resultsFrom).toList()),
                tests,
                failed,
                skipped,
                seconds,
                modules.isEmpty() ? "no Surefire or Failsafe results found" : detail);
    }

    private static Area jcstress(final List<JUnitModule> modules, final JcstressRun run) {
        Area junit = junitArea(JCSTRESS, "jcstress", modules, describe(modules));
        if (run == null) {
            if (modules.isEmpty()) {
                return notRun(JCSTRESS, "jcstress", "no jcstress summary and no Failsafe results found");
            }
            return junit;
        }
        long failed =
                Math.max(junit.failed(), run.failedTests() + run.problems().size());
        if (failed == 0 && FAIL.equals(run.verdict())) {
            failed = 1;
        }
        String detail = String.format(
                Locale.ROOT,
                "%s, %s samples, %d with interesting outcomes; mode %s",
                plural(run.tests().size(), "test"),
                compact(run.samples()),
                run.interestingTests(),
                Objects.toString(run.mode(), "?"));
        return new Area(
                JCSTRESS,
                "jcstress",
                failed > 0 ? FAIL : PASS,
                run.stale() && (modules.isEmpty() || junit.stale()),
                newest(List.of(Objects.toString(run.resultsFrom(), ""), Objects.toString(junit.resultsFrom(), ""))),
                run.tests().size(),
                failed,
                run.tests().stream().filter(t -> "NOT_RUN".equals(t.verdict())).count(),
                run.seconds() != null ? run.seconds() : junit.seconds(),
                detail);
    }

    private static Area process(final List<JUnitModule> modules, final ProcessRun run) {
        Area junit = junitArea(PROCESS, "Process scenarios", modules, describe(modules));
        if (run == null) {
            if (modules.isEmpty()) {
                return notRun(PROCESS, "Process scenarios", "no process summary and no Failsafe results found");
            }
            return junit;
        }
        long failed = Math.max(junit.failed(), run.failedScenarios());
        String detail = String.format(
                Locale.ROOT,
                "%s, %s messages, %s",
                plural(run.scenarios().size(), "scenario"),
                compact(run.messages()),
                plural(run.kills(), "kill"));
        return new Area(
                PROCESS,
                "Process scenarios",
                failed > 0 ? FAIL : PASS,
                run.stale() && (modules.isEmpty() || junit.stale()),
                newest(List.of(Objects.toString(run.resultsFrom(), ""), Objects.toString(junit.resultsFrom(), ""))),
                Math.max(run.scenarios().size(), junit.tests()),
                failed,
                Math.max(
                        junit.skipped(),
                        run.scenarios().stream()
                                .filter(s -> "skipped".equalsIgnoreCase(s.outcome()))
                                .count()),
                Math.max(
                        junit.seconds(),
                        run.scenarios().stream().mapToDouble(Scenario::seconds).sum()),
                detail);
    }

    private static Area benchmarks(final BenchmarkRun run) {
        if (run == null) {
            return notRun(BENCHMARKS, "Benchmarks", "no benchmark results in this run");
        }
        String detail = String.format(
                Locale.ROOT,
                run.cpu().isEmpty()
                        ? "%d throughput, %d latency, %d allocation cases"
                        : "%d throughput, %d latency, %d allocation, %d CPU cases",
                run.throughput().size(),
                run.latency().size(),
                run.allocation().size(),
                run.cpu().size());
        if (run.goalsMissed() > 0) {
            detail += "; " + plural(run.goalsMissed(), "goal") + " missed";
        }
        return new Area(
                BENCHMARKS, "Benchmarks", MEASURED, run.stale(), run.resultsFrom(), run.cases(), 0, 0, 0, detail);
    }

    private static Area hunt(final List<HuntRun> hunts) {
        if (hunts.isEmpty()) {
            return notRun(HUNT, "Hunt", "no hunt in this run");
        }
        long runs = 0;
        long failed = 0;
        double seconds = 0;
        List<String> details = new ArrayList<>();
        for (HuntRun hunt : hunts) {
            runs += hunt.rounds().size() + hunt.mutants().size();
            failed += hunt.failedRounds() + hunt.survivingMutants();
            seconds += hunt.elapsedSeconds();
            List<String> parts = new ArrayList<>();
            if (!hunt.rounds().isEmpty()) {
                parts.add(plural(hunt.rounds().size(), "round") + " on " + String.join(", ", jdksOf(hunt))
                        + (hunt.failedRounds() > 0 ? ", " + hunt.failedRounds() + " failed" : ""));
            }
            if (!hunt.mutants().isEmpty()) {
                String survivors = hunt.mutants().stream()
                        .filter(m -> !m.killed())
                        .map(HuntMutant::name)
                        .collect(Collectors.joining(", "));
                parts.add(String.format(
                                Locale.ROOT,
                                "%s, %d killed, score %.1f %%",
                                plural(hunt.mutants().size(), "mutant"),
                                hunt.killedMutants(),
                                hunt.mutationScore() == null ? 0 : hunt.mutationScore() * 100)
                        + (survivors.isEmpty() ? "" : "; survived: " + survivors));
            }
            if (parts.isEmpty()) {
                parts.add("nothing ran");
            }
            details.add(hunt.mode() + ": " + String.join("; ", parts) + (hunt.interrupted() ? " (interrupted)" : ""));
        }
        return new Area(
                HUNT,
                "Hunt",
                failed > 0 ? FAIL : PASS,
                hunts.stream().allMatch(HuntRun::stale),
                newest(hunts.stream().map(HuntRun::resultsFrom).toList()),
                runs,
                failed,
                0,
                seconds,
                String.join(" · ", details));
    }

    /** The JDKs the campaign's rounds ran on, else the ones it could draw from. */
    private static List<String> jdksOf(final HuntRun hunt) {
        List<String> jdks = hunt.groups().stream().map(g -> g.jdk()).distinct().toList();
        return jdks.isEmpty() ? hunt.jdks() : jdks;
    }

    private static Area notRun(final String id, final String title, final String detail) {
        return new Area(id, title, NOT_RUN, false, null, 0, 0, 0, 0, detail);
    }

    private static List<JUnitModule> of(final List<JUnitModule> junit, final String area) {
        return junit.stream().filter(m -> area.equals(m.area())).toList();
    }

    private static String describe(final List<JUnitModule> modules) {
        return modules.stream()
                .map(m -> m.module() + " " + m.tests() + ("failsafe".equals(m.kind()) ? " (failsafe)" : ""))
                .collect(Collectors.joining(", "));
    }

    private static String newest(final List<String> instants) {
        Instant newest = null;
        for (String text : instants) {
            if (text == null || text.isEmpty()) {
                continue;
            }
            Instant instant = Instant.parse(text);
            if (newest == null || instant.isAfter(newest)) {
                newest = instant;
            }
        }
        return newest == null ? null : newest.toString();
    }

    private static String simpleName(final String className) {
        int dot = className == null ? -1 : className.lastIndexOf('.');
        return dot < 0 ? Objects.toString(className, "") : className.substring(dot + 1);
    }

    static String plural(final long count, final String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** 60123456 as "60.1 M". */
    static String compact(final long value) {
        if (value >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1f G", value / 1e9);
        }
        if (value >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f M", value / 1e6);
        }
        if (value >= 10_000L) {
            return String.format(Locale.ROOT, "%.1f k", value / 1e3);
        }
        return Long.toString(value);
    }
}
