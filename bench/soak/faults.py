"""What each fault does, how the soak sees HecnetJobs detect it and recover from it, and which alerts it must raise.

A fault function injects, holds, ends, and waits for recovery, and returns an Outcome. Detection is read from
HecnetJobs' own records (the first event or alert about it, by the time HecnetJobs wrote on it); recovery is seen
from outside wherever it can be (the API socket answers, a different PID, the heartbeat). Times are epoch seconds.
"""
import os
import time
from dataclasses import dataclass, field

import lab as labmod
import namesfile
from lab import wait_for

RECOVER_LIMIT = 60.0   # after a fault ends, the longest the soak waits for recovery before calling it left down
DETECT_LIMIT = 30.0
SMTP_MARGIN = 3.0      # an alert raised this long before the mail server returns must have met it down


@dataclass
class Expect:
    label: str
    source: str
    kind: str
    subject: str = ""          # a prefix of the alert's subject
    severity: str = None
    count: int = 1

    def matches(self, alert):
        return (alert["source"] == self.source and alert["kind"] == self.kind and alert["subject"].startswith(self.subject)
                and (self.severity is None or alert["severity"] == self.severity))


@dataclass
class Outcome:
    fault: object
    injected: float
    detect_from: float = None    # when there first was something to detect, if later than the injection
    detected: float = None
    recovered: float = None
    recover_from: float = None
    window_end: float = None
    must_detect: bool = True
    expect: list = field(default_factory=list)
    forbid: list = field(default_factory=list)   # alerts that would be false alarms
    skipped: str = None
    notes: list = field(default_factory=list)

    @property
    def detect_seconds(self):
        return None if self.detected is None else max(0.0, self.detected - (self.detect_from or self.injected))

    @property
    def recover_seconds(self):
        return None if self.recovered is None else max(0.0, self.recovered - self.recover_from)


def watchdog_restart(reason):
    return Expect(f"PyDECnet restarted ({reason})", "watchdog", "pydecnet.restarted", f"PyDECnet restarted ({reason})")


def event_time(lab, after, source, kinds, test=None):
    """A condition for wait_for that remembers the event's own time."""
    found = {}

    def check():
        found["at"] = lab.first_event(after, source, kinds, test)
        return found["at"] is not None
    return check, found


def alert_time(lab, after, expect):
    """A condition for wait_for: an alert matching `expect` raised at or after `after`; remembers its time."""
    found = {}

    def check():
        found["at"] = next((a["at"] for a in lab.alerts() if expect.matches(a) and a["at"] >= after - 0.001), None)
        return found["at"] is not None
    return check, found


def detect_by_event(ctx, outcome, source, kinds, test=None, limit=DETECT_LIMIT):
    check, found = event_time(ctx.lab, outcome.injected, source, kinds, test)
    if wait_for(check, limit):
        outcome.detected = found["at"]


def router_back(ctx, outcome, old_pid, start):
    outcome.recover_from = start
    outcome.recovered = wait_for(lambda: ctx.lab.pydecnet_running(not_pid=old_pid), RECOVER_LIMIT)


def pydecnet_kill(ctx, fault):
    old = ctx.lab.sim_pid()
    outcome = Outcome(fault, time.time(), expect=[watchdog_restart("crash")])
    ctx.lab.simctl("crash")
    detect_by_event(ctx, outcome, "watchdog", ["state", "spawn"])
    router_back(ctx, outcome, old, outcome.injected)
    return outcome


def pydecnet_hang(ctx, fault):
    old = ctx.lab.sim_pid()
    outcome = Outcome(fault, time.time(), expect=[
        Expect("PyDECnet not answering", "watchdog", "pydecnet.not-answering"), watchdog_restart("hung")])
    ctx.lab.simctl("hang")
    detect_by_event(ctx, outcome, "watchdog", ["state"], lambda detail: "-> not-answering" in detail)
    router_back(ctx, outcome, old, outcome.injected)
    return outcome


def refuse_start(ctx, fault):
    reason, times = fault.params["reason"], fault.params["times"]
    old = ctx.lab.sim_pid()
    ctx.lab.simctl("refuse-start", reason, str(times))
    outcome = Outcome(fault, time.time(), expect=[
        Expect(f"PyDECnet down: start failed ({reason})", "watchdog", "pydecnet.start-failed", f"PyDECnet down: start failed ({reason})"),
        Expect("PyDECnet restarted", "watchdog", "pydecnet.restarted", "PyDECnet restarted")])
    ctx.lab.simctl("crash")
    detect_by_event(ctx, outcome, "watchdog", ["start-failed"])
    router_back(ctx, outcome, old, outcome.injected)
    if outcome.recovered is None:
        ctx.lab.simctl("refuse-start", "none")
    return outcome


def link_outage(ctx, fault):
    down, up = Expect("link MIM down", "link-probe", "link.down"), Expect("link MIM up", "link-probe", "link.up")
    outcome = Outcome(fault, time.time(), expect=[down, up])
    ctx.lab.simctl("unreachable", "MIM")
    check, found = alert_time(ctx.lab, outcome.injected, down)
    if wait_for(check, fault.params["seconds"]):
        outcome.detected = found["at"]
    ctx.sleep_until(outcome.injected + fault.params["seconds"])
    outcome.recover_from = time.time()
    ctx.lab.simctl("reachable", "MIM")
    check, found = alert_time(ctx.lab, outcome.recover_from, up)
    if wait_for(check, RECOVER_LIMIT):
        outcome.recovered = found["at"]
    return outcome


def link_blips(ctx, fault):
    """Short flaps, each seen by one check at most: debounce must swallow them without a word."""
    outcome = Outcome(fault, time.time(), must_detect=False,
                      forbid=[Expect("link MIM down on a blip", "link-probe", "link.down")])
    for _ in range(fault.params["count"]):
        ctx.lab.simctl("unreachable", "MIM")
        time.sleep(fault.params["seconds"])
        ctx.lab.simctl("reachable", "MIM")
        time.sleep(fault.params["apart"])
    outcome.recover_from = outcome.recovered = time.time()
    return outcome


def daemon_kill(ctx, fault):
    meanwhile = fault.params["pydecnet-killed-meanwhile"]
    outcome = Outcome(fault, time.time(), must_detect=meanwhile, expect=[watchdog_restart("crash")] if meanwhile else [])
    ctx.daemon.kill()
    old = None
    if meanwhile:
        time.sleep(fault.params["down"] / 2)
        old = ctx.lab.sim_pid()
        outcome.notes.append(f"PyDECnet killed {time.time() - outcome.injected:.1f} s after HecnetJobs")
        outcome.injected = time.time()
        ctx.lab.simctl("crash")
    ctx.sleep_until(outcome.injected + (fault.params["down"] / 2 if meanwhile else fault.params["down"]))
    outcome.recover_from = time.time()
    ctx.daemon.start()
    ready = ctx.daemon.ready(RECOVER_LIMIT)
    if meanwhile:
        detect_by_event(ctx, outcome, "watchdog", ["state", "spawn"])
        router_back(ctx, outcome, old, outcome.recover_from)
    else:
        outcome.recovered = ready
    return outcome


def names_update(ctx, fault):
    new = ctx.nodes.update(fault.params["variant"])
    outcome = Outcome(fault, time.time(), expect=[
        Expect("PyDECnet restarted for new names", "watchdog", "pydecnet.restarted", "PyDECnet restarted", "info")])
    outcome.notes.append("new: " + ", ".join(new))
    detect_by_event(ctx, outcome, "name-refresh", ["names-changed"], limit=RECOVER_LIMIT)
    restarted, _ = event_time(ctx.lab, outcome.injected, "name-refresh", ["names-restart"])
    outcome.recover_from = outcome.injected

    def done():
        text = (namesfile.read(ctx.lab.names) or b"").decode(errors="replace").splitlines()
        return all(entry in text for entry in new) and restarted() and ctx.lab.pydecnet_running()
    outcome.recovered = wait_for(done, RECOVER_LIMIT)
    return outcome


def disk_full(ctx, fault):
    lab = ctx.lab
    critical = Expect("Host disk critical", "watchdog", "pydecnet.vitals", "Host disk", "critical")
    outcome = Outcome(fault, time.time(), expect=[
        critical, Expect("Host vitals back to normal", "watchdog", "pydecnet.vitals", "Host vitals back to normal")])
    if lab.tmpfs_problem:
        outcome.skipped = lab.tmpfs_problem
        return outcome
    filler = os.path.join(lab.data, "soak-filler")
    try:
        with open(filler, "wb", buffering=0) as f:
            # First low: under vitals.diskCriticalMiB, with room left for the alert to be written.
            os.posix_fallocate(f.fileno(), 0, max(0, lab.free_bytes() - (labmod.DISK_CRITICAL_MIB // 2) * 1024 * 1024))
            # The file grows page by page: a "low" warning on the way down is not yet the critical level.
            check, found = alert_time(lab, outcome.injected, critical)
            if wait_for(check, DETECT_LIMIT):
                outcome.detected = found["at"]
            # Then full: not a byte left for the database, its journal or the status file.
            ctx.status.excuse(time.time())
            fill(f)
            outcome.notes.append(f"full for {fault.params['full']:.1f} s")
            time.sleep(fault.params["full"])
    finally:
        # Timed from the start of the removal: freeing the pages takes a while, and the daemon may see the room before
        # os.remove returns.
        outcome.recover_from = time.time()
        if os.path.exists(filler):
            os.remove(filler)
        ctx.status.end_excuse(time.time())
    # The first "ok" after the critical finding: the watchdog stamps its record before it reads the disks, so the
    # record of the room coming back may carry a time from just before the removal.
    back, _ = event_time(lab, outcome.detected or outcome.injected, "watchdog", ["vitals"], lambda detail: detail == "ok")

    def healthy():
        found = lab.read_status_safe()
        return (found is not None and ctx.daemon.pid() == found["daemon"]["pid"]
                and labmod.epoch(found["updatedAt"]) > outcome.recover_from and back())
    outcome.recovered = wait_for(healthy, RECOVER_LIMIT)
    return outcome


def fill(f):
    """Writes until the file system is full (tmpfs may leave a few pages for metadata)."""
    chunk = b"\0" * (1 << 20)
    for size in (1 << 20, 1 << 12):
        try:
            while True:
                f.write(chunk[:size])
        except OSError:
            continue


def smtp_down(ctx, fault):
    outcome = Outcome(fault, time.time())
    ctx.smtp.stop()
    check = lambda: (ctx.lab.channel_failing_since() or 0) >= outcome.injected - 0.001  # noqa: E731
    if wait_for(check, fault.params["seconds"]):
        outcome.detected = ctx.lab.channel_failing_since()
    ctx.sleep_until(outcome.injected + fault.params["seconds"])
    ctx.smtp.start()
    outcome.recover_from = time.time()
    # An alert raised in the outage's last seconds may meet the server back: only earlier ones must have failed.
    raised = [a for a in ctx.lab.alerts() if outcome.injected <= a["at"] <= outcome.recover_from - SMTP_MARGIN]
    # Nothing to send, nothing to notice: the outage counts as detected once there was an alert to deliver.
    outcome.must_detect = bool(raised)
    outcome.detect_from = raised[0]["at"] if raised else None
    outcome.notes.append(f"{len(raised)} alert(s) raised while it was down")
    outcome.recovered = wait_for(lambda: ctx.lab.queued() == 0 and ctx.lab.channel_failing_since() is None,
                                 RECOVER_LIMIT)
    return outcome


def node_list_fault(ctx, fault, answer, detect_kinds, expect):
    outcome = Outcome(fault, time.time(), expect=expect)
    ctx.nodes.set_fault(answer)
    # Held for its time and, if need be, until a refresh has met it (a restarting daemon misses the first ones).
    check, found = event_time(ctx.lab, outcome.injected, "name-refresh", detect_kinds)
    if wait_for(check, max(fault.params["seconds"], DETECT_LIMIT)):
        outcome.detected = found["at"]
    ctx.sleep_until(outcome.injected + fault.params["seconds"])
    outcome.recover_from = time.time()
    ctx.nodes.set_fault(None)
    check, found = event_time(ctx.lab, outcome.recover_from, "name-refresh", ["names-unchanged", "names-changed"])
    if wait_for(check, RECOVER_LIMIT):
        outcome.recovered = found["at"]
    return outcome


def nodelist_500(ctx, fault):
    return node_list_fault(ctx, fault, ("status", 500), ["download-failed"], [])


def refused():
    return [Expect("HECnet node list refused", "name-refresh", "names.refused")]


def nodelist_garbage(ctx, fault):
    body = ctx.nodes.node_list.garbage(fault.params["variant"], fault.number)
    return node_list_fault(ctx, fault, ("body", body), ["names-refused"], refused())


def nodelist_shrunk(ctx, fault):
    entries = ctx.nodes.node_list.shrunk(fault.params["keep"], fault.number)
    return node_list_fault(ctx, fault, ("body", ctx.nodes.node_list.text(entries).encode()), ["names-refused"], refused())


RUN = {
    "pydecnet-kill": pydecnet_kill, "pydecnet-hang": pydecnet_hang, "refuse-start": refuse_start,
    "link-outage": link_outage, "link-blips": link_blips, "daemon-kill": daemon_kill, "disk-full": disk_full,
    "names-update": names_update, "smtp-down": smtp_down, "nodelist-500": nodelist_500,
    "nodelist-garbage": nodelist_garbage, "nodelist-shrunk": nodelist_shrunk,
}
