#!/usr/bin/python3
"""bench/soak: runs HecnetJobs as a daemon against the PyDECnet simulator, a real SMTP server and a real node-list
HTTP server, injects a seeded schedule of faults for --minutes, lets it settle, prints the scorecard and exits 1 if
anything was lost or left down. Run it through bench/soak/soak.sh, which builds the CLI. bench/README.md explains
every fault and every line of the scorecard.
"""
import argparse
import contextlib
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from datetime import datetime

import faults
import lab as labmod
import schedule
import scorecard
import watchers
from daemon import Daemon
from services import ROOT, NodeList, NodeListServer, SmtpServer

SETTLE_LIMIT = 90.0
EXPECT_WAIT = 10.0


class Context:
    """What the fault functions act on, and the run's shared record."""

    def __init__(self, args, lab, daemon, smtp, nodes, status):
        self.args, self.lab, self.daemon, self.smtp, self.nodes, self.status = args, lab, daemon, smtp, nodes, status
        self.outcomes = []
        self.errors = []
        self.started = time.time()
        self.deadline = self.started + args.minutes * 60
        self.print_lock = threading.Lock()
        self.disk_lock = threading.Lock()

    def say(self, text):
        with self.print_lock:
            print(f"[{time.time() - self.started:7.1f} s] {text}", file=sys.stderr, flush=True)

    @staticmethod
    def sleep_until(moment):
        time.sleep(max(0.0, moment - time.time()))

    def healthy(self):
        return self.daemon.pid() is not None and self.lab.pydecnet_running() and self.lab.link()[0] == "up"


def run_stream(ctx, name):
    try:
        for fault in schedule.faults(ctx.args.seed, name):
            if time.time() >= ctx.deadline or ctx.errors:
                return
            if fault.kind in ctx.args.skip:
                continue
            if name == "router" and labmod.wait_for(ctx.healthy, 60, every=0.2) is None:
                ctx.say(f"#{name[0]}{fault.number}: not healthy 60 s after the last fault; injecting anyway")
            # A full disk and a services fault never overlap: with nothing written, the services fault could not
            # be seen at all, and that would be the disk's doing, not a miss.
            with ctx.disk_lock if name == "services" or fault.kind == "disk-full" else contextlib.nullcontext():
                outcome = faults.RUN[fault.kind](ctx, fault)
                close_window(ctx, outcome)
            ctx.outcomes.append(outcome)
            ctx.say(progress_line(outcome))
            time.sleep(fault.gap)
    except Exception:  # a bug in the driver: stop the run and say so, never report a pass
        ctx.errors.append(traceback.format_exc())
        ctx.say(f"{name} stream failed:\n{ctx.errors[-1]}")


def close_window(ctx, outcome):
    """Gives the alerts of a fault a moment to be written (a restart's alert commits just after the API answers)."""
    if outcome.skipped:
        outcome.window_end = time.time()
        return

    def raised():
        alerts = ctx.lab.alerts()
        outcome.window_end = time.time()
        return all(len(scorecard.matching(e, alerts, outcome)) >= e.count for e in outcome.expect)
    labmod.wait_for(raised, EXPECT_WAIT, every=0.2)
    if outcome.forbid:
        # A blip's false alarm would need the next two checks.
        time.sleep(2 * schedule.PROBE_EVERY + 0.5)
    outcome.window_end = time.time()


def progress_line(o):
    name = f"#{o.fault.stream[0]}{o.fault.number} {o.fault.describe()}"
    if o.skipped:
        return f"{name}: skipped ({o.skipped})"
    detect = "-" if not o.must_detect else ("NOT DETECTED" if o.detected is None else f"detected in {o.detect_seconds:.1f} s")
    recover = "NOT RECOVERED" if o.recovered is None else f"recovered in {o.recover_seconds:.1f} s"
    notes = f" ({'; '.join(o.notes)})" if o.notes else ""
    return f"{name}: {detect}, {recover}{notes}"


def final_checks(ctx):
    lab = ctx.lab
    alerts = lab.alerts()
    delivered, _ = scorecard.delivery(alerts, ctx.smtp.messages())
    found = lab.read_status_safe()
    age = time.time() - labmod.epoch(found["updatedAt"]) if found else None
    undelivered = [a["id"] for a in alerts if a["id"] not in delivered]
    return {
        "HecnetJobs running": None if ctx.daemon.pid() else "not running",
        "PyDECnet answering": None if lab.pydecnet_running() else "not running or not answering",
        "link MIM up": None if lab.link()[0] == "up" else f"link state {lab.link()[0]}",
        "every alert delivered": None if not undelivered and lab.queued() == 0 else
        f"{len(undelivered)} not delivered, {lab.queued()} queued",
        "heartbeat fresh": None if age is not None and age < labmod.STALE_AFTER and found["daemon"]["pid"] == ctx.daemon.pid()
        else f"status file {'missing' if age is None else f'{age:.0f} s old'}",
    }


def settle(ctx):
    start = time.time()
    checks = final_checks(ctx)
    while any(checks.values()) and time.time() - start < SETTLE_LIMIT:
        time.sleep(0.5)
        checks = final_checks(ctx)
    return checks, time.time() - start


TREND_AGES = (20, 60, 120, 300, 600, 1200, 1800, 3600, 7200)


def memory_figures(memory):
    """Each daemon's memory 20 s after its start and at its end; and the longest-lived one's at several ages."""
    figures, trend = [], []
    for pid, samples in memory.by_pid.items():
        early = next((sample for sample in samples if sample[0] - samples[0][0] >= 20), None)
        if early is not None:
            figures.append((pid, samples[-1][0] - samples[0][0], early[1:], samples[-1][1:]))
    if figures:
        pid = max(figures, key=lambda f: f[1])[0]
        samples = memory.by_pid[pid]
        for age in TREND_AGES:
            found = next((s for s in samples if s[0] - samples[0][0] >= age), None)
            if found:
                trend.append((age, *found[1:]))
        trend.append((samples[-1][0] - samples[0][0], *samples[-1][1:]))
    return figures, trend


def exits(daemon, status):
    def excused(at):
        return any(start <= at and (end is None or at <= end + 10) for start, end in status.excused)
    return ([e for e in daemon.unexpected if not excused(e["at"])], [e for e in daemon.unexpected if excused(e["at"])])


def main():
    parser = argparse.ArgumentParser(prog="bench/soak/soak.sh", description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long faults are injected (default 10)")
    parser.add_argument("--seed", type=int, default=None, help="the fault schedule's seed (default: a random one, printed)")
    parser.add_argument("--plan", type=int, metavar="N", help="print the first N faults of each stream for the seed and stop")
    parser.add_argument("--cli", default=os.path.join(ROOT, ".build", "hecnetjobs", "hecnetjobs"))
    parser.add_argument("--results", default=os.path.join(ROOT, "bench", "results"))
    parser.add_argument("--keep", action="store_true", help="keep the work folder even when the run passes")
    parser.add_argument("--skip", default="", metavar="KIND[,KIND]",
                        help="leave these fault kinds out (the rest of the schedule stays as the seed makes it)")
    args = parser.parse_args()
    kinds = {kind for kinds in schedule.STREAMS.values() for kind in kinds}
    args.skip = {kind for kind in args.skip.split(",") if kind}
    if args.skip - kinds:
        parser.error(f"--skip: '{','.join(sorted(args.skip - kinds))}' is not a fault kind (expected: {', '.join(sorted(kinds))})")
    if args.minutes <= 0:
        parser.error(f"--minutes: '{args.minutes:g}' is not above zero")
    if args.seed is None:
        args.seed = random.SystemRandom().randrange(1, 100000)
    if args.plan:
        for stream in schedule.STREAMS:
            for fault in schedule.first(args.seed, stream, args.plan):
                print(f"{stream:<9}#{fault.number:<4}{fault.describe()}, then {fault.gap:.1f} s")
        return 0
    return run(args)


def run(args):
    os.makedirs(args.results, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d-%H%M")
    report = os.path.join(args.results, f"soak-{stamp}-seed{args.seed}")
    work = tempfile.mkdtemp(prefix="hecnetjobs-soak.")
    skipping = f", skipping {', '.join(sorted(args.skip))}" if args.skip else ""
    print(f"bench/soak: seed {args.seed}, {args.minutes:g} min{skipping}, work folder {work}", file=sys.stderr, flush=True)
    smtp = SmtpServer(os.path.join(work, "smtp"))
    smtp.start()
    nodes = NodeListServer(NodeList(os.path.join(ROOT, "tests", "fixtures", "pydecnet-samples", "nodenames.dat")))
    lab = labmod.Lab(work, smtp.port, nodes.url)
    with open(lab.names, "w") as f:
        f.write(nodes.node_list.text())
    daemon = Daemon(lab, args.cli)
    status = watchers.StatusWatch(lab, daemon)
    samplers = [watchers.NamesWatch(lab.names), watchers.TwiceWatch(lab.conf), status, watchers.MemoryWatch(daemon)]
    ctx = Context(args, lab, daemon, smtp, nodes, status)
    try:
        for sampler in samplers:
            sampler.start()
        daemon.start()
        if daemon.ready(60) is None or labmod.wait_for(ctx.healthy, 90, every=0.2) is None:
            ctx.errors.append("HecnetJobs did not bring PyDECnet and the link up within 90 s of its start")
        warm = lab.database_bytes()
        ctx.started = time.time()
        ctx.deadline = ctx.started + args.minutes * 60
        streams = [threading.Thread(target=run_stream, args=(ctx, name), name=name, daemon=True) for name in schedule.STREAMS]
        if not ctx.errors:
            for stream in streams:
                stream.start()
            for stream in streams:
                while stream.is_alive():
                    stream.join(0.5)
        checks, settled = settle(ctx)
        crashes, excused = exits(daemon, status)
        figures, trend = memory_figures(samplers[3])
        record = scorecard.Record(
            seed=args.seed, minutes=args.minutes, outcomes=ctx.outcomes, alerts=lab.alerts(), messages=smtp.messages(),
            names_invalid=samplers[0].invalid.list, names_samples=samplers[0].samples, twice=samplers[1].twice.list,
            process_samples=samplers[1].samples, stale=status.stale.list, stale_excused=status.stale_excused.list,
            unreadable=status.unreadable.list, oldest_heartbeat=status.oldest,
            names_rejected=[d for (d,) in lab.query("SELECT detail FROM hj_events WHERE kind = 'start-failed' AND "
                                                     "(detail LIKE 'start failed (config-error)%' OR detail LIKE 'start failed (missing-file)%')")],
            crashes=crashes, excused_exits=excused, final=checks, memory=figures, memory_trend=trend,
            database=(warm, lab.database_bytes()), settle=settled, skipping=tuple(sorted(args.skip)), errors=ctx.errors)
    finally:
        daemon.stop()
        lab.simctl("stop")
        for sampler in samplers:
            sampler.stop()
        smtp.stop()
        nodes.close()
        if sys.exc_info()[0] is not None:
            lab.unmount()
    lines, failures = scorecard.judge(record)
    text = "\n".join(lines) + "\n"
    print(text, end="")
    with open(report + ".txt", "w") as f:
        f.write(text)
    with open(report + ".json", "w") as f:
        json.dump({"seed": args.seed, "minutes": args.minutes, "failures": failures,
                   "faults": [{"stream": o.fault.stream, "number": o.fault.number, "kind": o.fault.kind,
                               "params": o.fault.params, "skipped": o.skipped, "detect_s": o.detect_seconds,
                               "recover_s": o.recover_seconds, "notes": o.notes} for o in ctx.outcomes]}, f, indent=1)
    if failures:
        lab.keep_copy(report)
        print(f"bench/soak: the run's folder is kept in {report}/ (config, logs, database, mail)", file=sys.stderr)
    lab.unmount()
    if args.keep:
        print(f"bench/soak: work folder kept: {work}", file=sys.stderr)
    else:
        shutil.rmtree(work, ignore_errors=True)
    print(f"bench/soak: scorecard in {report}.txt", file=sys.stderr)
    return 1 if failures else 0


def interrupted(signum, frame):
    raise KeyboardInterrupt(signal.Signals(signum).name)


if __name__ == "__main__":
    # SIGTERM ends the run like Ctrl-C: the daemon, PyDECnet and the servers are stopped and the tmpfs unmounted.
    signal.signal(signal.SIGTERM, interrupted)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("bench/soak: interrupted; everything it started is stopped", file=sys.stderr)
        sys.exit(130)
