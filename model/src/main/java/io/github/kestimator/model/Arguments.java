package io.github.kestimator.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the arguments of a typed value (an {@link Initializer}, a {@link Constraint}) against
 * its type's parameter definitions, as {@link ModelAnalyzer} resolves a layer's: an argument the
 * type does not take is {@link Diagnostic#UNKNOWN_PARAM}, naming the types that take it; a value of
 * the wrong kind or out of range {@link Diagnostic#BAD_PARAM}; one not given takes Keras' default.
 */
final class Arguments {
  private Arguments() {}

  /**
   * @param type the type's constant name, e.g. {@code RANDOM_NORMAL}, for messages
   * @param defs the parameters the type takes
   * @param args the given arguments, by camelCase name
   * @param takers every type of the family with its parameters, for "(X, Y take it)"
   * @throws ParamException saying which argument is wrong and what was expected
   */
  static Params resolve(
      String type, List<ParamDef> defs, Map<String, ?> args, Map<String, List<ParamDef>> takers) {
    List<String> own = defs.stream().map(ParamDef::name).toList();
    for (String given : args.keySet()) {
      if (!own.contains(given)) {
        List<String> who = new ArrayList<>();
        takers.forEach(
            (t, d) -> {
              if (d.stream().anyMatch(p -> p.name().equals(given))) {
                who.add(t);
              }
            });
        String hint =
            who.isEmpty()
                ? Names.didYouMean(given, own)
                : " (" + and(who) + (who.size() == 1 ? " takes" : " take") + " it)";
        throw new ParamException(
            Diagnostic.UNKNOWN_PARAM,
            type
                + " takes no parameter '"
                + given
                + "'"
                + hint
                + "; "
                + type
                + (own.isEmpty() ? " takes no parameters" : " takes " + and(own)));
      }
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (ParamDef d : defs) {
      boolean given = args.containsKey(d.name()) && args.get(d.name()) != null;
      Object raw = given ? args.get(d.name()) : d.defaultValue();
      Object v;
      try {
        v = d.type().coerce(raw);
      } catch (IllegalArgumentException e) {
        throw new ParamException(
            Diagnostic.BAD_PARAM, type + " " + d.name() + ": " + e.getMessage());
      }
      String range = given ? d.check(v) : null;
      if (range != null) {
        throw new ParamException(Diagnostic.BAD_PARAM, type + " " + d.name() + " " + range);
      }
      values.put(d.name(), v);
    }
    return new Params(values);
  }

  private static String and(List<String> words) {
    return words.size() == 1
        ? words.get(0)
        : String.join(", ", words.subList(0, words.size() - 1))
            + " and "
            + words.get(words.size() - 1);
  }

  /** The arguments that differ from their defaults, in definition order. */
  static Map<String, Object> given(List<ParamDef> defs, Params params) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ParamDef d : defs) {
      Object v = params.get(d.name());
      Object def = d.type().coerce(d.defaultValue());
      if (!v.equals(def)) {
        out.put(d.name(), v);
      }
    }
    return out;
  }

  /**
   * The type constant of a raw typed value: the {@code value} of a map ({@code {"value":
   * "RANDOM_NORMAL", "stddev": 0.3}}, as annotations and the Keras reader give it), a name, or the
   * constant.
   */
  static <E extends Enum<E>> E type(Class<E> types, Object raw, String what) {
    Object name = raw instanceof Map<?, ?> m ? m.get("value") : raw;
    if (name instanceof Enum<?> e && types.isInstance(e)) {
      return types.cast(e);
    }
    if (name instanceof String s) {
      for (E c : types.getEnumConstants()) {
        if (c.name().equalsIgnoreCase(s)) {
          return c;
        }
      }
    }
    List<String> names = new ArrayList<>();
    for (E c : types.getEnumConstants()) {
      names.add(c.name());
    }
    throw new ParamException(
        Diagnostic.BAD_PARAM,
        "expected " + what + ", one of " + names + ", got " + (name == null ? raw : name));
  }

  /** A raw map's arguments: every entry but {@code value}. */
  static Map<String, Object> args(Object raw) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (raw instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> {
            if (!"value".equals(k)) {
              out.put(String.valueOf(k), v);
            }
          });
    }
    return out;
  }
}
