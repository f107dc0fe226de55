// Reuses the plugin's own test fixture, so the IT and the unit tests read the same Keras JSON.
import java.nio.file.*
def fixture = new File(basedir, '../../../src/test/resources/keras/sentiment_keras2.json').toPath()
def keras = new File(basedir, 'src/main/keras').toPath()
Files.createDirectories(keras)
Files.copy(fixture, keras.resolve('sentiment_model.json'), StandardCopyOption.REPLACE_EXISTING)
return true
