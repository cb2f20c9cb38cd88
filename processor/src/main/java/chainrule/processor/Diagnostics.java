package chainrule.processor;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports {@link Message}s through the {@link Messager}, placed as precisely as the caller knows: on an
 * annotation value, an annotation, or an element, so that IDEs underline the right thing. Counts errors
 * so the processor can skip writing a class that had any. Drops warnings that the element or a class
 * around it suppresses with {@code @SuppressWarnings("chainrule")}.
 */
final class Diagnostics {
  /** The {@code @SuppressWarnings} token that silences chainrule's warnings. */
  static final String SUPPRESSION = "chainrule";

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
    } else if (suppressed(element)) {
      return;
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

  /** True if {@code element} or an element around it has {@code @SuppressWarnings("chainrule")}. */
  private static boolean suppressed(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
      if (suppress != null && Arrays.asList(suppress.value()).contains(SUPPRESSION)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The candidate closest to {@code word}, ignoring case, if it is close enough to be a likely typo (at
   * most two edits); null otherwise. For "Did you mean …?" hints.
   */
  static String closest(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = 3;
    for (String candidate : candidates) {
      int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  /** Levenshtein distance: insertions, deletions and substitutions. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
