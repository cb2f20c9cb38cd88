package chainrule.processor;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where a diagnostic goes: an element of the model class, and if known one of its annotations and one value
 * of that. The reader makes sites and the validators pass them on without looking inside, so validators
 * run (and are tested) without javac; {@link Diagnostics} prints on them in the order of {@code position}.
 *
 * @param position the element's place in its class: 0 for the class itself, then its members in source order
 * @param suppressed whether {@code @SuppressWarnings("chainrule")} on the element or around it silences warnings
 * @param element where javac points, or null in tests
 * @param annotation the annotation on {@code element} to point at, or null
 * @param value the value of {@code annotation} to point at, or null
 */
record Site(int position, boolean suppressed, Element element, AnnotationMirror annotation, AnnotationValue value) {
  /** A site with nothing for javac to point at: for validators' tests. */
  static Site at(int position) {
    return new Site(position, false, null, null, null);
  }

  /** This site, pointing at {@code value} of its annotation. */
  Site on(AnnotationValue value) {
    return new Site(position, suppressed, element, annotation, value);
  }
}
