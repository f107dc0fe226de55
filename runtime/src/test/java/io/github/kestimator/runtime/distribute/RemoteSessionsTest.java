package io.github.kestimator.runtime.distribute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A variable on a ps task, trained from a worker's session over TensorFlow's gRPC runtime on
 * loopback.
 */
class RemoteSessionsTest {
  @Test
  void trainsAVariableThatLivesOnThePsTask() throws IOException {
    String json =
        "{\"cluster\": {\"chief\": [\"localhost:"
            + freePort()
            + "\"], \"ps\": [\"localhost:"
            + freePort()
            + "\"]}, \"task\": {\"type\": \"chief\", \"index\": 0}}";
    TfConfig chief = TfConfig.parse(json);
    TfConfig ps = TfConfig.parse(json.replace("\"type\": \"chief\"", "\"type\": \"ps\""));
    ClusterServers.start(ps);
    ClusterServers.start(chief);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Ops onPs = tf.withDevice(DeviceSpec.newBuilder().job("ps").task(0).build());
      Variable<TFloat32> v = onPs.withName("v").variable(tf.constant(5f));
      Ops onChief = tf.withDevice(DeviceSpec.newBuilder().job("chief").task(0).build());
      var loss = onChief.math.square(v);
      var step =
          onPs.train.applyGradientDescent(
              v, tf.constant(0.1f), onChief.math.mul(tf.constant(2f), v));
      try (Session s = RemoteSessions.open(g, ClusterServers.target(chief), null)) {
        s.initialize();
        float previous = Float.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
          s.runner().addTarget(step).run();
          try (var r = s.runner().fetch(loss).run()) {
            float l = ((TFloat32) r.get(0)).getFloat();
            assertTrue(l < previous, "loss falls: " + l);
            previous = l;
          }
        }
        // Five updates v <- v - 0.1 * 2v = 0.8 v from 5: loss = (5 * 0.8^5)^2.
        assertEquals(Math.pow(5 * Math.pow(0.8, 5), 2), previous, 1e-3);
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
