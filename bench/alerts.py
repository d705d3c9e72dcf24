#!/usr/bin/python3
"""Alert delivery figures (a report, never pass/fail): run with Debian's python3, which has python3-aiosmtpd.

1. Latency: the daemon runs with the SMTP channel pointed at a local aiosmtpd server (tests/HecnetJobs.Tests/Support/
   smtp_server.py). An alert row is committed the way a job commits it with its state change; the figure is the time
   from that commit to the server accepting the message (its own clock, same host). Median, min and max of --runs.
2. Drain: with the daemon stopped, --drain alerts are queued (as after an outage); the daemon is started and the
   figure is the time from its "started" log line to the one coalesced message being accepted.

Usage: bench/alerts.py [--runs 20] [--drain 1000]. Builds the CLI with scripts/hecnetjobs. Leaves nothing behind.
"""
import argparse
import glob
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, ".build", "hecnetjobs", "hecnetjobs")
INSERT = """INSERT INTO hj_alerts (raised_at, source, kind, severity, subject, body)
            VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'bench', 'bench', 'warning', ?, 'benchmark alert')"""


# Every process started here, ended on the way out whatever happens.
CHILDREN = []


def wait_for(condition, what, limit=60.0):
    start = time.monotonic()
    while not condition():
        if time.monotonic() - start > limit:
            raise TimeoutError(f"gave up waiting for {what}")
        time.sleep(0.005)


def received(folder):
    return sorted(glob.glob(os.path.join(folder, "*.json")))


def start_daemon(config, log):
    daemon = subprocess.Popen([CLI, "run", "--config", config], stdout=subprocess.DEVNULL, stderr=open(log, "w"))
    CHILDREN.append(daemon)
    wait_for(lambda: "started as PID" in open(log).read(), "the daemon to start")
    return daemon, time.time()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--drain", type=int, default=1000)
    args = parser.parse_args()
    subprocess.run([os.path.join(ROOT, "scripts", "hecnetjobs"), "--version"], check=True, stdout=subprocess.DEVNULL)

    with tempfile.TemporaryDirectory(prefix="hecnetjobs-bench-alerts-") as work:
        try:
            latencies, drain, size = measure(work, args)
        finally:
            # Before the folder goes: a daemon still running would write into it while it is removed.
            stop_children()
    report(latencies, drain, size, args)


def stop_children():
    for child in CHILDREN:
        if child.poll() is None:
            child.terminate()
            child.wait()


def measure(work, args):
    mail = os.path.join(work, "received")
    os.makedirs(mail)
    server = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "tests", "HecnetJobs.Tests", "Support", "smtp_server.py"), "--dir", mail],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    CHILDREN.append(server)
    port = int(server.stdout.readline().split()[1])
    with open(os.path.join(work, "jobs.xml"), "w") as f:
        f.write('<job-scheduling-data xmlns="http://quartznet.sourceforge.net/JobSchedulingData" version="2.0"><schedule>'
                '<job><name>housekeeping</name><job-type>housekeeping</job-type></job></schedule></job-scheduling-data>')
    config = os.path.join(work, "config.json")
    with open(config, "w") as f:
        json.dump({"dataDir": "data", "alerts": {"nodeName": "BENCH", "smtp": {
            "host": "127.0.0.1", "port": port, "security": "none", "to": ["owner@example.org"]}}}, f)
    database = os.path.join(work, "data", "hecnetjobs.db")
    log = os.path.join(work, "daemon.log")

    daemon, _ = start_daemon(config, log)
    latencies = []
    for i in range(args.runs):
        before = len(received(mail))
        with sqlite3.connect(database, timeout=30) as db:
            db.execute(INSERT, (f"bench alert {i}",))
            committed = time.time()
        wait_for(lambda: len(received(mail)) > before, f"message {i}")
        latencies.append(json.load(open(received(mail)[-1]))["received_at"] - committed)
        # At a random point of the outbox's poll cycle, as a real state change would be.
        time.sleep(random.uniform(0.05, 1.0))
    daemon.terminate()
    daemon.wait()

    with sqlite3.connect(database, timeout=30) as db:
        db.executemany(INSERT, [(f"queued alert {i}",) for i in range(args.drain)])
    before = len(received(mail))
    daemon, started = start_daemon(config, log)
    wait_for(lambda: len(received(mail)) > before, "the coalesced message", limit=300)
    meta = json.load(open(received(mail)[-1]))
    drain = meta["received_at"] - started
    size = os.path.getsize(received(mail)[-1][:-5] + ".eml")
    daemon.terminate()
    daemon.wait()
    server.stdin.close()
    server.wait()
    return latencies, drain, size


def report(latencies, drain, size, args):
    ms = [l * 1000 for l in latencies]
    print(f"alert committed -> accepted by local SMTP, {len(ms)} runs: median {statistics.median(ms):.0f} ms, "
          f"min {min(ms):.0f} ms, max {max(ms):.0f} ms (outbox poll interval 250 ms)")
    print(f"{args.drain} queued alerts -> one message accepted, after the daemon's start: {drain * 1000:.0f} ms "
          f"({size // 1024} KiB message)")


if __name__ == "__main__":
    try:
        main()
    except TimeoutError as e:
        sys.exit(str(e))
