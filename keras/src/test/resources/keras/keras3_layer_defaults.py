# Writes keras3_layer_defaults.jsonl (one model per line): one small model per layer class kestimator reads, every argument at
# its default, as Keras 3 serializes it (model.to_json()). Run: /tmp/kvenv/bin/python keras3_layer_defaults.py > keras3_layer_defaults.jsonl (one model per line)
import json, keras
from keras import layers as L
def seq(name, inp, layer):
    m = keras.Sequential([keras.Input(inp), layer], name=name)
    return json.loads(m.to_json())
models = {
 "dense": seq("dense", (3,), L.Dense(2)),
 "embedding": seq("embedding", (4,), L.Embedding(10, 3)),
 "lstm": seq("lstm", (4, 3), L.LSTM(2)),
 "gru": seq("gru", (4, 3), L.GRU(2)),
 "simple_rnn": seq("simple_rnn", (4, 3), L.SimpleRNN(2)),
 "bidirectional": seq("bidirectional", (4, 3), L.Bidirectional(L.LSTM(2))),
 "dropout": seq("dropout", (3,), L.Dropout(0.5)),
 "flatten": seq("flatten", (2, 3), L.Flatten()),
 "reshape": seq("reshape", (6,), L.Reshape((2, 3))),
 "activation": seq("activation", (3,), L.Activation("relu")),
 "conv1d": seq("conv1d", (8, 3), L.Conv1D(2, 3)),
 "conv2d": seq("conv2d", (8, 8, 3), L.Conv2D(2, 3)),
 "max_pooling1d": seq("max_pooling1d", (8, 3), L.MaxPooling1D()),
 "max_pooling2d": seq("max_pooling2d", (8, 8, 3), L.MaxPooling2D()),
 "average_pooling1d": seq("average_pooling1d", (8, 3), L.AveragePooling1D(2)),
 "average_pooling2d": seq("average_pooling2d", (8, 8, 3), L.AveragePooling2D(2)),
 "global_average_pooling1d": seq("gap1", (8, 3), L.GlobalAveragePooling1D()),
 "global_average_pooling2d": seq("gap2", (8, 8, 3), L.GlobalAveragePooling2D()),
 "global_max_pooling1d": seq("gmp1", (8, 3), L.GlobalMaxPooling1D()),
 "global_max_pooling2d": seq("gmp2", (8, 8, 3), L.GlobalMaxPooling2D()),
 "batch_normalization": seq("bn", (3,), L.BatchNormalization()),
 "layer_normalization": seq("ln", (3,), L.LayerNormalization()),
}
a = keras.Input((3,), name="a"); b = keras.Input((3,), name="b")
models["concatenate_add"] = json.loads(keras.Model([a, b], L.Concatenate()([L.Add()([a, b]), b]), name="merge").to_json())
for name in sorted(models):
    print(json.dumps(models[name], sort_keys=True))
