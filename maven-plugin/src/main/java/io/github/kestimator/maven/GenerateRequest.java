package io.github.kestimator.maven;

import java.nio.file.Path;

/**
 * What {@link GenerateService} needs: the models, where the classes go, where their starting
 * weights go (a resource root), where the up-to-date cache lives, and the plugin's version (a new
 * plugin version regenerates everything).
 */
public record GenerateRequest(
    ModelSettings settings,
    Path outputDirectory,
    Path resourceDirectory,
    Path cacheFile,
    String pluginVersion) {}
