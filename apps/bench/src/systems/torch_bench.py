"""PyTorch child of the gradlab benchmark (see ../protocol.ts for the conversation).

Run by the parent as `/usr/bin/python3 torch_bench.py '<job json>'`. It reads
the same binary inputs as the TypeScript children, writes its probe outputs as
float64 files, waits for `go` or `stop` on stdin, then times with the same
plan as ../timing.ts and prints one `@@bench {...}` result line.
"""
import array
import json
import os
import resource
import sys
import time
import traceback

import torch

PREFIX = "@@bench "


def send(message):
    sys.stdout.write(PREFIX + json.dumps(message) + "\n")
    sys.stdout.flush()


def read_data(data_dir):
    with open(os.path.join(data_dir, "manifest.json")) as f:
        manifest = json.load(f)
    arrays = {}
    for spec in manifest["arrays"]:
        values = array.array("i" if spec["dtype"] == "int32" else "f")
        with open(os.path.join(data_dir, spec["name"] + ".bin"), "rb") as f:
            values.frombytes(f.read())
        dtype = torch.int64 if spec["dtype"] == "int32" else torch.float32
        arrays[spec["name"]] = torch.tensor(values.tolist(), dtype=dtype).reshape(spec["shape"])
    return manifest, arrays


def write_probe(probe_dir, name, tensor):
    os.makedirs(probe_dir, exist_ok=True)
    values = array.array("d", tensor.detach().double().reshape(-1).tolist())
    with open(os.path.join(probe_dir, name + ".f64"), "wb") as f:
        f.write(values.tobytes())


def linear(arrays, weight, bias):
    w = arrays[weight]
    layer = torch.nn.Linear(w.shape[1], w.shape[0], bias=bias is not None)
    with torch.no_grad():
        layer.weight.copy_(w)
        if bias is not None:
            layer.bias.copy_(arrays[bias])
    return layer


class ScalarFormula:
    def __init__(self, arrays, settings):
        self.data = arrays["x"].tolist()

    def step(self):
        x = torch.tensor(self.data, requires_grad=True)
        y = torch.log(torch.exp(x[0] * x[1]) ** 2 + torch.sin(x[2] + x[3] + x[4]) * x[4])
        y.backward()
        self.grad = x.grad.tolist()
        self.y = y

    def probe(self):
        return {"y": self.y.reshape(1), "grad": torch.tensor(self.grad, dtype=torch.float64)}


class HomeworkMlp:
    def __init__(self, arrays, settings):
        self.x = arrays["x"]
        self.onehot = torch.nn.functional.one_hot(arrays["labels"], num_classes=4)
        layers = []
        for l in range(1, 6):
            layers.append(linear(arrays, "w%d" % l, None))
            layers.append(torch.nn.ReLU() if l < 5 else torch.nn.Softmax(dim=1))
        self.model = torch.nn.Sequential(*layers)
        self.linears = [m for m in self.model if isinstance(m, torch.nn.Linear)]

    def step(self):
        self.model.zero_grad(set_to_none=True)
        loss = -torch.sum(self.onehot * torch.log(self.model(self.x)))
        loss.backward()
        self.loss = loss.item()

    def probe(self):
        out = {"loss": torch.tensor([self.loss])}
        for l, layer in enumerate(self.linears):
            out["grad.w%d" % (l + 1)] = layer.weight.grad
        return out


class TrainingStep:
    def __init__(self, arrays, settings):
        self.x = arrays["x"]
        self.labels = arrays["labels"]
        self.linears = [linear(arrays, "w%d" % l, "b%d" % l) for l in (1, 2, 3)]
        l1, l2, l3 = self.linears
        self.model = torch.nn.Sequential(l1, torch.nn.ReLU(), l2, torch.nn.ReLU(), l3)
        self.optimizer = torch.optim.SGD(self.model.parameters(), lr=settings["lr"])

    def step(self):
        self.optimizer.zero_grad(set_to_none=True)
        loss = torch.nn.functional.cross_entropy(self.model(self.x), self.labels)
        loss.backward()
        self.optimizer.step()
        self.loss = loss.item()

    def probe(self):
        out = {"loss": torch.tensor([self.loss])}
        for l, layer in enumerate(self.linears):
            out["grad.w%d" % (l + 1)] = layer.weight.grad
            out["grad.b%d" % (l + 1)] = layer.bias.grad
            out["param.w%d" % (l + 1)] = layer.weight
            out["param.b%d" % (l + 1)] = layer.bias
        return out


class Matmul:
    def __init__(self, arrays, settings):
        self.a = arrays["a"]
        self.b = arrays["b"]

    def step(self):
        self.c = torch.matmul(self.a, self.b)

    def probe(self):
        return {"c": self.c}


RUNNERS = {"W1": ScalarFormula, "W2": HomeworkMlp, "W3": TrainingStep, "W3-512": TrainingStep, "W4-256": Matmul, "W4-512": Matmul, "W4-1024": Matmul, "W4-2048": Matmul}


def measure(step, plan):
    """Mirrors measure() in ../timing.ts."""
    clock = time.process_time if plan.get("clock") == "cpu" else time.perf_counter
    warmup_iterations = 0
    warmup_start = clock()
    last = float("inf")
    while True:
        t0 = clock()
        step()
        last = clock() - t0
        warmup_iterations += 1
        if warmup_iterations >= plan["minWarmupIterations"] and clock() - warmup_start >= plan["warmupSeconds"]:
            break
    average = (clock() - warmup_start) / warmup_iterations
    per_iteration = max(min(average, last), 1e-9)
    iterations = max(1, round(plan["repeatSeconds"] / per_iteration))
    affordable = int(plan["budgetSeconds"] // (per_iteration * iterations))
    repeats = max(min(plan["repeats"], affordable), min(3, plan["repeats"]))
    samples = []
    for _ in range(repeats):
        t0 = clock()
        for _ in range(iterations):
            step()
        samples.append((clock() - t0) / iterations)
    return {"samples": samples, "iterationsPerRepeat": iterations, "warmupIterations": warmup_iterations}


def main():
    job = json.loads(sys.argv[1])
    setup_start = time.perf_counter()
    baseline_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    manifest, arrays = read_data(job["dataDir"])
    runner = RUNNERS[job["workload"]](arrays, manifest["settings"])
    runner.step()
    probes = runner.probe()
    for name, tensor in probes.items():
        write_probe(job["probeDir"], name, tensor)
    info = {"version": torch.__version__, "threads": torch.get_num_threads()}
    send({"type": "ready", "probes": list(probes), "info": info, "setupSeconds": time.perf_counter() - setup_start})
    if sys.stdin.readline().strip() != "go":
        return
    timing = measure(runner.step, job["plan"])
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    send({"type": "result", "timing": timing, "maxRssKiB": max_rss, "baselineRssKiB": baseline_rss})


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # reported to the parent, which marks the system failed
        send({"type": "error", "message": "%s\n%s" % (error, traceback.format_exc())})
        sys.exit(1)
