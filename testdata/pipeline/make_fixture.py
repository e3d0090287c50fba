#!/usr/bin/python3
"""Regenerates the DVC-written state of testdata/pipeline/get-started: runs its four stages, then writes
dvc.lock, data/data.xml.dvc, the .gitignore entries and the cache objects (get-started-cache/) exactly as DVC 3.x
writes them: the lock structure of dvc/stage/serialize.py::to_single_stage_lockfile, dumped through ruamel.yaml
with DVC's dumper settings (dvc/utils/serialize/_yaml.py); hashes and .dir manifests as dvc-data computes them.

Needs Debian's python3-ruamel.yaml (DVC's own YAML library). Run from the repository root:
    /usr/bin/python3 testdata/pipeline/make_fixture.py
"""
import hashlib, json, os, shutil, subprocess, sys
from ruamel.yaml import YAML

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "get-started")
CACHE = os.path.join(os.path.dirname(HERE), "get-started-cache")
STAGES = [  # name, cmd, deps, params (keys of params.yaml), outs (path, cache)
    ("prepare", "python3 src/prepare.py data/data.xml", ["data/data.xml", "src/prepare.py"],
     ["prepare.seed", "prepare.split"], [("data/prepared", True)]),
    ("featurize", "python3 src/featurization.py data/prepared data/features",
     ["data/prepared", "src/featurization.py"], ["featurize.max_features", "featurize.ngrams"],
     [("data/features", True)]),
    ("train", "python3 src/train.py data/features model.pkl", ["data/features", "src/train.py"],
     ["train.min_split", "train.n_est", "train.seed"], [("model.pkl", True)]),
    ("evaluate", "python3 src/evaluate.py model.pkl data/features",
     ["data/features", "model.pkl", "src/evaluate.py"], [],
     [("eval/plots/prc.json", False), ("eval/metrics.json", False)]),
]
PARAMS = {"prepare": {"split": 0.20, "seed": 20170428}, "featurize": {"max_features": 400, "ngrams": 2},
          "train": {"seed": 20170428, "n_est": 50, "min_split": 0.01}}


def store(data):
    md5 = hashlib.md5(data).hexdigest()
    return md5


def cache_put(oid, data):
    path = os.path.join(CACHE, "files", "md5", oid[:2], oid[2:])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def hash_path(path, cache):
    """dvc-data's hash of a file or directory: (md5, size, nfiles)."""
    if os.path.isfile(path):
        data = open(path, "rb").read()
        md5 = hashlib.md5(data).hexdigest()
        if cache:
            cache_put(md5, data)
        return md5, len(data), None
    entries, size = [], 0
    for root, _, files in os.walk(path):
        for name in files:
            full = os.path.join(root, name)
            data = open(full, "rb").read()
            md5 = hashlib.md5(data).hexdigest()
            if cache:
                cache_put(md5, data)
            entries.append({"md5": md5, "relpath": os.path.relpath(full, path).replace(os.sep, "/")})
            size += len(data)
    entries.sort(key=lambda e: e["relpath"])
    manifest = json.dumps(entries, sort_keys=True).encode("utf-8")
    md5 = hashlib.md5(manifest).hexdigest() + ".dir"
    if cache:
        cache_put(md5, manifest)
    return md5, size, len(entries)


def entry(path, cache):
    md5, size, nfiles = hash_path(os.path.join(HERE, path), cache)
    e = {"path": path, "hash": "md5", "md5": md5, "size": size}
    if nfiles is not None:
        e["nfiles"] = nfiles
    return e


def dump(data, path):
    yaml = YAML()
    yaml.default_flow_style = False
    with open(path, "w", encoding="utf-8") as f:
        yaml.dump(data, f)


def main():
    shutil.rmtree(CACHE, ignore_errors=True)
    for out in ["data/prepared", "data/features", "model.pkl", "eval"]:
        p = os.path.join(HERE, out)
        shutil.rmtree(p, ignore_errors=True) if os.path.isdir(p) else (os.path.exists(p) and os.remove(p))
    stages = {}
    for name, cmd, deps, params, outs in STAGES:
        subprocess.run(cmd, shell=True, check=True, cwd=HERE)
        lock = {"cmd": cmd, "deps": sorted((entry(d, False) for d in deps), key=lambda e: e["path"])}
        if params:
            lock["params"] = {"params.yaml": {k: PARAMS[k.split(".")[0]][k.split(".")[1]] for k in sorted(params)}}
        lock["outs"] = sorted((entry(o, c) for o, c in outs), key=lambda e: e["path"])
        stages[name] = lock
    dump({"schema": "2.0", "stages": stages}, os.path.join(HERE, "dvc.lock"))
    raw = entry("data/data.xml", True)
    dump({"outs": [{"md5": raw["md5"], "size": raw["size"], "hash": "md5", "path": "data.xml"}]},
         os.path.join(HERE, "data", "data.xml.dvc"))
    with open(os.path.join(HERE, "data", ".gitignore"), "w") as f:
        f.write("/data.xml\n/prepared\n/features\n")
    with open(os.path.join(HERE, ".gitignore"), "w") as f:
        f.write("/model.pkl\n")


if __name__ == "__main__":
    sys.exit(main())
