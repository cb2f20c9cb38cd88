"""Reference traces of the lab-09 scripts, written for the Java side to parse.

A trace is text: `#` lines are comments (what produced it), every other line is whitespace-separated fields,
the first naming the record (`init`, `init-sha256`, `step`, `epoch`, `accuracy`, ...; see README.md).
Floats appear twice, as Python's exact hex (`float.hex()`, which Java's `Float.parseFloat`/`Double.parseDouble`
read) and as the decimal `repr` PyTorch's `.item()` prints. Tensors are float32; their sha256 is over
the little-endian float32 bytes in row-major order.

`Tee` copies everything the script prints into `<program>.out`, so a Java run can be laid beside it.
"""
import argparse
import hashlib
import io
import os
import platform
import subprocess
import sys

import numpy as np
import torch

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_DATA = os.path.join(REPO, 'data', 'fashion-mnist')
DEFAULT_TRACE_DIR = os.path.join(REPO, 'examples', 'src', 'test', 'resources', 'reference', 'lab09')

# Tensors with at most this many elements are written whole on `init` lines; larger ones by sha256.
WHOLE_TENSOR_LIMIT = 64
SHA_PREFIX_VALUES = 16


def arguments(description, epochs, notebooks=None, notebook=None):
    """The command line every lab-09 script takes; --epochs, --threads and --trace-dir exist for experiments,
    --epochs only where the notebook counts epochs (`epochs` not None), --notebook only where a notebook has
    versions worth running (`notebooks`, default `notebook`)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument('--data', default=DEFAULT_DATA,
                        help='directory with the four Fashion-MNIST *-ubyte.gz files (default: data/fashion-mnist)')
    parser.add_argument('--trace-dir', default=DEFAULT_TRACE_DIR,
                        help='where <program>.txt and <program>.out go (default: the examples test resources)')
    if epochs is not None:
        parser.add_argument('--epochs', type=int, default=epochs,
                            help=f'training epochs (default {epochs}, the notebook\'s)')
    parser.add_argument('--threads', type=int, default=1, help='torch.set_num_threads (default 1)')
    if notebooks:
        parser.add_argument('--notebook', choices=notebooks, default=notebook,
                            help=f'which version of the notebook to run (default {notebook})')
    return parser.parse_args()


def hexf(value):
    return float(value).hex()


def decimal(value):
    return repr(float(value))


def float32_bytes(tensor):
    return tensor.detach().to(torch.float32).contiguous().numpy().astype('<f4').tobytes()


def sha256(tensor):
    return hashlib.sha256(float32_bytes(tensor)).hexdigest()


def _command(args):
    try:
        return subprocess.run(args, capture_output=True, text=True, check=False).stdout
    except OSError:
        return ''


def cpu_model():
    for line in _command(['lscpu']).splitlines():
        if line.startswith('Model name:'):
            return line.split(':', 1)[1].strip()
    return platform.processor() or 'unknown'


def cpu_capability():
    for line in torch.__config__.show().splitlines():
        if 'CPU capability' in line:
            return line.strip(' -')
    return 'CPU capability unknown'


def debian_version(package):
    return _command(['dpkg-query', '-W', '-f=${Version}', package]).strip() or 'unknown'


class Tee(io.TextIOBase):
    """Writes to the real stdout and keeps a copy for <program>.out."""

    def __init__(self, stream):
        self.stream = stream
        self.copy = io.StringIO()

    def write(self, text):
        self.stream.write(text)
        self.copy.write(text)
        return len(text)

    def flush(self):
        self.stream.flush()


class Trace:
    """Collects a program's trace lines; `close()` writes <program>.txt and <program>.out."""

    def __init__(self, program, notebook, commit, args, notes=()):
        self.program = program
        self.args = args
        self.lines = []
        self.tee = Tee(sys.stdout)
        sys.stdout = self.tee
        self.comment(f'chainrule reference trace: {program}')
        self.comment(f'notebook: deeplearningzerotoall/PyTorch {notebook} at commit {commit}')
        self.comment(f'torch {torch.__version__} (Debian python3-torch {debian_version("python3-torch")}), '
                     f'numpy {np.__version__}, Python {platform.python_version()}')
        self.comment(f'BLAS: Debian libblas3 {debian_version("libblas3")} (netlib reference BLAS); '
                     f'torch {cpu_capability()}')
        self.comment(f'CPU: {cpu_model()}; torch.set_num_threads({torch.get_num_threads()})')
        self.comment(f'data: Fashion-MNIST IDX files (data/fashion-mnist/NOTICE.md) read from '
                     f'{os.path.relpath(os.path.abspath(args.data), REPO)}; pixels uint8 / 255 (float32) as ToTensor()')
        if hasattr(args, 'epochs'):
            self.comment(f'epochs: {args.epochs}')
        for note in notes:
            self.comment(note)

    def comment(self, text):
        self.lines.append(f'# {text}')

    def line(self, *fields):
        self.lines.append(' '.join(str(f) for f in fields))

    def value(self, record, *keys_then_value):
        """`record key... <hex> <decimal>` for one float."""
        *keys, value = keys_then_value
        self.line(record, *keys, hexf(value), decimal(value))

    def tensor(self, record, name, tensor):
        """`<record> name v0 v1 ...` (hex floats) for small tensors, `<record>-sha256 name sha v0..v15` otherwise."""
        values = tensor.detach().to(torch.float32).reshape(-1).tolist()
        shape = 'x'.join(str(d) for d in tensor.shape)
        if len(values) <= WHOLE_TENSOR_LIMIT:
            self.comment(f'{name}: shape {shape}, all {len(values)} values')
            self.line(record, name, *(hexf(v) for v in values))
        else:
            self.comment(f'{name}: shape {shape}, sha256 of the {len(values)} float32 little-endian values, '
                         f'then the first {SHA_PREFIX_VALUES}')
            self.line(f'{record}-sha256', name, sha256(tensor), *(hexf(v) for v in values[:SHA_PREFIX_VALUES]))

    def close(self):
        sys.stdout = self.tee.stream
        os.makedirs(self.args.trace_dir, exist_ok=True)
        with open(os.path.join(self.args.trace_dir, f'{self.program}.txt'), 'w') as f:
            f.write('\n'.join(self.lines) + '\n')
        with open(os.path.join(self.args.trace_dir, f'{self.program}.out'), 'w') as f:
            f.write(self.tee.copy.getvalue())
