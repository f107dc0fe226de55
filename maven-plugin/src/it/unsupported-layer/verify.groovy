def log = new File(basedir, 'build.log').text
assert log.contains("[KerasUnsupportedLayer] src/main/keras/unsupported_lambda.json: layer 'scale_by_two' (Lambda):"
    + " layer class 'Lambda' is not supported; supported: Dense, Embedding")
assert !new File(basedir, 'target/kestimator/generate.cache').exists() : 'a failed generation must not record a cache'
assert !new File(basedir, 'target/generated-sources/kestimator/com/example/models').exists()
return true
