// The seed model (Embedding -> LSTM -> Dropout -> Dense) saved by Keras 3 as a full-model .h5 (with weights),
// from the repository's own fixtures (fixtures/keras3, made by real Keras).
import java.nio.file.*
def dir = basedir.toPath().toAbsolutePath()
Path fixture = null
for (def d = dir; d != null && fixture == null; d = d.parent) {
  def candidate = d.resolve('fixtures/keras3/models/embedding_lstm/model.h5')
  if (Files.isRegularFile(candidate)) {
    fixture = candidate
  }
}
assert fixture != null : "no fixtures/keras3/models/embedding_lstm/model.h5 in ${dir} or above it"
def keras = basedir.toPath().resolve('src/main/keras')
Files.createDirectories(keras)
Files.copy(fixture, keras.resolve('embedding_lstm.h5'), StandardCopyOption.REPLACE_EXISTING)
return true
