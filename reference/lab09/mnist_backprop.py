# lab-10-X1 "MNIST back-propagation" (deeplearningzerotoall/PyTorch, CNN/lab-10-X1-mnist_back_prop.ipynb at
# commit 59e34fa55bdbdc36f660f06c7730d58a55a9598c, branch CNN-2; master later renamed it
# lab-08_4_mnist_back_prop.ipynb and sigma to sigmoid, same computation), run on Fashion-MNIST.
# The chain rule written by hand in torch tensors, 784-30-10 with sigmoids, no autograd, no loss:
#   l1 = X·w1 + b1, a1 = sigma(l1), l2 = a1·w2 + b2, y_pred = sigma(l2), diff = y_pred - Y (Y one-hot)
#   d_l2 = diff * sigma'(l2), d_w2 = a1ᵀ·d_l2, d_a1 = d_l2·w2ᵀ, d_l1 = d_a1 * sigma'(l1), d_w1 = Xᵀ·d_l1
#   w -= 0.5 * d_w (SUMS over the batch), b -= 0.5 * mean(d_b, 0) (MEANS over the batch)
# i.e. the gradient of 0.5 * Σ diff² for the weights, of that over the batch size for the biases.
# Quirks kept: w1 (784x30, stored as in x out, so X·w1), b1, w2, b2 are torch.Tensor(...) (uninitialised
# memory) wrapped in Parameter, then all four drawn by normal_ (N(0, 1), b2 with its 10 elements by torch's
# scalar path, the others by the vectorised 16-at-a-time one); sigma(x) = 1.0 / (1.0 + exp(-x)) written out,
# which torch evaluates as reciprocal(1 + exp(-x)) * 1.0, and sigma'(x) = sigma(x) * (1 - sigma(x)) evaluated
# again from l; batches of 10 (shuffle, drop_last) with learning_rate 0.5; the loop
# `while not i == 10000: for X, Y in data_loader:` runs 6000 steps of the first loader pass and 4000 of a
# second (each pass draws from the global generator when it starts), then breaks; every 1000 steps it prints
# how many of the FIRST 1000 test images, in RAW 0-255 pixels (`test_data...float()[:1000]`, not / 255), the
# network classifies right (a count out of 1000, not a fraction).
# Unavoidable deviations: Fashion-MNIST instead of MNIST, read from the IDX .gz files with gzip + numpy
# (fashion_mnist.py) instead of torchvision; CPU only (the notebook's `device` is 'cpu' here, the
# torch.cuda seeding never runs); torch.set_num_threads(1). Also: the notebook's updates
# (`w1 = w1 - learning_rate * d_w1` on Parameters) record an autograd graph that grows for all 10000 steps
# and is never used; here the loop runs under torch.no_grad(), which runs the same kernels on the same
# values (checked: --autograd keeps the graph, as the notebook does, and gives identical bits) without
# holding every step's tensors in memory.
# Trace: the notebook prints no loss, so `step` lines record 0.5 * Σ diff² (the quantity whose gradient
# the chain rule computes), summed in float64 over the batch's float32 diff in row-major order; `params`
# lines give each parameter's sha256 every 1000 steps. Writes
# examples/src/test/resources/reference/lab09/mnist-backprop.{txt,out} (see README.md).
#
# Run: /usr/bin/python3 reference/lab09/mnist_backprop.py --data data/fashion-mnist
import contextlib
import sys

import numpy as np
import torch

import fashion_mnist
import lab09_trace

autograd = '--autograd' in sys.argv   # keep the notebook's ever-growing autograd graph (slow, memory-hungry)
if autograd:
    sys.argv.remove('--autograd')
args = lab09_trace.arguments('lab-10-X1 MNIST back-propagation on Fashion-MNIST', epochs=None)
torch.set_num_threads(args.threads)
trace = lab09_trace.Trace('mnist-backprop', 'CNN/lab-10-X1-mnist_back_prop.ipynb',
                          '59e34fa55bdbdc36f660f06c7730d58a55a9598c', args,
                          notes=['10000 steps: 6000 in loader pass 1 (all traced as step 1 <i>), 4000 in pass 2',
                                 'step <pass> <i> <hex> <decimal>: 0.5 * sum(diff^2), float64, before the update',
                                 'batch-labels <pass> <i> <labels>: the first batch of each loader pass',
                                 'accuracy <i> <count>: correct among the first 1000 raw-pixel test images',
                                 'params <i> <name> <sha256>: after the update of step i',
                                 f'autograd graph kept: {autograd}'])
device = 'cpu'

# for reproducibility
torch.manual_seed(777)

# parameters
learning_rate = 0.5
batch_size = 10

# MNIST dataset (here: Fashion-MNIST, ToTensor applied)
mnist_train = fashion_mnist.FashionMnist(args.data, train=True)
mnist_test = fashion_mnist.FashionMnist(args.data, train=False)

# dataset loader
data_loader = torch.utils.data.DataLoader(dataset=mnist_train,
                                          batch_size=batch_size,
                                          shuffle=True,
                                          drop_last=True)

w1 = torch.nn.Parameter(torch.Tensor(784, 30)).to(device)   # uninitialised memory; no draws
b1 = torch.nn.Parameter(torch.Tensor(30)).to(device)
w2 = torch.nn.Parameter(torch.Tensor(30, 10)).to(device)
b2 = torch.nn.Parameter(torch.Tensor(10)).to(device)

torch.nn.init.normal_(w1)
torch.nn.init.normal_(b1)
torch.nn.init.normal_(w2)
torch.nn.init.normal_(b2)
for name, tensor in (('w1', w1), ('b1', b1), ('w2', w2), ('b2', b2)):
    trace.tensor('init', name, tensor)


def sigma(x):
    #  sigmoid function
    return 1.0 / (1.0 + torch.exp(-x))


def sigma_prime(x):
    # derivative of the sigmoid function
    return sigma(x) * (1 - sigma(x))


def half_squared_error(diff):
    return 0.5 * float(np.sum(np.square(diff.detach().numpy().astype(np.float64).reshape(-1))))


X_test = mnist_test.test_data.view(-1, 28 * 28).float().to(device)[:1000]
Y_test = mnist_test.test_labels.to(device)[:1000]
passes = 0
with contextlib.nullcontext() if autograd else torch.no_grad():
    i = 0
    while not i == 10000:
        passes += 1
        for X, Y in data_loader:
            i += 1

            # forward
            X = X.view(-1, 28 * 28).to(device)
            Y = torch.zeros((batch_size, 10)).scatter_(1, Y.unsqueeze(1), 1).to(device)    # one-hot
            l1 = torch.add(torch.matmul(X, w1), b1)
            a1 = sigma(l1)
            l2 = torch.add(torch.matmul(a1, w2), b2)
            y_pred = sigma(l2)

            diff = y_pred - Y
            if i in (1, 6001):
                trace.line('batch-labels', passes, i, *torch.argmax(Y, 1).tolist())
            if passes == 1:
                trace.value('step', passes, i, half_squared_error(diff))

            # Back prop (chain rule)
            d_l2 = diff * sigma_prime(l2)
            d_b2 = d_l2
            d_w2 = torch.matmul(torch.transpose(a1, 0, 1), d_l2)

            d_a1 = torch.matmul(d_l2, torch.transpose(w2, 0, 1))
            d_l1 = d_a1 * sigma_prime(l1)
            d_b1 = d_l1
            d_w1 = torch.matmul(torch.transpose(X, 0, 1), d_l1)

            w1 = w1 - learning_rate * d_w1
            b1 = b1 - learning_rate * torch.mean(d_b1, 0)
            w2 = w2 - learning_rate * d_w2
            b2 = b2 - learning_rate * torch.mean(d_b2, 0)

            if i % 1000 == 0:
                l1 = torch.add(torch.matmul(X_test, w1), b1)
                a1 = sigma(l1)
                l2 = torch.add(torch.matmul(a1, w2), b2)
                y_pred = sigma(l2)
                acct_mat = torch.argmax(y_pred, 1) == Y_test
                acct_res = acct_mat.sum()
                print(acct_res.item())
                trace.line('accuracy', i, acct_res.item())
                for name, tensor in (('w1', w1), ('b1', b1), ('w2', w2), ('b2', b2)):
                    trace.line('params', i, name, lab09_trace.sha256(tensor))

            if i == 10000:
                break

for name, tensor in (('w1', w1), ('b1', b1), ('w2', w2), ('b2', b2)):
    trace.tensor('final', name, tensor)
trace.close()
