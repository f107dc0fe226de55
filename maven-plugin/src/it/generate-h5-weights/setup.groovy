// The Keras 2.1.3 Conv2D + BatchNormalization full-model file of ../shared/keras-fixtures (with weights).
import java.nio.file.*
def dir = basedir.toPath().toAbsolutePath()
Path fixture = null
for (def d = dir; d != null && fixture == null; d = d.parent) {
  def candidate = d.resolve('shared/keras-fixtures')
  if (Files.isDirectory(candidate)) {
    fixture = candidate.resolve('cnn_batch_norm.h5')
  }
}
assert fixture != null : "no shared/keras-fixtures directory in ${dir} or above it (see shared/keras-fixtures/README.md)"
assert Files.isRegularFile(fixture) : "the shared Keras fixture ${fixture} is missing"
def keras = basedir.toPath().resolve('src/main/keras')
Files.createDirectories(keras)
Files.copy(fixture, keras.resolve('cnn_batch_norm.h5'), StandardCopyOption.REPLACE_EXISTING)
return true
