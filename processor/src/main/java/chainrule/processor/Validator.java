package chainrule.processor;

import java.util.List;
import java.util.Optional;

/**
 * Second stage: checks a {@link ModelDeclaration} (the class, its methods, its layers) and builds its
 * {@link NetworkModel} if nothing is wrong. A pure function of the declaration: it reads no javac state and
 * writes no shared state, so it is tested without a compiler.
 */
final class Validator {
  private Validator() {}

  /** Everything wrong with the class, in the order found, and its model if none of it is an error. */
  record Result(List<Report> reports, Optional<NetworkModel> model) {
    Result {
      reports = List.copyOf(reports);
    }
  }

  /**
   * @param claimedBy the qualified name of the model that already generates a class of this name in this
   *     compilation, or null
   */
  static Result validate(ModelDeclaration declaration, String claimedBy) {
    Report.Collector reports = new Report.Collector();
    Optional<NetworkModel> model = Optional.empty();
    if (new ClassValidator(reports).validate(declaration, claimedBy)) {
      MethodValidator methods = new MethodValidator(reports);
      methods.validate(declaration);
      model = new LayerValidator(reports).validate(declaration);
      model.ifPresent(m -> methods.validatePredict(declaration, m));
    }
    return new Result(reports.reports(), reports.hasErrors() ? Optional.empty() : model);
  }
}
