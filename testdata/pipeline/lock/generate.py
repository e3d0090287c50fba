#!/usr/bin/python3
"""Regenerates the expected dvc.lock bytes in this folder with ruamel.yaml, the way DVC 3.x writes them.

Run with the system python that has ruamel.yaml (Debian: python3-ruamel.yaml):  /usr/bin/python3 generate.py

cases.tsv lists one case a line:  op <TAB> before <TAB> arg <TAB> expected
  op 'set':    load `before` (or nothing when '-') in ruamel's round-trip mode, put the stage read from the file
               `arg` into `stages` (Lockfile.dump_stages), dump -> `expected`
  op 'remove': load `before`, delete stage `arg` (Lockfile.remove_stage) -> `expected` ('-' when DVC deletes
               the file because no stage is left)
A stage file holds one stage as `name: {cmd, deps, params, outs}` in any order; it is read with the safe loader
(as DVC reads params files), then ordered as dvc/stage/serialize.py::to_single_stage_lockfile orders it.

No fixture holds a long *plain* string: ruamel folds those differently from one release to the next (0.17 lets a
line run past 80 columns before breaking, 0.19 breaks before), and pointer/YamlEmitter follows the newer
releases, checked by testdata/yaml/ruamel-scalars.tsv. Long quoted strings fold alike in both.
"""
import io
import os
from collections import OrderedDict

from ruamel.yaml import YAML

HERE = os.path.dirname(os.path.abspath(__file__))


def _get_yaml():  # dvc/utils/serialize/_yaml.py::_get_yaml
    yaml = YAML()
    yaml.default_flow_style = False
    yaml_repr_cls = yaml.Representer
    yaml_repr_cls.add_representer(OrderedDict, yaml_repr_cls.represent_dict)
    return yaml


def dumps(data):
    s = io.StringIO()
    _get_yaml().dump(data, s)
    return s.getvalue()


ENTRY_ORDER = ["path", "hash", "md5", "size", "nfiles", "isexec"]


def entry(d):
    # _dumpd: path, hash (3.x only), the hash info, then Meta.to_dict (size, nfiles, isexec, ...)
    out = OrderedDict((k, d[k]) for k in ENTRY_ORDER if k in d)
    out.update((k, v) for k, v in d.items() if k not in ENTRY_ORDER)
    return out


def stage(d):  # to_single_stage_lockfile
    res = OrderedDict([("cmd", d["cmd"])])
    if d.get("deps"):
        res["deps"] = [entry(e) for e in sorted(d["deps"], key=lambda e: e["path"])]
    if d.get("params"):
        key_vals = OrderedDict()
        for path in sorted(d["params"]):
            params = d["params"][path]
            key_vals[path] = OrderedDict((k, params[k]) for k in sorted(params))
            if path == "params.yaml":
                key_vals.move_to_end(path, last=False)
        res["params"] = key_vals
    if d.get("outs"):
        res["outs"] = [entry(e) for e in sorted(d["outs"], key=lambda e: e["path"])]
    return res


def read(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        return f.read()


def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8", newline="") as f:
        f.write(text)


def set_stage(before, stage_file):
    ((name, value),) = YAML(typ="safe").load(read(stage_file)).items()
    data = YAML().load(read(before)) if before != "-" else None
    data = data if data is not None else {}
    if not data:  # Lockfile.dump_stages
        data.update({"schema": "2.0"})
    elif "schema" not in data:  # DVC 2.x migrate_lock_v1_to_v2 (3.x refuses 1.x locks)
        stages = dict(data)
        for key in stages:
            data.pop(key)
        data.update({"schema": "2.0"})
        data["stages"] = stages
    data["stages"] = data.get("stages", {})
    data["stages"].update({name: stage(value)})
    return dumps(data)


def remove_stage(before, name):  # Lockfile.remove_stage
    d = YAML().load(read(before))
    data = d.get("stages", {})
    del data[name]
    return dumps(d) if data else None


def main():
    for line in read("cases.tsv").splitlines():
        if not line or line.startswith("#"):
            continue
        op, before, arg, expected = line.split("\t")
        text = set_stage(before, arg) if op == "set" else remove_stage(before, arg)
        if text is None:
            assert expected == "-", line
        else:
            write(expected, text)


if __name__ == "__main__":
    main()
