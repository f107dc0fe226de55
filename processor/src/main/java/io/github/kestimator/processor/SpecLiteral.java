package io.github.kestimator.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.github.kestimator.model.CompileSpec;
import io.github.kestimator.model.LayerKind;
import io.github.kestimator.model.LayerSpec;
import io.github.kestimator.model.Metric;
import io.github.kestimator.model.ModelSpec;
import io.github.kestimator.model.OptimizerSpec;
import io.github.kestimator.model.ParamDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Java source for a {@link ModelSpec}: the generated binding rebuilds the very spec the processor
 * validated, so the runtime analyzes exactly what compiled. Enum parameters are written as spec enum
 * constants, so a typo in generated code could not pass javac either.
 */
final class SpecLiteral {
  private static final ClassName LIST = ClassName.get(List.class);
  private static final ClassName MAP = ClassName.get(Map.class);

  private SpecLiteral() {}

  static CodeBlock of(ModelSpec spec) {
    List<CodeBlock> layers = new ArrayList<>();
    for (LayerSpec l : spec.layers()) {
      layers.add(layer(l));
    }
    return CodeBlock.builder()
        .add("new $T($S,\n$>$>$T.of(\n$>", ModelSpec.class, spec.name(), LIST)
        .add(CodeBlock.join(layers, ",\n"))
        .add("),\n$<")
        .add(compile(spec.compile()))
        .add(")$<$<")
        .build();
  }

  private static CodeBlock layer(LayerSpec l) {
    CodeBlock from = l.from().isEmpty() ? CodeBlock.of("$T.of()", LIST)
        : CodeBlock.of("$T.of($L)", LIST, CodeBlock.join(l.from().stream().map(f -> CodeBlock.of("$S", f)).toList(), ", "));
    return CodeBlock.of("new $T($S, $T.$L, $L, $L, $L)", LayerSpec.class, l.name(), LayerKind.class, l.kind().name(), from,
        args(l.args(), l.kind().params()), l.wrapped() == null ? CodeBlock.of("null") : layer(l.wrapped()));
  }

  private static CodeBlock compile(CompileSpec c) {
    CodeBlock metrics = CodeBlock.join(c.metrics().stream().map(m -> CodeBlock.of("$T.$L", Metric.class, m.name())).toList(),
        ", ");
    return CodeBlock.of("new $T(new $T($T.$L, $L), $T.$L, $L, $T.of($L))", CompileSpec.class, OptimizerSpec.class,
        io.github.kestimator.model.OptimizerType.class, c.optimizer().type().name(), args(c.optimizer().args(),
            c.optimizer().type().params()),
        io.github.kestimator.model.Loss.class, c.loss().name(), c.fromLogits(), LIST, metrics);
  }

  private static CodeBlock args(Map<String, Object> args, List<ParamDef> defs) {
    if (args.isEmpty()) {
      return CodeBlock.of("$T.of()", MAP);
    }
    List<CodeBlock> entries = new ArrayList<>();
    args.forEach((name, value) -> entries.add(CodeBlock.of("$T.entry($S, $L)", MAP, name, value(value, def(defs, name)))));
    return CodeBlock.of("$T.ofEntries($L)", MAP, CodeBlock.join(entries, ", "));
  }

  private static ParamDef def(List<ParamDef> defs, String name) {
    return defs.stream().filter(d -> d.name().equals(name)).findFirst().orElse(null);
  }

  /** A raw argument as a Java expression of the same value. */
  private static CodeBlock value(Object value, ParamDef def) {
    if (value instanceof String s) {
      Class<? extends Enum<?>> type = def == null ? null : def.type().enumType();
      if (type != null) {
        for (Enum<?> c : type.getEnumConstants()) {
          if (c.name().equalsIgnoreCase(s)) {
            return CodeBlock.of("$T.$L", type, c.name());
          }
        }
      }
      return CodeBlock.of("$S", s);
    }
    if (value instanceof Double d) {
      return d.isNaN() ? CodeBlock.of("$T.NaN", Double.class)
          : d.isInfinite() ? CodeBlock.of("$T.$L", Double.class, d > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY")
          : CodeBlock.of("$L", d);
    }
    if (value instanceof Integer || value instanceof Boolean) {
      return CodeBlock.of("$L", value);
    }
    if (value instanceof List<?> list) {
      return CodeBlock.of("$T.of($L)", LIST, CodeBlock.join(list.stream().map(v -> value(v, null)).toList(), ", "));
    }
    if (value instanceof Map<?, ?> map) {
      List<CodeBlock> entries = new ArrayList<>();
      if (map.size() > 10) { // Map.of takes at most 10 pairs (a @LearningRateSchedule has 12 elements)
        map.forEach((k, v) -> entries.add(CodeBlock.of("$T.entry($S, $L)", MAP, k, value(v, null))));
        return CodeBlock.of("$T.ofEntries($L)", MAP, CodeBlock.join(entries, ", "));
      }
      map.forEach((k, v) -> entries.add(CodeBlock.of("$S, $L", k, value(v, null))));
      return CodeBlock.of("$T.of($L)", MAP, CodeBlock.join(entries, ", "));
    }
    // Annotations hold no other values the model description accepts, and generation runs only on accepted specs.
    throw new IllegalArgumentException("cannot write " + value + " (" + (value == null ? null : value.getClass()) + ")");
  }
}
