def log = new File(basedir, 'build.log').text
assert log.contains("src/test/data/train.csv: column 'word_input' is not a feature or label of model 'sequential'"
    + " (src/main/keras/sentiment_model.json); did you mean 'words_input'?")
assert log.contains("src/test/data/train.csv: missing column 'words_input' (feature: int32 100);"
    + " did you mean 'word_input'?")
// the prediction file (no labels) referenced by the generated class's name is fine
assert log.contains("src/test/data/predict.csv: columns [words_input] match model 'sequential'")
assert !log.contains("predict.csv: missing")
// a hand-written model class, known by the columns file in target/classes
assert log.contains("src/test/data/hand.csv: column 'ages' is not a feature or label of model class 'com.example.Hand'"
    + " (target/classes/META-INF/kestimator/models/com.example.Hand.columns); did you mean 'age'?")
assert log.contains('BUILD FAILURE')
return true
