# "Trains" a threshold on the distinct-word count; writes model.pkl (text, deterministic).
import sys

sys.dont_write_bytecode = True  # keep the work tree clean of __pycache__
import yaml_free_params  # noqa: E402

params = yaml_free_params.load("train")
rows = [l.split("\t") for l in open(sys.argv[1] + "/train.tsv")]
positives = [int(r[2]) for r in rows if r[0] == "1"] or [0]
threshold = sum(positives) / len(positives)
with open(sys.argv[2], "w") as f:
    f.write("threshold=%.6f n_est=%d seed=%d\n" % (threshold, params["n_est"], params["seed"]))
