package io.github.kestimator.maven;

/** Where the services report progress; the mojos pass Maven's log, tests a list. */
public interface BuildLog {
  void info(String message);

  void warn(String message);

  /** A log that drops everything. */
  BuildLog NONE =
      new BuildLog() {
        @Override
        public void info(String message) {}

        @Override
        public void warn(String message) {}
      };
}
