# Writes strings.npy with numpy (run once; the output is committed): python strings.py
import numpy as np

np.save("strings.npy", np.array([["red", "café"], ["", "日本 🙂"]]))
