# Counts words per row: data/features/train.tsv and test.tsv.
import os, sys

sys.dont_write_bytecode = True  # keep the work tree clean of __pycache__
import yaml_free_params  # noqa: E402

params = yaml_free_params.load("featurize")
src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
for name in ("train.tsv", "test.tsv"):
    with open(os.path.join(src, name)) as f, open(os.path.join(dst, name), "w") as out:
        for line in f:
            label, body = line.rstrip("\n").split("\t")
            words = body.split()[: params["max_features"]]
            out.write("%s\t%d\t%d\n" % (label, len(words), len(set(words))))
