package io.github.kestimator.processor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Runs {@link KerasModelProcessor} with a Filer that records which originating elements each
 * generated source and resource names (javac does not show them to compile-testing).
 */
final class RecordingFiler implements Filer {
  final Map<String, List<Element>> originating = new LinkedHashMap<>();
  private final Filer filer;

  private RecordingFiler(Filer filer) {
    this.filer = filer;
  }

  @Override
  public JavaFileObject createSourceFile(CharSequence name, Element... elements)
      throws IOException {
    originating.put(name.toString(), List.of(elements));
    return filer.createSourceFile(name, elements);
  }

  @Override
  public JavaFileObject createClassFile(CharSequence name, Element... elements) throws IOException {
    return filer.createClassFile(name, elements);
  }

  @Override
  public FileObject createResource(
      JavaFileManager.Location location,
      CharSequence moduleAndPkg,
      CharSequence relativeName,
      Element... elements)
      throws IOException {
    originating.put(relativeName.toString(), List.of(elements));
    return filer.createResource(location, moduleAndPkg, relativeName, elements);
  }

  @Override
  public FileObject getResource(
      JavaFileManager.Location location, CharSequence moduleAndPkg, CharSequence relativeName)
      throws IOException {
    return filer.getResource(location, moduleAndPkg, relativeName);
  }

  /**
   * The processor under test, seeing the recording Filer; {@link #filer} is set once javac
   * initialized it.
   */
  static final class Processor extends AbstractProcessor {
    private final KerasModelProcessor delegate = new KerasModelProcessor();
    RecordingFiler filer;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
      super.init(env);
      filer = new RecordingFiler(env.getFiler());
      delegate.init(
          new ProcessingEnvironment() {
            @Override
            public Map<String, String> getOptions() {
              return env.getOptions();
            }

            @Override
            public Messager getMessager() {
              return env.getMessager();
            }

            @Override
            public Filer getFiler() {
              return filer;
            }

            @Override
            public Elements getElementUtils() {
              return env.getElementUtils();
            }

            @Override
            public Types getTypeUtils() {
              return env.getTypeUtils();
            }

            @Override
            public SourceVersion getSourceVersion() {
              return env.getSourceVersion();
            }

            @Override
            public Locale getLocale() {
              return env.getLocale();
            }
          });
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return delegate.getSupportedAnnotationTypes();
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return delegate.getSupportedSourceVersion();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      return delegate.process(annotations, round);
    }

    List<String> originatingNames(String source) {
      List<String> out = new ArrayList<>();
      filer.originating.get(source).forEach(e -> out.add(e.toString()));
      return out;
    }
  }
}
