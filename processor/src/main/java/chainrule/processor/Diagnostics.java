package chainrule.processor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.annotation.processing.Messager;
import javax.tools.Diagnostic;

/**
 * Prints {@link Report}s through the {@link Messager}, placed as precisely as their {@link Site} says: on an
 * annotation value, an annotation, or an element, so that IDEs underline the right thing. The reports of
 * one class come out in source order, whatever order the checks found them in. Warnings on a site that
 * {@code @SuppressWarnings("chainrule")} covers are dropped.
 */
final class Diagnostics {
  /** The {@code @SuppressWarnings} token that silences chainrule's warnings. */
  static final String SUPPRESSION = "chainrule";

  private final Messager messager;

  Diagnostics(Messager messager) {
    this.messager = messager;
  }

  /** Prints the reports of one class, sorted by position (stably); returns how many were errors. */
  int print(List<Report> reports) {
    int errors = 0;
    List<Report> sorted = new ArrayList<>(reports);
    sorted.sort(Comparator.comparingInt(r -> r.site().position()));
    for (Report report : sorted) {
      if (report.isError()) {
        errors++;
      } else if (report.site().suppressed()) {
        continue;
      }
      print(report);
    }
    return errors;
  }

  private void print(Report report) {
    Site site = report.site();
    Diagnostic.Kind kind = report.message().kind;
    if (site.annotation() == null) {
      messager.printMessage(kind, report.text(), site.element());
    } else if (site.value() == null) {
      messager.printMessage(kind, report.text(), site.element(), site.annotation());
    } else {
      messager.printMessage(kind, report.text(), site.element(), site.annotation(), site.value());
    }
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
