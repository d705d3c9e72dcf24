"""simctl: drive a running simulator (or the next start) from outside.

    simctl [--dir SIMDIR] VERB [ARG]

Exit codes: 0 done, 1 failure (e.g. no simulator running), 2 usage error.
"""

import json
import os
import signal
import sys
import time

from . import control

USAGE = """\
usage: simctl [--dir SIMDIR] VERB [ARG]

verbs:
  state                 pid, process state, API socket, control.json
  crash                 SIGKILL the simulator (socket file stays behind)
  hang                  SIGSTOP it (connects succeed, nothing answers)
  resume                SIGCONT it and clear apiSilent / mainLoopStuck
  stop                  SIGTERM it (clean, slow exit: termDelaySeconds)
  stuck                 set mainLoopStuck (API answers, /stats/raw frozen)
  silent                set apiSilent (API accepts, never replies)
  refuse-start REASON [N]
                        make the next start(s) fail: stale-socket, http-port,
                        api-bind, names (N: only the next N starts);
                        'refuse-start none' clears it
  unreachable NODE      show NODE (name or address) as Unreachable
  reachable NODE        undo 'unreachable NODE'
  set KEY JSON          set any control key, e.g. set termDelaySeconds 0.2
  unset KEY             remove a control key (back to its default)

SIMDIR defaults to $PYDECNET_SIM_DIR, else the current directory.
"""


class Failure(Exception):
    """Exit 1 with a one-line message."""


class Usage(Exception):
    """Exit 2 with a one-line message."""


def _live_pid(d):
    """PID of the simulator in d, or Failure if none is running."""
    pid = control.read_pid(d)
    if pid is None:
        raise Failure("no simulator running in {} (no {})".format(
            d, control.PIDFILE))
    state = control.proc_state(pid)
    if state in (None, "Z", "X") or not control.is_simulator(pid):
        raise Failure("no simulator running in {} (pid {} is gone)".format(
            d, pid))
    return pid


def _wait_for(pred, seconds=5.0):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(0.01)
    return pred()


def _signal(d, sig):
    pid = _live_pid(d)
    os.kill(pid, sig)
    return pid


def cmd_crash(d, args):
    pid = _signal(d, signal.SIGKILL)
    # Return only once it is really dead (a zombie counts: it can no longer
    # answer), so that callers can check the aftermath right away.
    if not _wait_for(lambda: control.proc_state(pid) in (None, "Z", "X")):
        raise Failure("pid {} did not die after SIGKILL".format(pid))
    print("killed pid {} (SIGKILL)".format(pid))


def cmd_hang(d, args):
    pid = _signal(d, signal.SIGSTOP)
    if not _wait_for(lambda: control.proc_state(pid) in ("T", "t")):
        raise Failure("pid {} did not stop".format(pid))
    print("stopped pid {} (SIGSTOP)".format(pid))


def cmd_resume(d, args):
    def clear(data):
        data["apiSilent"] = False
        data["mainLoopStuck"] = False
    control.update(d, clear)
    pid = _signal(d, signal.SIGCONT)
    _wait_for(lambda: control.proc_state(pid) not in ("T", "t"))
    print("resumed pid {} (SIGCONT; apiSilent and mainLoopStuck cleared)"
          .format(pid))


def cmd_stop(d, args):
    pid = _signal(d, signal.SIGTERM)
    print("sent SIGTERM to pid {}".format(pid))


def _set(d, key, value):
    control.update(d, lambda data: data.__setitem__(key, value))
    print("{} = {}".format(key, json.dumps(value)))


def cmd_stuck(d, args):
    _set(d, "mainLoopStuck", True)


def cmd_silent(d, args):
    _set(d, "apiSilent", True)


def cmd_refuse_start(d, args):
    if not args or len(args) > 2:
        raise Usage("refuse-start needs REASON [N]")
    reason = args[0]
    if reason == "none":
        def clear(data):
            data["refuseStart"] = None
            data.pop("refuseStartTimes", None)
        control.update(d, clear)
        print("refuseStart = null")
        return
    if reason not in control.REFUSE_REASONS:
        raise Usage("unknown reason {!r} (one of: {}, none)".format(
            reason, ", ".join(control.REFUSE_REASONS)))
    times = None
    if len(args) == 2:
        try:
            times = int(args[1])
        except ValueError:
            times = 0
        if times < 1:
            raise Usage("N must be a positive integer")

    def setit(data):
        data["refuseStart"] = reason
        if times is None:
            data.pop("refuseStartTimes", None)
        else:
            data["refuseStartTimes"] = times
    control.update(d, setit)
    print("refuseStart = {}{}".format(
        json.dumps(reason), "" if times is None else " ({} times)".format(
            times)))


def _node_arg(args):
    if len(args) != 1 or not args[0].strip():
        raise Usage("need exactly one NODE (name or address)")
    return args[0].strip().upper()


def cmd_unreachable(d, args):
    node = _node_arg(args)

    def add(data):
        lst = [str(x) for x in data.get("unreachable") or []]
        if node not in (x.upper() for x in lst):
            lst.append(node)
        data["unreachable"] = lst
    data = control.update(d, add)
    print("unreachable = {}".format(json.dumps(data["unreachable"])))


def cmd_reachable(d, args):
    node = _node_arg(args)

    def remove(data):
        lst = [str(x) for x in data.get("unreachable") or []]
        data["unreachable"] = [x for x in lst if x.upper() != node]
    data = control.update(d, remove)
    print("unreachable = {}".format(json.dumps(data["unreachable"])))


def cmd_set(d, args):
    if len(args) != 2:
        raise Usage("set needs KEY JSON")
    key, text = args
    try:
        value = json.loads(text)
    except ValueError:
        value = text   # a bare word: take it as a string
    _set(d, key, value)


def cmd_unset(d, args):
    if len(args) != 1:
        raise Usage("unset needs KEY")
    control.update(d, lambda data: data.pop(args[0], None))
    print("{} unset".format(args[0]))


def cmd_state(d, args):
    pid = control.read_pid(d)
    print("dir: {}".format(d))
    if pid is None:
        print("pid: none")
        print("process: not running")
    else:
        st = control.proc_state(pid)
        if st is None or (st not in ("Z", "X") and
                          not control.is_simulator(pid)):
            text = "not running"
        elif st in ("T", "t"):
            text = "stopped (SIGSTOP)"
        elif st in ("Z", "X"):
            text = "dead (zombie, not yet reaped)"
        else:
            text = "alive"
        print("pid: {}".format(pid))
        print("process: {}".format(text))
    try:
        with open(os.path.join(d, control.INFOFILE)) as f:
            info = json.load(f)
    except (OSError, ValueError):
        info = {}
    sock = info.get("api")
    if sock:
        print("api socket: {} ({})".format(
            sock, "present" if os.path.exists(sock) else "absent"))
    else:
        print("api socket: none configured")
    print("http port: {}".format(info.get("httpPort") or "none"))
    try:
        data = control.read_raw(d, strict=True)
        print("control.json: " + json.dumps(data, indent=2, sort_keys=True))
    except ValueError as e:
        print("control.json: unreadable: {}".format(e))


VERBS = {
    "state": cmd_state, "crash": cmd_crash, "hang": cmd_hang,
    "resume": cmd_resume, "stop": cmd_stop, "stuck": cmd_stuck,
    "silent": cmd_silent, "refuse-start": cmd_refuse_start,
    "unreachable": cmd_unreachable, "reachable": cmd_reachable,
    "set": cmd_set, "unset": cmd_unset,
}
NO_ARGS = {"state", "crash", "hang", "resume", "stop", "stuck", "silent"}


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    d = os.environ.get("PYDECNET_SIM_DIR") or os.getcwd()
    try:
        if argv and argv[0] == "--dir":
            if len(argv) < 2:
                raise Usage("--dir needs a directory")
            d = argv[1]
            argv = argv[2:]
        elif argv and argv[0].startswith("--dir="):
            d = argv[0].split("=", 1)[1]
            argv = argv[1:]
        if argv and argv[0] in ("-h", "--help"):
            sys.stdout.write(USAGE)
            return 0
        if not argv:
            raise Usage("missing VERB")
        verb, args = argv[0], argv[1:]
        if verb not in VERBS:
            raise Usage("unknown verb {!r}".format(verb))
        if verb in NO_ARGS and args:
            raise Usage("{} takes no argument".format(verb))
        # A missing directory is fine: signal verbs then report "no
        # simulator running", and control verbs create it, so a test can
        # prepare control.json before the first start.
        d = os.path.abspath(d)
        VERBS[verb](d, args)
        return 0
    except Usage as e:
        sys.stderr.write("simctl: {}\n{}".format(e, USAGE))
        return 2
    except Failure as e:
        sys.stderr.write("simctl: {}\n".format(e))
        return 1
    except (OSError, ValueError) as e:
        sys.stderr.write("simctl: {}\n".format(e))
        return 1
