// Reuses the plugin's own test fixture, so the IT and the unit tests read the same Keras JSON.
import java.nio.file.*
def fixture = new File(basedir, '../../../src/test/resources/keras/sentiment_keras2.json').toPath()
def keras = new File(basedir, 'src/main/keras').toPath()
Files.createDirectories(keras)
Files.copy(fixture, keras.resolve('sentiment_model.json'), StandardCopyOption.REPLACE_EXISTING)
// What the annotation processor writes for a hand-written @KerasModel class com.example.Hand. Running the
// processor here would need kestimator-runtime and TensorFlow in the IT repository (the generated estimator uses
// them); the processor's own tests check it writes this file, this IT checks check-features finds it in target/classes.
def columns = new File(basedir, 'target/classes/META-INF/kestimator/models/com.example.Hand.columns')
columns.parentFile.mkdirs()
columns.text = '# kestimator model columns: kind name dtype shape\nfeature age float32 scalar\nlabel digit int32 1\n'
return true
