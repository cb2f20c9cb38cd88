package chainrule.processor;

import com.google.auto.service.AutoService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * The entry point: for each {@code @Network} class, read → validate → write. A class with any error
 * generates nothing, so the user sees their mistake and not errors in code they never wrote.
 */
@AutoService(Processor.class)
public final class NetworkProcessor extends AbstractProcessor {

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(ModelReader.NETWORK, ModelReader.LAYER);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Diagnostics diagnostics = new Diagnostics(processingEnv.getMessager());
    TypeElement network = processingEnv.getElementUtils().getTypeElement(ModelReader.NETWORK);
    if (network == null) {
      return false; // the runtime is not on the classpath; nothing of ours can be annotated
    }
    for (Element element : round.getElementsAnnotatedWith(network)) {
      if (element.getKind() == ElementKind.CLASS) {
        processModel((TypeElement) element, diagnostics);
      }
    }
    return false;
  }

  private void processModel(TypeElement type, Diagnostics diagnostics) {
    try {
      ModelDeclaration declaration = new ModelReader(processingEnv.getElementUtils()).read(type);
      Optional<NetworkModel> model = new ModelValidator(diagnostics).validate(declaration);
      if (model.isPresent()) {
        new NetWriter(model.get()).write().writeTo(processingEnv.getFiler());
      }
    } catch (IOException | RuntimeException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      diagnostics.report(Message.UNEXPECTED, type, type.getQualifiedName(), trace);
    }
  }
}
