# Reference for chainrule's Adam: the lecture's xor-nn (lab-08_2) trained with torch.optim.Adam instead of SGD.
# PyTorch 1.13.1 CPU (Debian: apt-get install -y python3-torch), run: /usr/bin/python3 adam_xor_nn.py > adam_xor_nn.txt
import torch

torch.set_num_threads(1)
torch.manual_seed(777)
X = torch.FloatTensor([[0, 0], [0, 1], [1, 0], [1, 1]])
Y = torch.FloatTensor([[0], [1], [1], [0]])
model = torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Sigmoid(), torch.nn.Linear(2, 1), torch.nn.Sigmoid())
criterion = torch.nn.BCELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.03, betas=(0.9, 0.999), eps=1e-8)
for step in range(1001):
    optimizer.zero_grad()
    cost = criterion(model(X), Y)
    cost.backward()
    optimizer.step()
    if step % 50 == 0:
        print(step, cost.item())
print('# params', [float(v).hex() for p in model.parameters() for v in p.detach().reshape(-1).tolist()])
