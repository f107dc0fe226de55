import java.util.zip.ZipFile
def log = new File(basedir, 'build.log').text
def java = new File(basedir, 'target/generated-sources/kestimator/com/example/models/EmbeddingLstm.java').text
assert java.contains('@KerasModel(name = "sequential", weights = "EmbeddingLstm.weights")')
assert java.contains('@Dropout(rate = 0.5) Layer dropout;')

// the weights land in the generated resource root, which the build copies and packages beside the class
def generated = new File(basedir, 'target/generated-resources/kestimator/com/example/models/EmbeddingLstm.weights')
assert generated.isFile() : "no weights at ${generated}"
assert new String(generated.bytes[0..3] as byte[], 'US-ASCII') == 'KSTW'
def copied = new File(basedir, 'target/classes/com/example/models/EmbeddingLstm.weights')
assert copied.isFile() : 'the resource root was not registered: no weights in target/classes'
assert copied.bytes == generated.bytes
def jar = new ZipFile(new File(basedir, 'target/generate-h5-weights-1.0-SNAPSHOT.jar'))
try {
  assert jar.getEntry('com/example/models/EmbeddingLstm.weights') != null : 'the weights are not in the jar'
  assert jar.getEntry('com/example/models/EmbeddingLstm.class') != null
} finally {
  jar.close()
}
assert log.contains('starting weights com/example/models/EmbeddingLstm.weights')
// second invocation (compile): up to date
assert log.contains('[INFO] Keras models are up to date (1 file unchanged)')
assert log.count('Generating model classes: no record of an earlier generation') == 1
return true
