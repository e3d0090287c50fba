# Splits data/data.xml into data/prepared/train.tsv and test.tsv, as the get-started project's prepare stage.
import os, random, re, sys

sys.dont_write_bytecode = True  # keep the work tree clean of __pycache__
import yaml_free_params  # noqa: E402

params = yaml_free_params.load("prepare")
random.seed(params["seed"])
os.makedirs(os.path.join("data", "prepared"), exist_ok=True)
rows = [l for l in open(sys.argv[1], encoding="utf-8") if "<row" in l]
with open("data/prepared/train.tsv", "w") as train, open("data/prepared/test.tsv", "w") as test:
    for line in rows:
        label = 1 if re.search(r'Tags="[^"]*\br\b', line) else 0
        body = re.search(r'Body="([^"]*)"', line).group(1)
        (test if random.random() < params["split"] else train).write("%d\t%s\n" % (label, body))
