# Reads one section of params.yaml without a YAML library (the fixture must run on a bare python3).
def load(section):
    out, current = {}, None
    for line in open("params.yaml"):
        if not line.strip():
            continue
        if not line.startswith(" "):
            current = line.strip().rstrip(":")
        elif current == section:
            key, value = line.strip().split(":", 1)
            value = value.strip()
            out[key] = float(value) if "." in value else int(value)
    return out
