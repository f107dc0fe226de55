package io.github.kestimator.runtime.distribute;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_GetCode;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_Message;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSessionOptions;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import org.bytedeco.javacpp.BytePointer;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * Sessions on a {@code grpc://host:port} target. TensorFlow Java 1.1.0 has no public Session
 * constructor taking a target, so this goes through the C API ({@code TF_SetTarget} + {@code
 * TF_NewSession}) and hands the native session to Session's package-private constructor. Both are
 * reached by reflection; if a TensorFlow Java upgrade removes them, {@link #open} fails with a
 * message saying so instead of misbehaving.
 */
public final class RemoteSessions {
  private RemoteSessions() {}

  /**
   * A session whose graph runs on the TensorFlow server at {@code target}, e.g. {@code
   * grpc://localhost:2222}.
   */
  public static Session open(Graph graph, String target, ConfigProto config) {
    TF_SessionOptions options = TF_NewSessionOptions();
    try (TF_Status status = TF_Status.newStatus()) {
      TF_SetTarget(options, target);
      if (config != null) {
        byte[] bytes = config.toByteArray();
        try (BytePointer p = new BytePointer(bytes)) {
          TF_SetConfig(options, p, bytes.length, status);
        }
        check(status, "invalid session config");
      }
      TF_Session session = TF_NewSession(nativeGraph(graph), options, status);
      check(status, "cannot open a session on " + target);
      Constructor<Session> c = Session.class.getDeclaredConstructor(Graph.class, TF_Session.class);
      c.setAccessible(true);
      return c.newInstance(graph, session);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "this TensorFlow Java version does not allow sessions on a remote target: " + e, e);
    } finally {
      TF_DeleteSessionOptions(options);
    }
  }

  private static TF_Graph nativeGraph(Graph graph) throws ReflectiveOperationException {
    Method ref = Graph.class.getDeclaredMethod("ref");
    ref.setAccessible(true);
    Object reference = ref.invoke(graph);
    Method handle = reference.getClass().getDeclaredMethod("nativeHandle");
    handle.setAccessible(true);
    // The reference only keeps the graph open while we look; the session keeps its own.
    try (AutoCloseable r = (AutoCloseable) reference) {
      return (TF_Graph) handle.invoke(reference);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void check(TF_Status status, String what) {
    if (TF_GetCode(status) != 0) {
      throw new IllegalStateException(what + ": " + TF_Message(status).getString());
    }
  }
}
