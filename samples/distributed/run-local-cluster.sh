#!/usr/bin/env bash
# Trains the sentiment sample on a TF_CONFIG cluster on this machine: 1 ps, the chief, 1 worker and
# the evaluator, each its own JVM on free loopback ports, exactly as they would run on four hosts.
#
#   samples/distributed/run-local-cluster.sh [maxSteps]      (default 1000)
#
# Logs go to samples/sentiment/target/cluster/<task>.log; the evaluator prints where the export
# landed. TensorFlow cannot stop a server cleanly, so the ps is killed at the end.
set -euo pipefail

MAX_STEPS=${1:-1000}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$ROOT/samples/sentiment/target/cluster
MVN=${MVN:-mvn}

echo "Building the sentiment sample..."
(cd "$ROOT" && $MVN -q -B -pl samples/sentiment -am package -DskipTests \
  dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime)
CP=$ROOT/samples/sentiment/target/classes:$(cat "$ROOT/samples/sentiment/target/classpath.txt")

rm -rf "$OUT"
mkdir -p "$OUT"
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
CLUSTER="{\"chief\": [\"localhost:$(free_port)\"], \"worker\": [\"localhost:$(free_port)\"], \"ps\": [\"localhost:$(free_port)\"]}"
echo "cluster: $CLUSTER"

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -9 "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Starts one task: the same main class everywhere, only TF_CONFIG differs.
start() {
  TF_CPP_MIN_LOG_LEVEL=1 TF_CONFIG="{\"cluster\": $CLUSTER, \"task\": {\"type\": \"$1\", \"index\": 0}}" \
    java -cp "$CP" io.github.kestimator.samples.sentiment.SentimentCluster "$OUT/model" "$MAX_STEPS" \
    > "$OUT/$1.log" 2>&1 &
  PIDS+=($!)
  echo "started $1:0 (pid $!), log $OUT/$1.log"
}
start ps;        PS=$!
start chief;     CHIEF=$!
start worker;    WORKER=$!
start evaluator; EVALUATOR=$!

status=0
for p in $CHIEF $WORKER $EVALUATOR; do wait "$p" || status=$?; done
grep -h "ran .* training steps" "$OUT/chief.log" "$OUT/worker.log" || true
grep -h "final metrics\|export:" "$OUT/evaluator.log" || true
if [ "$status" -ne 0 ]; then
  echo "a task failed (exit $status); see the logs in $OUT" >&2
fi
exit "$status"
