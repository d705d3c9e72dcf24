"""Reads Prometheus text format on stdin with Debian's python3-prometheus-client parser and prints what it understood
as JSON: one object per family (name, type, help, samples with name, labels and value). A parse error exits 1 with
the parser's message on stderr."""
import json
import math
import sys

from prometheus_client.parser import text_string_to_metric_families


def value(v):
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    return v


try:
    families = [
        {
            "name": family.name,
            "type": family.type,
            "help": family.documentation,
            "samples": [{"name": s.name, "labels": s.labels, "value": value(s.value)} for s in family.samples],
        }
        for family in text_string_to_metric_families(sys.stdin.read())
    ]
except Exception as error:  # the parser raises ValueError and others; any of them means "not valid"
    print(f"{type(error).__name__}: {error}", file=sys.stderr)
    sys.exit(1)
json.dump(families, sys.stdout)
