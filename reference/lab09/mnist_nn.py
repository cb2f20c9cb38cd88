# lab-09_2 "MNIST and NN" (deeplearningzerotoall/PyTorch, lab-09_2_mnist_nn.ipynb at commit
# 4a819e55a49a408efd9eaa9512783de8d503447f, the version on master), run on Fashion-MNIST.
# Model: Linear(784, 256) -> ReLU -> Linear(256, 256) -> ReLU -> Linear(256, 10), every weight re-drawn by
# normal_ (N(0, 1): hence the huge first costs), CrossEntropyLoss, Adam(lr=0.001), 15 epochs of batches of 100
# (shuffle, drop_last), then accuracy and one random test sample.
#
# Faithful to the notebook: seeds (random.seed(111), not 777, and torch.manual_seed(777)), the order of every
# draw from the global generator (the three Linear layers' default inits in construction order, weight then
# bias each; then normal_ on linear1..3.weight; then two draws per loader pass),
# hyperparameters, avg_cost accumulated as float32 tensors (`avg_cost += cost / total_batch`, graph included),
# the printed lines, and the test on RAW 0-255 pixels (`test_data.view(-1, 784).float()`, not / 255),
# which is what the notebook's printed accuracy measures.
# Unavoidable deviations: Fashion-MNIST instead of MNIST, read from the IDX .gz files with gzip + numpy
# (fashion_mnist.py) instead of torchvision; CPU only (the notebook's `device` is 'cpu' here, the
# torch.cuda seeding never runs); torch.set_num_threads(1).
# Writes examples/src/test/resources/reference/lab09/mnist-nn.{txt,out} (see README.md).
#
# Run: /usr/bin/python3 reference/lab09/mnist_nn.py --data data/fashion-mnist
import random

import torch

import fashion_mnist
import lab09_trace

args = lab09_trace.arguments('lab-09_2 MNIST NN on Fashion-MNIST', epochs=15)
torch.set_num_threads(args.threads)
trace = lab09_trace.Trace('mnist-nn', 'lab-09_2_mnist_nn.ipynb',
                          '4a819e55a49a408efd9eaa9512783de8d503447f', args,
                          notes=['test accuracy on raw 0-255 pixels, as the notebook computes it'])
device = 'cpu'

# for reproducibility
random.seed(111)
torch.manual_seed(777)

# parameters
learning_rate = 0.001
training_epochs = args.epochs
batch_size = 100

# MNIST dataset (here: Fashion-MNIST, ToTensor applied)
mnist_train = fashion_mnist.FashionMnist(args.data, train=True)
mnist_test = fashion_mnist.FashionMnist(args.data, train=False)

# dataset loader
data_loader = torch.utils.data.DataLoader(dataset=mnist_train,
                                          batch_size=batch_size,
                                          shuffle=True,
                                          drop_last=True)

# nn layers (each draws its default init: weight kaiming-uniform, then bias)
linear1 = torch.nn.Linear(784, 256, bias=True)
linear2 = torch.nn.Linear(256, 256, bias=True)
linear3 = torch.nn.Linear(256, 10, bias=True)
relu = torch.nn.ReLU()

# Initialization (draws every weight again, N(0, 1); the biases keep their default init)
torch.nn.init.normal_(linear1.weight)
torch.nn.init.normal_(linear2.weight)
torch.nn.init.normal_(linear3.weight)

# model
model = torch.nn.Sequential(linear1, relu, linear2, relu, linear3).to(device)
LAYERS = {'linear1': linear1, 'linear2': linear2, 'linear3': linear3}
for name, layer in LAYERS.items():
    trace.tensor('init', name + '.weight', layer.weight)
    trace.tensor('init', name + '.bias', layer.bias)

# define cost/loss & optimizer
criterion = torch.nn.CrossEntropyLoss().to(device)    # Softmax is internally computed.
optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)

total_batch = len(data_loader)
for epoch in range(training_epochs):
    avg_cost = 0

    for batch, (X, Y) in enumerate(data_loader, start=1):
        # reshape input image into [batch_size by 784]
        # label is not one-hot encoded
        X = X.view(-1, 28 * 28).to(device)
        Y = Y.to(device)

        optimizer.zero_grad()
        hypothesis = model(X)
        cost = criterion(hypothesis, Y)
        cost.backward()
        optimizer.step()

        avg_cost += cost / total_batch
        if batch == 1:
            trace.line('batch-labels', epoch + 1, batch, *Y.tolist())
        if epoch == 0:
            trace.value('step', epoch + 1, batch, cost.item())

    print('Epoch:', '%04d' % (epoch + 1), 'cost =', '{:.9f}'.format(avg_cost))
    trace.value('epoch', epoch + 1, avg_cost.item())

print('Learning finished')
for name, layer in LAYERS.items():
    trace.tensor('final', name + '.weight', layer.weight)
    trace.tensor('final', name + '.bias', layer.bias)

# Test the model using test sets
with torch.no_grad():
    X_test = mnist_test.test_data.view(-1, 28 * 28).float().to(device)
    Y_test = mnist_test.test_labels.to(device)

    prediction = model(X_test)
    correct_prediction = torch.argmax(prediction, 1) == Y_test
    accuracy = correct_prediction.float().mean()
    print('Accuracy:', accuracy.item())
    trace.line('accuracy', accuracy.item())

    # Get one and predict
    r = random.randint(0, len(mnist_test) - 1)
    X_single_data = mnist_test.test_data[r:r + 1].view(-1, 28 * 28).float().to(device)
    Y_single_data = mnist_test.test_labels[r:r + 1].to(device)

    print('Label: ', Y_single_data.item())
    single_prediction = model(X_single_data)
    print('Prediction: ', torch.argmax(single_prediction, 1).item())
    trace.line('sample', r)
    trace.line('label', Y_single_data.item())
    trace.line('prediction', torch.argmax(single_prediction, 1).item())

trace.close()
