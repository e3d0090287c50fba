#!/usr/bin/python3
"""Regenerates keys.tsv and the *.runcache.yaml files here: DVC's run-cache key, value and file for each stage
file of ../lock (stage-*.yaml), computed the way dvc/stage/cache.py does.

  key   = _get_cache_hash(entry, key=True): outs reduced to their paths, then dict_sha256(exclude=[size, nfiles])
  value = _get_cache_hash(entry): dict_sha256 of the whole entry, same exclusions
  file  = runs/<key[:2]>/<key>/<value>, holding dump_yaml(entry)

dict_sha256 (dvc/utils/__init__.py) is sha256(json.dumps(dict_filter(d, exclude), sort_keys=True)), where
dict_filter drops the excluded keys from dicts at every depth. Run with /usr/bin/python3 (needs ruamel.yaml).
"""
import glob
import hashlib
import json
import os
import sys

from ruamel.yaml import YAML

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(HERE, "..", "lock"))
import generate  # noqa: E402  (the lock-entry ordering of to_single_stage_lockfile)


def dict_filter(d, exclude=()):
    if not exclude or not isinstance(d, (list, dict)):
        return d
    if isinstance(d, list):
        return [dict_filter(e, exclude) for e in d]
    return {k: dict_filter(v, exclude) for k, v in d.items() if k not in exclude}


def dict_sha256(d, exclude=()):
    return hashlib.sha256(json.dumps(dict_filter(d, exclude), sort_keys=True).encode("utf-8")).hexdigest()


def get_cache_hash(cache, key=False):
    if key:
        cache["outs"] = [out["path"] for out in cache.get("outs", [])]
    return dict_sha256(cache, exclude=["size", "nfiles"])


def main():
    rows = []
    for path in sorted(glob.glob(os.path.join(HERE, "..", "lock", "stage-*.yaml"))):
        with open(path, encoding="utf-8") as f:
            ((name, value),) = YAML(typ="safe").load(f).items()
        key = get_cache_hash(generate.stage(value), key=True)
        entry = generate.stage(value)
        val = get_cache_hash(entry)
        base = os.path.basename(path)
        rows.append(f"{base}\t{key}\t{val}\n")
        with open(os.path.join(HERE, base.replace(".yaml", ".runcache.yaml")), "w", encoding="utf-8") as f:
            f.write(generate.dumps(entry))
    with open(os.path.join(HERE, "keys.tsv"), "w", encoding="utf-8") as f:
        f.write("# stage file (../lock)\tkey\tvalue\n")
        f.writelines(rows)


if __name__ == "__main__":
    main()
