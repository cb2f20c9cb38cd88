# lab-09_6 "MNIST and batch normalization" (deeplearningzerotoall/PyTorch, lab-09_6_mnist_batchnorm.ipynb at
# commit 4a819e55a49a408efd9eaa9512783de8d503447f, the version on master: Linear -> BatchNorm -> ReLU; the
# first versions ordered Linear -> ReLU -> BatchNorm; 7db73cc on pull request #35 has the same code as
# master), run on Fashion-MNIST.
# Two models trained side by side on the same batches, each with its own Adam(lr=0.01):
#   bn_model: Linear(784, 32) -> BatchNorm1d(32) -> ReLU -> Linear(32, 32) -> BatchNorm1d(32) -> ReLU
#             -> Linear(32, 10)
#   nn_model: Linear(784, 32) -> ReLU -> Linear(32, 32) -> ReLU -> Linear(32, 10)
# default inits only (no init.* calls), CrossEntropyLoss, 10 epochs of batches of 32 (shuffle, drop_last).
# After each epoch, in eval mode and without gradients, both models are measured on the TRAINING data
# (a second pass over the shuffled train loader) and on the test data (test_loader: batches of 32,
# shuffle=False, drop_last=True, so 312 batches and the last 16 test images are never seen), and the
# notebook prints mean loss and mean accuracy over the batches.
#
# Faithful to the notebook: torch.manual_seed(1) (no Python random here), the order of every draw from the
# global generator (bn_model's linear1, linear2, linear3, then nn_model's nn_linear1..3, each weight then bias;
# BatchNorm1d draws nothing; then per epoch: the training pass takes two draws, the evaluation pass over the
# train loader two more, the test loader one), the per-step order (bn_model's step, then nn_model's step on
# the same X, Y), bn_model.train() / bn_model.eval() as placed in the notebook, the loss and accuracy sums
# accumulated as float32 tensors and divided by the batch counts, the printed lines. The test data here is
# ToTensor'd (pixel / 255): the notebook reads it through test_loader, unlike labs 1-5.
# Unavoidable deviations: Fashion-MNIST instead of MNIST, read from the IDX .gz files with gzip + numpy
# (fashion_mnist.py) instead of torchvision; CPU only (the notebook's `device` is 'cpu' here, the
# torch.cuda seeding never runs); torch.set_num_threads(1); the plotting cells are left out (matplotlib
# only draws the lists the training cell fills).
# Writes examples/src/test/resources/reference/lab09/mnist-batchnorm.{txt,out} (see README.md).
#
# Run: /usr/bin/python3 reference/lab09/mnist_batchnorm.py --data data/fashion-mnist
import torch

import fashion_mnist
import lab09_trace

args = lab09_trace.arguments('lab-09_6 MNIST batch normalization on Fashion-MNIST', epochs=10)
torch.set_num_threads(args.threads)
trace = lab09_trace.Trace('mnist-batchnorm', 'lab-09_6_mnist_batchnorm.ipynb',
                          '4a819e55a49a408efd9eaa9512783de8d503447f', args,
                          notes=['records prefixed bn- are bn_model\'s, nn- are nn_model\'s',
                                 'batch-labels / eval-batch-labels: labels of the first batch of the training '
                                 'pass / of the evaluation pass over the training data, per epoch',
                                 'bn-train/nn-train: epoch, mean loss hex, decimal, mean accuracy hex, decimal '
                                 'over the training data; bn-valid/nn-valid: the same over test_loader'])
device = 'cpu'

# for reproducibility
torch.manual_seed(1)

# parameters
learning_rate = 0.01
training_epochs = args.epochs
batch_size = 32

# MNIST dataset (here: Fashion-MNIST, ToTensor applied)
mnist_train = fashion_mnist.FashionMnist(args.data, train=True)
mnist_test = fashion_mnist.FashionMnist(args.data, train=False)

# dataset loader
train_loader = torch.utils.data.DataLoader(dataset=mnist_train,
                                           batch_size=batch_size,
                                           shuffle=True,
                                           drop_last=True)

test_loader = torch.utils.data.DataLoader(dataset=mnist_test,
                                          batch_size=batch_size,
                                          shuffle=False,
                                          drop_last=True)

# nn layers (each Linear draws its default init: weight kaiming-uniform, then bias)
linear1 = torch.nn.Linear(784, 32, bias=True)
linear2 = torch.nn.Linear(32, 32, bias=True)
linear3 = torch.nn.Linear(32, 10, bias=True)
relu = torch.nn.ReLU()
bn1 = torch.nn.BatchNorm1d(32)   # weight 1, bias 0, running_mean 0, running_var 1; momentum 0.1, eps 1e-5
bn2 = torch.nn.BatchNorm1d(32)

nn_linear1 = torch.nn.Linear(784, 32, bias=True)
nn_linear2 = torch.nn.Linear(32, 32, bias=True)
nn_linear3 = torch.nn.Linear(32, 10, bias=True)

# model
bn_model = torch.nn.Sequential(linear1, bn1, relu,
                               linear2, bn2, relu,
                               linear3).to(device)
nn_model = torch.nn.Sequential(nn_linear1, relu,
                               nn_linear2, relu,
                               nn_linear3).to(device)
TENSORS = {  # name -> tensor, bn_model's then nn_model's, in construction order
    'linear1.weight': linear1.weight, 'linear1.bias': linear1.bias,
    'linear2.weight': linear2.weight, 'linear2.bias': linear2.bias,
    'linear3.weight': linear3.weight, 'linear3.bias': linear3.bias,
    'bn1.weight': bn1.weight, 'bn1.bias': bn1.bias, 'bn1.running_mean': bn1.running_mean,
    'bn1.running_var': bn1.running_var,
    'bn2.weight': bn2.weight, 'bn2.bias': bn2.bias, 'bn2.running_mean': bn2.running_mean,
    'bn2.running_var': bn2.running_var,
    'nn_linear1.weight': nn_linear1.weight, 'nn_linear1.bias': nn_linear1.bias,
    'nn_linear2.weight': nn_linear2.weight, 'nn_linear2.bias': nn_linear2.bias,
    'nn_linear3.weight': nn_linear3.weight, 'nn_linear3.bias': nn_linear3.bias,
}
for name, tensor in TENSORS.items():
    trace.tensor('init', name, tensor)

# define cost/loss & optimizer
criterion = torch.nn.CrossEntropyLoss().to(device)    # Softmax is internally computed.
bn_optimizer = torch.optim.Adam(bn_model.parameters(), lr=learning_rate)
nn_optimizer = torch.optim.Adam(nn_model.parameters(), lr=learning_rate)

# Save Losses and Accuracies every epoch
# We are going to plot them later
train_losses = []
train_accs = []

valid_losses = []
valid_accs = []


def trace_means(record, epoch, loss, acc):
    trace.line(record, epoch, lab09_trace.hexf(loss.item()), lab09_trace.decimal(loss.item()),
               lab09_trace.hexf(acc.item()), lab09_trace.decimal(acc.item()))


train_total_batch = len(train_loader)
test_total_batch = len(test_loader)
for epoch in range(training_epochs):
    bn_model.train()  # set the model to train mode

    for batch, (X, Y) in enumerate(train_loader, start=1):
        # reshape input image into [batch_size by 784]
        # label is not one-hot encoded
        X = X.view(-1, 28 * 28).to(device)
        Y = Y.to(device)

        bn_optimizer.zero_grad()
        bn_prediction = bn_model(X)
        bn_loss = criterion(bn_prediction, Y)
        bn_loss.backward()
        bn_optimizer.step()

        nn_optimizer.zero_grad()
        nn_prediction = nn_model(X)
        nn_loss = criterion(nn_prediction, Y)
        nn_loss.backward()
        nn_optimizer.step()

        if batch == 1:
            trace.line('batch-labels', epoch + 1, batch, *Y.tolist())
        if epoch == 0:
            trace.value('bn-step', epoch + 1, batch, bn_loss.item())
            trace.value('nn-step', epoch + 1, batch, nn_loss.item())

    with torch.no_grad():
        bn_model.eval()     # set the model to evaluation mode

        # Test the model using train sets
        bn_loss, nn_loss, bn_acc, nn_acc = 0, 0, 0, 0
        for i, (X, Y) in enumerate(train_loader):
            X = X.view(-1, 28 * 28).to(device)
            Y = Y.to(device)

            bn_prediction = bn_model(X)
            bn_correct_prediction = torch.argmax(bn_prediction, 1) == Y
            bn_loss += criterion(bn_prediction, Y)
            bn_acc += bn_correct_prediction.float().mean()

            nn_prediction = nn_model(X)
            nn_correct_prediction = torch.argmax(nn_prediction, 1) == Y
            nn_loss += criterion(nn_prediction, Y)
            nn_acc += nn_correct_prediction.float().mean()
            if i == 0:
                trace.line('eval-batch-labels', epoch + 1, i + 1, *Y.tolist())

        bn_loss, nn_loss, bn_acc, nn_acc = bn_loss / train_total_batch, nn_loss / train_total_batch, bn_acc / train_total_batch, nn_acc / train_total_batch

        # Save train losses/acc
        train_losses.append([bn_loss, nn_loss])
        train_accs.append([bn_acc, nn_acc])
        print(
            '[Epoch %d-TRAIN] Batchnorm Loss(Acc): bn_loss:%.5f(bn_acc:%.2f) vs No Batchnorm Loss(Acc): nn_loss:%.5f(nn_acc:%.2f)' % (
            (epoch + 1), bn_loss.item(), bn_acc.item(), nn_loss.item(), nn_acc.item()))
        trace_means('bn-train', epoch + 1, bn_loss, bn_acc)
        trace_means('nn-train', epoch + 1, nn_loss, nn_acc)
        # Test the model using test sets
        bn_loss, nn_loss, bn_acc, nn_acc = 0, 0, 0, 0
        for i, (X, Y) in enumerate(test_loader):
            X = X.view(-1, 28 * 28).to(device)
            Y = Y.to(device)

            bn_prediction = bn_model(X)
            bn_correct_prediction = torch.argmax(bn_prediction, 1) == Y
            bn_loss += criterion(bn_prediction, Y)
            bn_acc += bn_correct_prediction.float().mean()

            nn_prediction = nn_model(X)
            nn_correct_prediction = torch.argmax(nn_prediction, 1) == Y
            nn_loss += criterion(nn_prediction, Y)
            nn_acc += nn_correct_prediction.float().mean()

        bn_loss, nn_loss, bn_acc, nn_acc = bn_loss / test_total_batch, nn_loss / test_total_batch, bn_acc / test_total_batch, nn_acc / test_total_batch

        # Save valid losses/acc
        valid_losses.append([bn_loss, nn_loss])
        valid_accs.append([bn_acc, nn_acc])
        print(
            '[Epoch %d-VALID] Batchnorm Loss(Acc): bn_loss:%.5f(bn_acc:%.2f) vs No Batchnorm Loss(Acc): nn_loss:%.5f(nn_acc:%.2f)' % (
                (epoch + 1), bn_loss.item(), bn_acc.item(), nn_loss.item(), nn_acc.item()))
        trace_means('bn-valid', epoch + 1, bn_loss, bn_acc)
        trace_means('nn-valid', epoch + 1, nn_loss, nn_acc)
        print()

print('Learning finished')
for name, tensor in TENSORS.items():
    trace.tensor('final', name, tensor)

trace.close()
