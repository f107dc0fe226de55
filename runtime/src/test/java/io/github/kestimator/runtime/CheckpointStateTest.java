package io.github.kestimator.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.kestimator.runtime.modeldir.CheckpointState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointStateTest {
  @TempDir Path dir;

  @Test
  void readsWhatPythonTensorFlowWrites() throws Exception {
    assertNull(CheckpointState.read(dir));
    // tf.train.CheckpointManager's file: absolute paths and timestamps.
    Files.writeString(
        dir.resolve("checkpoint"),
        "model_checkpoint_path: \""
            + dir.resolve("model.ckpt-20")
            + "\"\n"
            + "all_model_checkpoint_paths: \""
            + dir.resolve("model.ckpt-10")
            + "\"\n"
            + "all_model_checkpoint_paths: \""
            + dir.resolve("model.ckpt-20")
            + "\"\n"
            + "all_model_checkpoint_timestamps: 1700000000.5\nall_model_checkpoint_timestamps: 1700000010.5\n"
            + "last_preserved_timestamp: 1699999990.1\n");
    CheckpointState s = CheckpointState.read(dir);
    assertEquals("model.ckpt-20", s.latest());
    assertEquals(List.of("model.ckpt-10", "model.ckpt-20"), s.all());
    new CheckpointState("model.ckpt-30", List.of("model.ckpt-20", "model.ckpt-30")).write(dir);
    assertEquals(
        "model_checkpoint_path: \"model.ckpt-30\"\nall_model_checkpoint_paths: \"model.ckpt-20\"\n"
            + "all_model_checkpoint_paths: \"model.ckpt-30\"\n",
        Files.readString(dir.resolve("checkpoint")));
    assertTrue(Files.notExists(dir.resolve("checkpoint.tmp")));
  }

  @Test
  void corruptStateFileIsReportedByName() throws Exception {
    Files.writeString(dir.resolve("checkpoint"), "model_checkpoint_path: \"model.ckpt-2");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> CheckpointState.read(dir));
    assertTrue(e.getMessage().contains(dir.resolve("checkpoint").toString()), e.getMessage());
  }
}
