package io.github.kestimator.processor;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import javax.tools.JavaFileObject;

/** Loads the classes of a compile-testing compilation, so tests can run the generated code. */
final class CompiledClasses extends ClassLoader {
  private static final String PREFIX = "/CLASS_OUTPUT/";
  private final Map<String, byte[]> classes = new HashMap<>();

  CompiledClasses(Compilation compilation) {
    super(CompiledClasses.class.getClassLoader());
    for (JavaFileObject f : compilation.generatedFiles()) {
      if (f.getKind() == JavaFileObject.Kind.CLASS && f.getName().startsWith(PREFIX)) {
        String name =
            f.getName()
                .substring(PREFIX.length(), f.getName().length() - ".class".length())
                .replace('/', '.');
        try (InputStream in = f.openInputStream()) {
          classes.put(name, in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  @Override
  protected Class<?> findClass(String name) throws ClassNotFoundException {
    byte[] bytes = classes.get(name);
    if (bytes == null) {
      throw new ClassNotFoundException(name);
    }
    return defineClass(name, bytes, 0, bytes.length);
  }

  /**
   * A static field of a compiled class, public or not, e.g. a (package-private) binding's INSTANCE.
   */
  Object staticField(String className, String field) throws ReflectiveOperationException {
    java.lang.reflect.Field f = loadClass(className).getDeclaredField(field);
    f.setAccessible(true);
    return f.get(null);
  }

  /** A new instance of a compiled record by its canonical constructor. */
  Object newRecord(String className, Object... components) throws ReflectiveOperationException {
    Class<?> type = loadClass(className);
    Class<?>[] types =
        java.util.Arrays.stream(type.getRecordComponents())
            .map(c -> c.getType())
            .toArray(Class<?>[]::new);
    try {
      return type.getConstructor(types).newInstance(components);
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }
}
