# A 784-32-32-10 network with BatchNorm1d after the first two Linears (lab-09_6's master order:
# Linear -> BatchNorm1d -> ReLU), cross-entropy, three Adam(lr=0.01) steps on fixed batches of 100 rows.
# Prints each step's loss, then the running statistics of both batch norms and the evaluation-mode loss
# on all 300 rows, as float32 hex (float.hex of the float32 value). BatchNormTorchTest compares against
# batchnorm_adam.txt. Run: /usr/bin/python3 batchnorm_adam.py > batchnorm_adam.txt (torch 1.13.1, CPU).
import torch

torch.set_num_threads(1)
ROWS, INPUTS, CLASSES = 300, 784, 10


def data():
    # the same LCG as the Java test (Knuth's MMIX constants): 24-bit uniforms in [0, 1), labels mod 10
    state = 20240611
    x = []
    for _ in range(ROWS * INPUTS):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        x.append((state >> 40) / 2**24)
    labels = []
    for _ in range(ROWS):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        labels.append((state >> 33) % CLASSES)
    return torch.tensor(x, dtype=torch.float32).reshape(ROWS, INPUTS), torch.tensor(labels)


torch.manual_seed(1)
bn1 = torch.nn.BatchNorm1d(32)
bn2 = torch.nn.BatchNorm1d(32)
model = torch.nn.Sequential(torch.nn.Linear(INPUTS, 32), bn1, torch.nn.ReLU(),
                            torch.nn.Linear(32, 32), bn2, torch.nn.ReLU(),
                            torch.nn.Linear(32, CLASSES))
# BatchNorm1d draws nothing, so constructing bn1, bn2 first changes no Linear's initial values
criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
X, Y = data()
model.train()
for step in range(3):
    x, y = X[step * 100:(step + 1) * 100], Y[step * 100:(step + 1) * 100]
    optimizer.zero_grad()
    cost = criterion(model(x), y)
    cost.backward()
    optimizer.step()
    print("loss", step, float(cost.item()).hex())
    # a Linear's bias before a batch norm has a true gradient of 0 (the norm subtracts it); its float gradient is
    # rounding noise, which Adam scales to steps of about lr: the test copies these to compare the rest
    print("linear1.bias", step, " ".join(float(v).hex() for v in model[0].bias.tolist()))
    print("linear2.bias", step, " ".join(float(v).hex() for v in model[3].bias.tolist()))
for name, bn in (("bn1", bn1), ("bn2", bn2)):
    print(name + ".running_mean", " ".join(float(v).hex() for v in bn.running_mean.tolist()))
    print(name + ".running_var", " ".join(float(v).hex() for v in bn.running_var.tolist()))
model.eval()
with torch.no_grad():
    print("eval_loss", float(criterion(model(X), Y).item()).hex())
