"""The sim dir: sim.pid, sim.json and the control file control.json.

control.json is read again on every API request and on every main-loop tick
(0.5 s), so an edit takes effect at once without a restart.  Writers replace
it atomically (write a temporary file, then rename), so a reader never sees
half a file; a file that still does not parse is treated as empty.
"""

import json
import os

DEFAULTS = {
    "unreachable": [],         # node names/addresses shown as Unreachable
    "neighbor": None,          # adjacent node; default: first other node line
    "termDelaySeconds": 10.0,  # SIGTERM -> exit; the real API join waits 10 s
    "refuseStart": None,       # stale-socket | http-port | api-bind | names
    "refuseStartTimes": None,  # how many starts to refuse (None: until cleared)
    "mainLoopStuck": False,    # /stats/raw counters stop moving
    "apiSilent": False,        # API accepts connections but never replies
    "crashAfterSeconds": None,  # die without clean-up this long after start
}

REFUSE_REASONS = ("stale-socket", "http-port", "api-bind", "names")

CONTROL = "control.json"
PIDFILE = "sim.pid"
INFOFILE = "sim.json"


def sim_dir(first_config=None):
    """$PYDECNET_SIM_DIR, else the directory of the first config file."""
    env = os.environ.get("PYDECNET_SIM_DIR")
    if env:
        return os.path.abspath(env)
    if first_config:
        return os.path.dirname(os.path.abspath(first_config))
    return os.getcwd()


def read_raw(d, strict=False):
    """The control file as a dict ({} if absent).

    With strict=False a broken file reads as {} (the simulator must keep
    running); with strict=True it raises ValueError (simctl must not
    silently throw away somebody's hand edits).
    """
    try:
        with open(os.path.join(d, CONTROL), encoding="utf-8") as f:
            data = json.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as e:
        if strict:
            raise ValueError("{}: {}".format(os.path.join(d, CONTROL), e))
        return {}
    if not isinstance(data, dict):
        if strict:
            raise ValueError("{}: not a JSON object".format(
                os.path.join(d, CONTROL)))
        return {}
    return data


class Control:
    """Normalised view of control.json: every key present, sane types."""

    def __init__(self, data):
        v = dict(DEFAULTS)
        v.update(data)
        un = v["unreachable"]
        if isinstance(un, str):
            un = [un]
        self.unreachable = [str(x).upper() for x in (un or [])]
        self.neighbor = str(v["neighbor"]).upper() if v["neighbor"] else None
        self.term_delay = _number(v["termDelaySeconds"], 10.0)
        rs = v["refuseStart"]
        self.refuse_start = rs if rs in REFUSE_REASONS else None
        self.mainloop_stuck = bool(v["mainLoopStuck"])
        self.api_silent = bool(v["apiSilent"])
        self.crash_after = _number(v["crashAfterSeconds"], None)


def _number(val, default):
    if isinstance(val, bool) or not isinstance(val, (int, float)):
        return default
    return max(0.0, float(val))


def load(d):
    return Control(read_raw(d))


def write_atomic(d, data):
    os.makedirs(d, exist_ok=True)
    final = os.path.join(d, CONTROL)
    tmp = os.path.join(d, ".{}.{}.tmp".format(CONTROL, os.getpid()))
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, sort_keys=True)
        f.write("\n")
    os.replace(tmp, final)


def update(d, change):
    """Read-modify-write control.json; change(dict) edits it in place."""
    data = read_raw(d, strict=True)
    change(data)
    write_atomic(d, data)
    return data


def read_pid(d):
    try:
        with open(os.path.join(d, PIDFILE)) as f:
            return int(f.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def proc_state(pid):
    """One-letter state from /proc/PID/stat (R, S, T, Z, ...) or None."""
    try:
        with open("/proc/{}/stat".format(pid)) as f:
            stat = f.read()
    except OSError:
        return None
    # The command name is in parentheses and may itself contain ") ".
    return stat[stat.rfind(")") + 2:].split(" ", 1)[0]


def is_simulator(pid):
    """Guard against a recycled PID: the process must run our pydecnet."""
    try:
        with open("/proc/{}/cmdline".format(pid), "rb") as f:
            argv = f.read().split(b"\0")
    except OSError:
        return False
    return any(os.path.basename(a) == b"pydecnet" for a in argv[:3])
