package chainrule.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports {@link Message}s through the {@link Messager}, placed as precisely as the caller knows: on an
 * annotation value, an annotation, or an element. Counts errors so the processor can skip writing a
 * class that had any.
 */
final class Diagnostics {
  private final Messager messager;
  private int errors;

  Diagnostics(Messager messager) {
    this.messager = messager;
  }

  /** Reports on {@code element}. */
  void report(Message message, Element element, Object... args) {
    print(message, element, null, null, args);
  }

  /** Reports on {@code annotation} of {@code element}; on the element alone if the annotation is null. */
  void report(Message message, Element element, AnnotationMirror annotation, Object... args) {
    print(message, element, annotation, null, args);
  }

  /** Reports on one {@code value} of {@code annotation} (the compiler underlines {@code in = 8}). */
  void report(Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object... args) {
    print(message, element, annotation, value, args);
  }

  /** Errors reported so far; compare before and after a class to know whether it had any. */
  int errorCount() {
    return errors;
  }

  private void print(
      Message message, Element element, AnnotationMirror annotation, AnnotationValue value, Object[] args) {
    if (message.kind == Diagnostic.Kind.ERROR) {
      errors++;
    }
    String text = message.render(args);
    if (annotation == null) {
      messager.printMessage(message.kind, text, element);
    } else if (value == null) {
      messager.printMessage(message.kind, text, element, annotation);
    } else {
      messager.printMessage(message.kind, text, element, annotation, value);
    }
  }
}
