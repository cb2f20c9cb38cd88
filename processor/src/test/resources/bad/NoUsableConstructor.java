package demo;

import chainrule.Layer;
import chainrule.Linear;
import chainrule.Network;
import chainrule.Sigmoid;
import java.io.IOException;

@Network
abstract class NoUsableConstructor {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  NoUsableConstructor(int seed, String name) {}
}

@Network
abstract class NoUsableConstructorPrivate {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  private NoUsableConstructorPrivate() {}
}

@Network
abstract class NoUsableConstructorThrows {
  @Layer(in = 2, out = 1) Linear linear1;
  @Layer Sigmoid sigmoid1;

  NoUsableConstructorThrows() throws IOException {}
}
