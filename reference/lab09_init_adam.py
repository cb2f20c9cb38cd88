"""Trace 7: a generated network's create(seed) with per-layer initialisers, and one Adam step of a lab-09 net.

Case "xavier" is the lecture's lab-09_3 model: torch.manual_seed(777); linear1 = Linear(784, 256), linear2 =
Linear(256, 256), linear3 = Linear(256, 10) (each draws its default init when constructed); then
xavier_uniform_(linear1.weight), (linear2.weight), (linear3.weight) in that order; Sequential(linear1, ReLU,
linear2, ReLU, linear3); CrossEntropyLoss; Adam(lr = 0.001); one step on a fixed batch of 100 rows:
x[i] = (i * 7919 mod 256) / 256 (exact in float32), label[r] = r * 7 mod 10.

Case "mix" mixes every initialiser, small enough that normal_ takes its scalar path (< 16 elements) with a
cached sine carried from one layer to the next: Linear(6,5) xavier_uniform_, Linear(5,3) normal_ (15
elements: 8 pairs, one sine left in the cache), Linear(3,4) default, Linear(4,3) xavier_normal_ (12 elements,
starts with the cached sine), Linear(3,8) kaiming_normal_ (24 elements: the AVX2 path), Linear(8,2)
kaiming_uniform_; seed 5.

Parameters are torch.cat([p.flatten() for p in model.parameters()]); "sha256" is of their float32
little-endian bytes. Writes examples/src/test/resources/reference/lab09_init_adam.txt.
Run: /usr/bin/python3 reference/lab09_init_adam.py
"""
import hashlib
import platform

import numpy as np
import torch

OUT = "examples/src/test/resources/reference/lab09_init_adam.txt"
STRIDE = 97  # parameters after the Adam step are recorded every STRIDE-th, and the last layer in full


def flat(layers):
    return torch.cat([p.detach().flatten() for l in layers for p in l.parameters()]).numpy().astype(np.float32)


def sha(values):
    return hashlib.sha256(values.astype("<f4").tobytes()).hexdigest()


def hexes(values):
    return [float(v).hex() for v in values]


def main():
    torch.set_num_threads(1)
    lines = ["# create(seed) with initialisers, and one Adam step of lab-09_3's net, PyTorch " + torch.__version__
             + ", CPU, float32, torch.get_num_threads() = " + str(torch.get_num_threads()),
             "# written by reference/lab09_init_adam.py (/usr/bin/python3 reference/lab09_init_adam.py); python "
             + platform.python_version() + ", numpy " + np.__version__,
             "# format: key value value ...; floats are float32 as hex; sha256 of the float32 little-endian bytes"]

    torch.manual_seed(777)
    linear1 = torch.nn.Linear(784, 256, bias=True)
    linear2 = torch.nn.Linear(256, 256, bias=True)
    linear3 = torch.nn.Linear(256, 10, bias=True)
    relu = torch.nn.ReLU()
    torch.nn.init.xavier_uniform_(linear1.weight)
    torch.nn.init.xavier_uniform_(linear2.weight)
    torch.nn.init.xavier_uniform_(linear3.weight)
    layers = [linear1, linear2, linear3]
    model = torch.nn.Sequential(linear1, relu, linear2, relu, linear3)
    p0 = flat(layers)
    lines.append("xavier.count %d" % p0.size)
    lines.append("xavier.init.sha256 " + sha(p0))
    lines.append("xavier.init.head " + " ".join(hexes(p0[:8])))
    x = (torch.arange(100 * 784, dtype=torch.int64) * 7919 % 256).to(torch.float32).div(256).reshape(100, 784)
    labels = torch.arange(100, dtype=torch.int64) * 7 % 10
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    optimizer.zero_grad()
    cost = torch.nn.CrossEntropyLoss()(model(x), labels)
    cost.backward()
    optimizer.step()
    p1 = flat(layers)
    lines.append("xavier.adam.loss " + float(cost.item()).hex() + " " + repr(cost.item()))
    lines.append("xavier.adam.sha256 " + sha(p1))
    lines.append("xavier.adam.stride %d" % STRIDE)
    sampled = p1[::STRIDE]
    for i in range(0, sampled.size, 8):
        lines.append("xavier.adam.sampled " + " ".join(hexes(sampled[i:i + 8])))
    last = p1[-(256 * 10 + 10):]
    for i in range(0, last.size, 8):
        lines.append("xavier.adam.linear3 " + " ".join(hexes(last[i:i + 8])))

    torch.manual_seed(5)
    shapes = [(6, 5), (5, 3), (3, 4), (4, 3), (3, 8), (8, 2)]
    mix = [torch.nn.Linear(i, o) for i, o in shapes]
    torch.nn.init.xavier_uniform_(mix[0].weight)
    torch.nn.init.normal_(mix[1].weight)
    torch.nn.init.xavier_normal_(mix[3].weight)
    torch.nn.init.kaiming_normal_(mix[4].weight)
    torch.nn.init.kaiming_uniform_(mix[5].weight)
    pm = flat(mix)
    lines.append("mix.count %d" % pm.size)
    lines.append("mix.init.sha256 " + sha(pm))
    for i in range(0, pm.size, 8):
        lines.append("mix.init " + " ".join(hexes(pm[i:i + 8])))

    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
