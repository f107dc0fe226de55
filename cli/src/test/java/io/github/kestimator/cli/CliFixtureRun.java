package io.github.kestimator.cli;

import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Run in a child JVM by {@link CliFixturesTest}: runs the command line ({@link Main#run}) of each
 * case and prints {@code RESULT <case> <exit status> <stderr on one line>}.
 *
 * <p>Arguments: a work directory, then the cases.
 */
public final class CliFixtureRun {
  private CliFixtureRun() {}

  public static void main(String[] args) {
    PrintStream out =
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    Path work = Path.of(args[0]);
    for (int i = 1; i < args.length; i++) {
      String c = args[i];
      out.println("CASE " + c);
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status;
      try {
        status =
            new Main(
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(
                    CliFixturesTest.arguments(c, CliFixturesTest.work(work, c))
                        .toArray(String[]::new));
      } catch (Exception | LinkageError e) {
        status = -1;
        err.writeBytes((" test setup: " + e).getBytes(StandardCharsets.UTF_8));
      }
      out.println(
          "RESULT "
              + c
              + " "
              + status
              + " "
              + err.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " "));
    }
  }
}
