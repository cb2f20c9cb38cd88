package chainrule.processor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import javax.tools.Diagnostic;

/** One diagnostic a validator found: the message, where it goes, and the values its format takes. */
record Report(Message message, Site site, List<Object> args) {
  Report {
    args = Collections.unmodifiableList(new ArrayList<>(args));
  }

  boolean isError() {
    return message.kind == Diagnostic.Kind.ERROR;
  }

  String text() {
    return message.render(args.toArray());
  }

  /** The reports one validation finds, in the order found; owned by that validation alone. */
  static final class Collector {
    private final List<Report> reports = new ArrayList<>();

    void add(Message message, Site site, Object... args) {
      reports.add(new Report(message, site, Arrays.asList(args)));
    }

    boolean hasErrors() {
      return reports.stream().anyMatch(Report::isError);
    }

    List<Report> reports() {
      return List.copyOf(reports);
    }
  }
}
