package chainrule.processor;

import com.google.auto.service.AutoService;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The entry point: for each {@code @Network} class, read → validate (the class, then its layers) → write.
 * A class with any error generates nothing, so the user sees their mistake and not errors in code they
 * never wrote. Also reports {@code @Layer} fields outside any {@code @Network} class.
 */
@AutoService(Processor.class)
public final class NetworkProcessor extends AbstractProcessor {
  /** The annotation the generated classes carry. */
  static final String GENERATED = "javax.annotation.processing.Generated";

  private final Consumer<TypeElement> probe;
  /**
   * Each class generated in this compilation, by qualified name, to the model that claimed it: the
   * processor's only state across classes, kept here and passed to the validators to read.
   */
  private final Map<String, String> generatedNames = new HashMap<>();
  /** Models whose supertypes another processor has yet to generate, by qualified name. */
  private final Set<String> deferred = new LinkedHashSet<>();

  public NetworkProcessor() {
    this(type -> {});
  }

  /** For tests: {@code probe} sees each model before it is read, and may throw to stand in for a bug. */
  NetworkProcessor(Consumer<TypeElement> probe) {
    this.probe = probe;
  }

  /**
   * Our two annotations, and {@code @Generated}: javac's {@code -Xlint:processing} warns about annotations
   * no processor claims, which under {@code -Werror} would fail builds on our own generated code.
   */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ModelReader.NETWORK, ModelReader.LAYER, GENERATED);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  /** Claims its annotations (returns true): no other processor has any business with them. */
  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager());
    TypeElement network = processingEnv.getElementUtils().getTypeElement(ModelReader.NETWORK);
    TypeElement layer = processingEnv.getElementUtils().getTypeElement(ModelReader.LAYER);
    if (network == null || layer == null) {
      return false; // the runtime is not on the classpath; nothing of ours can be annotated
    }
    List<TypeElement> models = new ArrayList<>();
    for (String name : deferred) {
      models.add(processingEnv.getElementUtils().getTypeElement(name));
    }
    deferred.clear();
    for (Element element : round.getElementsAnnotatedWith(network)) {
      if (element instanceof TypeElement type) {
        models.add(type);
      }
    }
    for (TypeElement model : models) {
      if (model == null || round.processingOver()) {
        continue; // what another processor was to generate never came; javac reports the missing types
      }
      if (waitsForGeneratedTypes(model)) {
        deferred.add(model.getQualifiedName().toString());
      } else {
        processModel(model, diagnostics);
      }
    }
    for (Element field : round.getElementsAnnotatedWith(layer)) {
      checkLayerPlacement(field, diagnostics);
    }
    return true;
  }

  private void processModel(TypeElement type, Diagnostics diagnostics) {
    try {
      probe.accept(type);
      ModelDeclaration declaration =
          new ModelReader(processingEnv.getElementUtils(), processingEnv.getTypeUtils()).read(type);
      String net = declaration.type().netQualifiedName();
      Validator.Result result = Validator.validate(declaration, generatedNames.get(net));
      if (declaration.type().kind() == ElementKind.CLASS) {
        generatedNames.putIfAbsent(net, declaration.type().qualifiedName());
      }
      int errors = diagnostics.print(result.reports());
      if (errors == 0 && result.model().isPresent()) {
        new NetWriter(result.model().get()).write().writeTo(processingEnv.getFiler());
      }
    } catch (Exception | LinkageError | AssertionError e) {
      reportUnexpected(type, e, diagnostics);
    }
  }

  /** A {@code @Layer} field is only read as part of the {@code @Network} class that declares it. */
  private void checkLayerPlacement(Element field, Diagnostics diagnostics) {
    Element owner = field.getEnclosingElement();
    try {
      if (ModelReader.annotation(owner, ModelReader.NETWORK) == null) {
        Site site = new Site(0, false, field, ModelReader.annotation(field, ModelReader.LAYER), null);
        String fix = owner.getKind() == ElementKind.CLASS
            ? "annotate " + owner.getSimpleName() + " with @Network, or remove @Layer"
            : "remove @Layer (" + owner.getSimpleName() + " is " + ClassValidator.kindName(owner.getKind())
                + ", and only a class can be a @Network)";
        diagnostics.print(List.of(new Report(Message.LAYER_OUTSIDE_NETWORK, site,
            List.of(field.getSimpleName(), owner.getSimpleName(), fix))));
      }
    } catch (Exception | LinkageError | AssertionError e) {
      reportUnexpected(owner, e, diagnostics);
    }
  }

  /**
   * True if a supertype of {@code type} cannot be resolved yet: it may be generated by another processor in
   * this round, so the model is processed in the next one (javac reports it if it never comes).
   */
  private static boolean waitsForGeneratedTypes(TypeElement type) {
    for (TypeElement t = type; t != null; ) {
      for (TypeMirror supertype : t.getInterfaces()) {
        if (supertype.getKind() == TypeKind.ERROR) {
          return true;
        }
      }
      TypeMirror superclass = t.getSuperclass();
      if (superclass.getKind() == TypeKind.ERROR) {
        return true;
      }
      t = superclass.getKind() == TypeKind.DECLARED ? (TypeElement) ((DeclaredType) superclass).asElement() : null;
    }
    return false;
  }

  private static void reportUnexpected(Element element, Throwable e, Diagnostics diagnostics) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    Site site = new Site(0, false, element, null, null);
    diagnostics.print(List.of(new Report(Message.UNEXPECTED, site, List.of(element, trace))));
  }
}
