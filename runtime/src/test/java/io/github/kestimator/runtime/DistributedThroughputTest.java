package io.github.kestimator.runtime;

import io.github.kestimator.runtime.LocalCluster.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opt-in measurement, not an assertion: global steps per second of Tiny on a loopback cluster with
 * the chief alone, with 1 worker and with 2 workers. Run with
 * {@code mvn -o -pl runtime test -Dtest=DistributedThroughputTest -Dkestimator.throughput=true}.
 */
@EnabledIfSystemProperty(named = "kestimator.throughput", matches = "true")
class DistributedThroughputTest {
  private static final Pattern RATE = Pattern.compile("global_step/sec: ([0-9.]+)");
  @TempDir Path tmp;

  @Test
  void globalStepsPerSecondByWorkerCount() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int workers = 0; workers <= 2; workers++) {
      long maxSteps = 3_000;
      Path dir = tmp.resolve("w" + workers);
      java.nio.file.Files.createDirectories(dir);
      try (LocalCluster cluster = new LocalCluster(dir, maxSteps, Math.max(workers, 1))) {
        cluster.start("ps", 0);
        Task chief = cluster.start("chief", 0);
        List<Task> ws = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
          ws.add(cluster.start("worker", i));
        }
        chief.awaitSuccess(120);
        StringBuilder steps = new StringBuilder("chief " + chief.stepsRan());
        for (int i = 0; i < ws.size(); i++) {
          ws.get(i).awaitSuccess(30);
          steps.append(", worker:").append(i).append(' ').append(ws.get(i).stepsRan());
        }
        // The chief logs the global rate every 100 global steps; the first interval includes warm-up.
        Matcher m = RATE.matcher(chief.output());
        List<Double> rates = new ArrayList<>();
        while (m.find()) {
          rates.add(Double.parseDouble(m.group(1)));
        }
        double mean = rates.stream().skip(2).mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        lines.add(String.format(Locale.ROOT, "chief + %d worker(s): %.0f global steps/sec (steps: %s)", workers, mean, steps));
      }
    }
    lines.forEach(l -> System.out.println("THROUGHPUT " + l));
  }
}
