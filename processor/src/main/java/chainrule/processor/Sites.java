package chainrule.processor;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/** Makes the {@link Site}s of one class: positions in source order, and whether warnings are suppressed. */
final class Sites {
  private final TypeElement type;
  private final List<? extends Element> members;

  Sites(TypeElement type) {
    this.type = type;
    this.members = type.getEnclosedElements();
  }

  /**
   * On {@code element} (the class or one of its members; anything else counts as the class), at
   * {@code annotation} if not null.
   */
  Site of(Element element, AnnotationMirror annotation) {
    int index = members.indexOf(element);
    return new Site(element.equals(type) || index < 0 ? 0 : index + 1, suppressed(element), element, annotation,
        null);
  }

  /** True if {@code element} or an element around it has {@code @SuppressWarnings("chainrule")}. */
  private static boolean suppressed(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      SuppressWarnings suppress = e.getAnnotation(SuppressWarnings.class);
      if (suppress != null && List.of(suppress.value()).contains(Diagnostics.SUPPRESSION)) {
        return true;
      }
    }
    return false;
  }
}
