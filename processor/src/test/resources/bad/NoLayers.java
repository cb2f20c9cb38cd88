package demo;

import chainrule.Linear;
import chainrule.Network;

@Network
abstract class NoLayers {
  Linear linear1;
}
