"""The status page's costs, for bench/web.sh: idle memory (page off, on, open), CPU while open, request times.

Each daemon runs .build/hecnetjobs/hecnetjobs in its own temporary folder with a week of link history for MIM (a check
every 2 minutes, a 20-minute outage each night), so the page draws real timelines. Standard library only; every daemon
and feed it starts is stopped at the end, also on Ctrl-C or a failure."""
import argparse
import http.client
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import tempfile
import threading
import time
from datetime import datetime, timedelta, timezone

JOBS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<job-scheduling-data xmlns="http://quartznet.sourceforge.net/JobSchedulingData" version="2.0"><schedule>
<job><name>housekeeping</name><job-type>housekeeping</job-type></job>
<job><name>link-probe</name><job-type>link-probe</job-type></job>
</schedule></job-scheduling-data>
"""


def stamp(t):
    """HecnetJobs' stored time format (Store/StoreTime.cs)."""
    return t.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


class Daemon:
    def __init__(self, root, web):
        self.web = web
        self.dir = tempfile.mkdtemp(prefix="hecnetjobs-webbench.")
        self.binary = os.path.join(root, ".build", "hecnetjobs", "hecnetjobs")
        self.config = os.path.join(self.dir, "config.json")
        with open(os.path.join(self.dir, "jobs.xml"), "w") as f:
            f.write(JOBS_XML)
        web_section = ', "web": { "enabled": true, "listen": "127.0.0.1:0" }' if web else ""
        ncp = os.path.join(root, "tools", "pydecnet-sim", "ncp")
        with open(self.config, "w") as f:
            f.write(f'{{ "dataDir": "data", "linkProbe": {{ "ncpCommand": "{ncp}" }}, "alerts": {{ "nodeName": "BENCH" }}{web_section} }}')
        self.process = None
        self.port = None

    def seed(self):
        """Creates the database through a one-shot run, then writes a week of MIM history into it; returns the checks."""
        subprocess.run([self.binary, "trigger", "housekeeping", "--config", self.config],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        db = sqlite3.connect(os.path.join(self.dir, "data", "hecnetjobs.db"))
        now = datetime.now(timezone.utc)
        t = now - timedelta(days=7, hours=1)
        state = "up"
        events = [(stamp(t), "link-probe", "link-state", None, "MIM unknown -> up: MIM reachable")]
        checks = []
        while t < now:
            verdict = "down" if t.hour == 3 and t.minute < 20 else "up"
            if verdict != state:
                events.append((stamp(t), "link-probe", "link-state", None, f"MIM {state} -> {verdict}: bench"))
                state = verdict
            checks.append((stamp(t), "link-probe", "MIM", verdict, "node", f"MIM {verdict}", 0, 40))
            t += timedelta(minutes=2)
        db.executemany("INSERT INTO hj_link_checks (at, source, target, verdict, kind, reason, exit_code, elapsed_ms) VALUES (?,?,?,?,?,?,?,?)", checks)
        db.executemany("INSERT INTO hj_events (at, source, kind, pid, detail) VALUES (?,?,?,?,?)", events)
        last = checks[-1][0]
        db.execute("INSERT INTO hj_links (target, state, since, last_change, last_check, last_verdict, last_reason, down_count, up_count) "
                   "VALUES ('MIM', ?, ?, ?, ?, ?, 'bench', 0, 0)", (state, last, last, last, state))
        db.commit()
        db.close()
        return len(checks)

    def start(self):
        self.stderr = os.path.join(self.dir, "stderr.txt")
        with open(self.stderr, "w") as err:
            self.process = subprocess.Popen([self.binary, "run", "--config", self.config], stdout=subprocess.DEVNULL, stderr=err)
        deadline = time.time() + 60
        while time.time() < deadline:
            text = open(self.stderr).read()
            if "started as PID" in text and (not self.web or "listening on" in text):
                match = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", text)
                self.port = int(match.group(1)) if match else None
                return
            if self.process.poll() is not None:
                raise RuntimeError(f"the daemon exited: {text}")
            time.sleep(0.1)
        raise RuntimeError("the daemon did not start within 60 s")

    def memory(self):
        fields = {}
        for line in open(f"/proc/{self.process.pid}/status"):
            key, _, value = line.partition(":")
            if key in ("VmRSS", "RssAnon", "RssFile"):
                fields[key] = int(value.split()[0]) / 1024
        return fields

    def cpu_seconds(self):
        stat = open(f"/proc/{self.process.pid}/stat").read()
        fields = stat[stat.rindex(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


class Feed:
    """An open /events connection, read in a thread as a browser keeps it."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        self.connection.request("GET", "/events")
        self.response = self.connection.getresponse()
        self.thread = threading.Thread(target=self.read, daemon=True)
        self.thread.start()

    def read(self):
        try:
            for _ in self.response:
                pass
        except (OSError, ValueError, AttributeError):
            pass  # closed by close() under the reader (http.client then drops its socket): the feed has ended

    def close(self):
        self.connection.close()


def request_ms(port, path):
    """One request on a new connection: the time to the whole body (for /events, to the end of the first event)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request("GET", path)
    response = connection.getresponse()
    if path == "/events":
        body = b""
        while not body.endswith(b"\n\n") or b"data:" not in body:
            body += response.readline()
    else:
        body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    connection.close()
    return elapsed, len(body)


def idle_daemons(root, count, idle, web, feed):
    """Median VmRSS, RssAnon, RssFile (MB) and CPU (% of one core over the idle time) of `count` daemons."""
    samples = []
    for _ in range(count):
        daemon = Daemon(root, web)
        opened = None
        try:
            daemon.seed()
            daemon.start()
            opened = Feed(daemon.port) if feed else None
            time.sleep(2)
            cpu_before = daemon.cpu_seconds()
            time.sleep(idle)
            cpu = daemon.cpu_seconds() - cpu_before
            memory = daemon.memory()
            samples.append((memory["VmRSS"], memory["RssAnon"], memory["RssFile"], cpu / idle * 100))
        finally:
            if opened:
                opened.close()
            daemon.stop()
    return [statistics.median(column) for column in zip(*samples)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rss-runs", type=int, default=3)
    parser.add_argument("--idle", type=int, default=30)
    args = parser.parse_args()

    load = " ".join(open("/proc/loadavg").read().split()[:3])
    print(f"HecnetJobs status page bench, {datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, load {load}")
    print(f"medians; memory and CPU of {args.rss_runs} daemon(s) each idle {args.idle} s; {args.runs} requests per time figure\n")

    off = idle_daemons(args.root, args.rss_runs, args.idle, web=False, feed=False)
    on = idle_daemons(args.root, args.rss_runs, args.idle, web=True, feed=False)
    live = idle_daemons(args.root, args.rss_runs, args.idle, web=True, feed=True)
    print("figure                              VmRSS MB  RssAnon MB  RssFile MB  CPU %    x A")
    for label, row in (("A web off", off), ("B web on, no page open", on), ("C web on, one live feed open", live)):
        print(f"{label:35} {row[0]:8.1f}  {row[1]:10.1f}  {row[2]:10.1f}  {row[3]:5.2f}  {row[0] / off[0]:5.2f}")

    daemon = Daemon(args.root, web=True)
    try:
        checks = daemon.seed()
        daemon.start()
        print(f"\nrequest times, one daemon with a week of MIM history ({checks} checks); x F = over the 404 floor")
        print("figure                              median ms  max ms   bytes    x F")
        rows = []
        for label, path in (("F 404 (the floor)", "/nope"), ("G /status.json", "/status.json"), ("H /metrics", "/metrics"),
                            ("I / (the page)", "/"), ("J /events, first event", "/events")):
            for _ in range(3):
                request_ms(daemon.port, path)
            times = [request_ms(daemon.port, path) for _ in range(args.runs)]
            rows.append((label, statistics.median(t for t, _ in times), max(t for t, _ in times), times[-1][1]))
        floor = rows[0][1]
        for label, median, worst, size in rows:
            print(f"{label:35} {median:9.2f}  {worst:6.1f}  {size:6d}  {median / floor:5.1f}")
    finally:
        daemon.stop()
    print(f"\nload after: {' '.join(open('/proc/loadavg').read().split()[:3])}")


if __name__ == "__main__":
    main()
