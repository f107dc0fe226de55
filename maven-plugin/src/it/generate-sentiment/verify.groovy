def log = new File(basedir, 'build.log').text
def source = new File(basedir, 'target/generated-sources/kestimator/com/example/models/SentimentModel.java')
assert source.isFile() : "no generated model class at ${source}"
def java = source.text
assert java.contains('@KerasModel(name = "sequential")')
assert java.contains('@Compile(loss = Loss.BINARY_CROSSENTROPY, metrics = {Metric.ACCURACY, Metric.AUC})')
assert java.contains('@Embedding(inputDim = 10000, outputDim = 64, inputLength = 100) Layer words;')
assert java.contains('@LSTM(units = 64) Layer lstm;')
assert java.contains('@Dropout(rate = 0.5) Layer dropout;')
assert java.contains('@Dense(units = 1, activation = Activation.SIGMOID) Layer score;')
assert new File(basedir, 'target/classes/com/example/models/SentimentModel.class').isFile() : 'the generated class was not compiled'

// the summary, as Keras prints it
assert log.contains('Model: "sequential"')
assert log =~ /words \(Embedding\)\s+\(None, 100, 64\)\s+640,000/
assert log =~ /lstm \(LSTM\)\s+\(None, 64\)\s+33,024/
assert log =~ /score \(Dense\)\s+\(None, 1\)\s+65/
assert log.contains('Total params: 673,089')
assert log.contains('Features: [words_input int32 100]')

// first build generates and says why, the second finds everything up to date
def generating = log.count('Generating model classes: no record of an earlier generation')
assert generating == 1 : "expected one generation, saw ${generating}"
assert log.contains('[INFO] Keras models are up to date (1 file unchanged)')
// the source root is registered on the up-to-date run too: javac still sees the generated class
assert log.count('Compiling 1 source file') == 1
assert log =~ /:compile \(default-compile\)[^\n]*\n\[INFO\] Nothing to compile - all classes are up to date/
return true
