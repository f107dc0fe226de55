package io.github.kestimator.spark;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * What one barrier task of {@link KestimatorTrainer#fit} did.
 *
 * @param task e.g. {@code worker:0}
 * @param stageAttempt the barrier stage's attempt (0 first; a retried stage runs every task again)
 * @param rows the rows of its partition
 * @param startStep the model dir's latest checkpoint when the task began training (-1: none)
 * @param endStep the model dir's latest checkpoint when it finished
 * @param exportDir the chief's export, else null
 * @param metrics the evaluator's last metrics, else null
 * @param wallTime how long the task ran
 */
public record TaskReport(
    String task,
    int stageAttempt,
    long rows,
    long startStep,
    long endStep,
    String exportDir,
    Map<String, Double> metrics,
    Duration wallTime)
    implements Serializable {}
