package io.github.kestimator.runtime.layers;

import java.nio.file.Path;

/**
 * A file a lookup table of the graph is filled from: exported as a SavedModel asset.
 *
 * @param pathOp the op name of the string constant holding the file's name (loaders point it at the
 *     asset)
 * @param file the file now
 * @param assetName its name under the SavedModel's {@code assets/}, {@code <layer>/tokens.txt}
 */
public record TableFile(String pathOp, Path file, String assetName) {}
