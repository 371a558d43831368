package io.shmlane.results;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One {@code TEST-*.xml} file of Surefire or Failsafe.
 *
 * @param name the {@code testsuite}'s name (the test class)
 * @param file the file
 * @param modified when it was written
 * @param seconds the suite's {@code time}
 * @param cases its test cases, in file order
 */
public record JUnitSuite(String name, Path file, Instant modified, double seconds, List<JUnitCase> cases) {}
