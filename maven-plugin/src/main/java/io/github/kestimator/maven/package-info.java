/** Build goals of the kestimator Maven plugin. */
package io.github.kestimator.maven;
