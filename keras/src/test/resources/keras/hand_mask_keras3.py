"""Writes hand_mask_keras3.json: a Keras 3.15.1 functional model whose LSTM is called with a mask
made by hand (mask=ops.not_equal(ids, 3), no mask_zero anywhere), which kestimator refuses.

    python hand_mask_keras3.py
"""
import json

import keras
from keras import layers, ops

ids = keras.Input((5,), dtype="int32", name="ids")
x = layers.Embedding(10, 4, name="emb")(ids)
h = layers.LSTM(3, name="lstm")(x, mask=ops.not_equal(ids, 3))
out = layers.Dense(1, name="out")(h)
model = keras.Model(ids, out, name="hand_mask")
with open("hand_mask_keras3.json", "w") as f:
    json.dump(json.loads(model.to_json()), f, indent=1, sort_keys=True)
    f.write("\n")
