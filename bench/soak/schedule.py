"""The seeded fault schedule: the same seed gives the same faults, in the same order, with the same parameters.

Two streams run side by side. The router stream disturbs PyDECnet, its link, HecnetJobs itself and the data folder;
the services stream disturbs what HecnetJobs talks to (the mail server, the node-list server). Within a stream faults
come one after another: a fault is injected, held, ended, its recovery awaited, then the stream rests for the fault's
`gap`. Each stream deals its kinds in rounds, every kind once per round in a shuffled order, so that even a short run
meets every kind. A longer run with the same seed replays the shorter one's faults first.
"""
import random
from dataclasses import dataclass, field

# The soak's clock, in seconds: jobs.xml and the config (lab.py) are written from these.
WATCHDOG_EVERY = 1.0
PROBE_EVERY = 2.0
NAMES_EVERY = 4.0
HANG_AFTER = 3.0
STOP_GRACE = 2.0

ROUTER_KINDS = ("pydecnet-kill", "pydecnet-hang", "refuse-start", "link-outage", "link-blips", "daemon-kill",
                "disk-full", "names-update")
SERVICE_KINDS = ("smtp-down", "nodelist-500", "nodelist-garbage", "nodelist-shrunk")
STREAMS = {"router": ROUTER_KINDS, "services": SERVICE_KINDS}
REFUSALS = ("stale-socket", "http-port", "api-bind")
GARBAGE = ("html", "binary", "bad-name", "conflict", "empty", "truncated")


@dataclass(frozen=True)
class Fault:
    stream: str
    number: int
    kind: str
    params: dict = field(hash=False)
    gap: float

    def describe(self):
        shown = ", ".join(f"{k} {v:.1f}" if isinstance(v, float) else f"{k} {v}" for k, v in self.params.items())
        return f"{self.kind}" + (f" ({shown})" if shown else "")


def _params(kind, rng):
    if kind == "refuse-start":
        return {"reason": rng.choice(REFUSALS), "times": rng.randint(1, 3)}
    if kind == "link-outage":
        # Long enough for the two down checks (and the probe that straddles the start) to see it.
        return {"seconds": round(PROBE_EVERY * rng.uniform(4.0, 7.0), 1)}
    if kind == "link-blips":
        # Each blip is shorter than a quarter of the probe interval, so no two checks can both see one.
        return {"count": rng.randint(2, 4), "seconds": 0.4, "apart": round(PROBE_EVERY * rng.uniform(1.5, 2.5), 1)}
    if kind == "daemon-kill":
        return {"down": round(rng.uniform(0.5, 5.0), 1), "pydecnet-killed-meanwhile": rng.random() < 0.5}
    if kind == "disk-full":
        return {"full": round(rng.uniform(3.0, 8.0), 1)}
    if kind == "names-update":
        return {"variant": rng.randrange(1 << 30)}
    if kind == "smtp-down":
        return {"seconds": round(rng.uniform(8.0, 30.0), 1)}
    if kind == "nodelist-500":
        return {"seconds": round(rng.uniform(6.0, 15.0), 1)}
    if kind == "nodelist-garbage":
        return {"variant": rng.choice(GARBAGE), "seconds": round(rng.uniform(6.0, 15.0), 1)}
    if kind == "nodelist-shrunk":
        return {"keep": round(rng.uniform(0.4, 0.7), 2), "seconds": round(rng.uniform(6.0, 15.0), 1)}
    return {}


def faults(seed, stream):
    """The endless fault sequence of one stream for one seed."""
    rng = random.Random(f"hecnetjobs-soak:{seed}:{stream}")
    number = 0
    while True:
        kinds = list(STREAMS[stream])
        rng.shuffle(kinds)
        for kind in kinds:
            number += 1
            yield Fault(stream, number, kind, _params(kind, rng), round(rng.uniform(1.0, 4.0), 1))


def first(seed, stream, count):
    """The first `count` faults of a stream (for tests and for printing what a seed does)."""
    sequence = faults(seed, stream)
    return [next(sequence) for _ in range(count)]
