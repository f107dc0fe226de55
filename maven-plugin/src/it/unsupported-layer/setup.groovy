import java.nio.file.*
def fixture = new File(basedir, '../../../src/test/resources/keras/unsupported_lambda.json').toPath()
def keras = new File(basedir, 'src/main/keras').toPath()
Files.createDirectories(keras)
Files.copy(fixture, keras.resolve('unsupported_lambda.json'), StandardCopyOption.REPLACE_EXISTING)
return true
