package chainrule.processor;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Runs a {@link NetworkProcessor} with a {@link Filer} that records each source file it creates and that
 * file's originating elements. compile-testing hides the generated files of a failed compilation; this
 * shows that a broken class generated nothing.
 */
final class RecordingProcessor implements Processor {
  /** Qualified name of each generated source file, in order, to its originating elements. */
  final Map<String, List<String>> origins = new LinkedHashMap<>();
  private final Processor delegate;

  RecordingProcessor() {
    this(new NetworkProcessor());
  }

  RecordingProcessor(NetworkProcessor delegate) {
    this.delegate = delegate;
  }

  @Override
  public void init(ProcessingEnvironment env) {
    Filer filer = env.getFiler();
    Filer recording = proxy(Filer.class, (method, args) -> {
      if (method.getName().equals("createSourceFile")) {
        List<String> elements = new ArrayList<>();
        for (Element element : (Element[]) args[1]) {
          elements.add(element.toString());
        }
        origins.put(args[0].toString(), elements);
      }
      return method.invoke(filer, args);
    });
    delegate.init(proxy(ProcessingEnvironment.class,
        (method, args) -> method.getName().equals("getFiler") ? recording : method.invoke(env, args)));
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
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

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }

  private interface Handler {
    Object handle(Method method, Object[] args) throws ReflectiveOperationException;
  }

  private static <T> T proxy(Class<T> type, Handler handler) {
    return type.cast(Proxy.newProxyInstance(RecordingProcessor.class.getClassLoader(), new Class<?>[] {type},
        (p, method, args) -> {
          try {
            return handler.handle(method, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        }));
  }
}
