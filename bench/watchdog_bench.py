#!/usr/bin/env python3
"""Driver behind bench/watchdog.sh: times the watchdog against the PyDECnet simulator; figures only, never pass/fail.

Run it through bench/watchdog.sh, which builds the CLI, makes the temporary folder and cleans up after it.
bench/README.md says what each figure means. Times come from two clocks on this host that are the same wall clock:
time.time() here (taken right before os.kill) and the timestamps HecnetJobs writes to hj_events and hj_job_runs.
"""

import argparse
import json
import os
import random
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

from simapi import api_answers, free_port

CLIENT_POLL = 0.010  # how often this driver asks the API socket '{}' while waiting for the new PyDECnet
FLOOR_POLL = 0.005   # the same for the simulator's own start time, so the floor is not inflated by the poll
WATCHDOG_JOBS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by bench/watchdog_bench.py: the watchdog alone, every {ms} ms. -->
<job-scheduling-data xmlns="http://quartznet.sourceforge.net/JobSchedulingData" version="2.0">
  <processing-directives><overwrite-existing-data>true</overwrite-existing-data></processing-directives>
  <schedule>
    <job><name>watchdog</name><job-type>watchdog</job-type><durable>true</durable></job>
    <trigger>
      <simple>
        <name>watchdog-bench</name>
        <job-name>watchdog</job-name>
        <misfire-instruction>RescheduleNextWithRemainingCount</misfire-instruction>
        <repeat-count>-1</repeat-count>
        <repeat-interval>{ms}</repeat-interval>
      </simple>
    </trigger>
  </schedule>
</job-scheduling-data>
"""


def progress(text):
    print(f"bench/watchdog.sh: {text}", file=sys.stderr, flush=True)


def epoch(iso):
    """hj_events / hj_job_runs time text (UTC, ms) as seconds since the epoch."""
    return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp()


def iso(seconds):
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def proc_status(pid):
    fields = {}
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                key, _, value = line.partition(":")
                fields[key] = value.split()[0] if value.split() else ""
    except OSError:
        pass
    return fields


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        # The command name (field 2) may hold spaces; utime and stime are fields 14 and 15.
        rest = f.read().rsplit(")", 1)[1].split()
    return (int(rest[11]) + int(rest[12])) / os.sysconf("SC_CLK_TCK")


def thread_cpu(pid):
    """CPU seconds per thread: {tid: (name, seconds)}; .NET names its threads (".NET TP Worker", ".NET Timer", ...)."""
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/stat") as f:
                text = f.read()
        except OSError:
            continue  # the thread ended between the listing and the read
        name = text[text.index("(") + 1:text.rindex(")")]
        rest = text.rsplit(")", 1)[1].split()
        threads[tid] = (name, (int(rest[11]) + int(rest[12])) / os.sysconf("SC_CLK_TCK"))
    return threads


class Lab:
    """One scenario's folder: the simulator's folder (node.conf, control.json), config.json, jobs.xml and data."""

    def __init__(self, bench, name, watchdog=None, every_ms=None):
        self.bench = bench
        self.name = name
        self.dir = os.path.join(bench.args.work, name)
        self.sim = os.path.join(self.dir, "sim")
        os.makedirs(self.sim)
        self.sock = os.path.join(self.sim, "api.sock")
        self.conf = os.path.join(self.sim, "node.conf")
        self.log = os.path.join(self.sim, "node.log")
        port = free_port()
        with open(self.conf, "w") as f:
            f.write("routing 9.54 --type l2router\nnode 9.54 SAMPLE\nnode 1.13 MIM\n"
                    f"circuit dmc-0 DDCMP --mode tcp --cost 3\napi {self.sock}\nhttp --http-port {port}\n")
        with open(os.path.join(self.sim, "control.json"), "w") as f:
            json.dump({"termDelaySeconds": bench.args.term_delay}, f)
        jobs = os.path.join(bench.args.root, "jobs.xml")
        if every_ms is not None:
            jobs = os.path.join(self.dir, "jobs.xml")
            with open(jobs, "w") as f:
                f.write(WATCHDOG_JOBS_XML.format(ms=every_ms))
        self.config = os.path.join(self.dir, "config.json")
        config = {
            "dataDir": "data",
            "jobsFile": jobs,
            "pydecnet": {"command": bench.sim_command, "arguments": ["-L", self.log, self.conf],
                         "workingDirectory": self.sim, "apiSocket": self.sock, "httpPort": port},
            # The shipped jobs.xml (figure 5) also has a link probe; it uses the simulator's ncp.
            "linkProbe": {"ncpCommand": os.path.join(bench.args.root, "tools", "pydecnet-sim", "ncp")},
        }
        if watchdog:
            config["watchdog"] = watchdog
        with open(self.config, "w") as f:
            json.dump(config, f, indent=2)
        self.db = os.path.join(self.dir, "data", "hecnetjobs.db")
        self.daemon = None
        bench.labs.append(self)

    def query(self, sql, args=()):
        if not os.path.exists(self.db):
            return []
        connection = sqlite3.connect(self.db, timeout=5)
        try:
            return connection.execute(sql, args).fetchall()
        except sqlite3.OperationalError as e:
            # A one-shot run creates the file a moment before it creates the tables.
            if "no such table" in str(e):
                return []
            raise
        finally:
            connection.close()

    def last_event_id(self):
        return self.query("SELECT coalesce(max(id), 0) FROM hj_events")[0][0]

    def events_after(self, event_id):
        rows = self.query("SELECT id, at, kind, pid, detail FROM hj_events WHERE source = 'watchdog' AND id > ? ORDER BY id",
                          (event_id,))
        return [{"id": r[0], "at": epoch(r[1]), "kind": r[2], "pid": r[3], "detail": r[4]} for r in rows]

    def run_before(self, at):
        """The watchdog run that was going on at a moment: (started_at, origin)."""
        rows = self.query("SELECT started_at, origin FROM hj_job_runs WHERE job = 'watchdog' AND started_at <= ? "
                          "ORDER BY started_at DESC LIMIT 1", (iso(at + 0.0005),))
        return (epoch(rows[0][0]), rows[0][1]) if rows else (None, None)

    def ours(self, pid):
        return pid and self.conf in cmdline(pid) and proc_status(pid).get("State") not in ("Z", "X")

    def current_pid(self):
        for (pid,) in self.query("SELECT pid FROM hj_events WHERE kind = 'spawn' ORDER BY id DESC LIMIT 1"):
            if self.ours(pid):
                return pid
        raise RuntimeError(f"{self.name}: no live simulator from the last spawn event; see {self.dir}")

    def start_daemon(self):
        stderr = open(os.path.join(self.dir, "daemon.stderr"), "w")
        self.daemon = subprocess.Popen([self.bench.args.bin, "run", "--config", self.config], stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
        stderr.close()
        with open(os.path.join(self.dir, "daemon.pid"), "w") as f:
            f.write(f"{self.daemon.pid}\n")
        self.wait_first_start(lambda: self.daemon.poll() is None, "the daemon")

    def wait_first_start(self, alive, who):
        deadline = time.time() + 60
        while time.time() < deadline and alive():
            if self.query("SELECT 1 FROM hj_events WHERE kind = 'restart'") and api_answers(self.sock):
                time.sleep(1)  # let the start-up runs (schedule and start trigger) finish
                return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name}: {who} did not start an answering simulator within 60 s; see {self.dir}")

    def stop_daemon(self):
        if self.daemon is None or self.daemon.poll() is not None:
            return
        self.daemon.send_signal(signal.SIGTERM)
        try:
            self.daemon.wait(30)
        except subprocess.TimeoutExpired:
            self.daemon.kill()
            self.daemon.wait()

    def kill_simulators(self):
        """SIGKILLs this lab's simulators, found by the node.conf path in their command line (unique to this run's folder).

        The spawn events and sim.pid are not enough: a run cancelled by the daemon's stop may have spawned one that is
        in neither yet. It is looked for again for a while, since such a one may still be on its way through exec.
        """
        deadline = time.time() + (2 if self.daemon else 0)
        while True:
            for pid in (int(p) for p in os.listdir("/proc") if p.isdigit()):
                if self.ours(pid):
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass  # it ended between the check and the signal: nothing left to do
            if time.time() >= deadline:
                return
            time.sleep(0.1)

    def keep(self):
        """Copies the daemon's stderr, log and the history into the raw folder."""
        raw = os.path.join(self.bench.args.raw, self.name)
        os.makedirs(raw, exist_ok=True)
        for src in ("daemon.stderr", "cron.stderr", "config.json", "jobs.xml", "sim/node.log"):
            path = os.path.join(self.dir, src)
            if os.path.exists(path):
                with open(path, "rb") as f, open(os.path.join(raw, os.path.basename(src)), "wb") as out:
                    out.write(f.read())
        with open(os.path.join(raw, "events.tsv"), "w") as out:
            for row in self.query("SELECT at, kind, pid, detail FROM hj_events ORDER BY id"):
                out.write("\t".join(str(v).replace("\n", " | ") for v in row) + "\n")
        with open(os.path.join(raw, "runs.tsv"), "w") as out:
            for row in self.query("SELECT started_at, finished_at, origin, result, summary FROM hj_job_runs ORDER BY id"):
                out.write("\t".join(str(v) for v in row) + "\n")


class CronLoop(threading.Thread):
    """Stands in for cron: starts `hecnetjobs trigger watchdog` every K seconds on a fixed grid, never waiting for it."""

    def __init__(self, lab, every):
        super().__init__(daemon=True)
        self.lab, self.every = lab, every
        self.stop = threading.Event()
        self.fires = []    # start times
        self.durations = []
        self.procs = []
        self.t0 = time.time()
        self.stderr = open(os.path.join(lab.dir, "cron.stderr"), "w")

    def run(self):
        n = 0
        while not self.stop.wait(max(0.0, self.t0 + n * self.every - time.time())):
            started = time.time()
            proc = subprocess.Popen([self.lab.bench.args.bin, "trigger", "watchdog", "--config", self.lab.config],
                                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.stderr,
                                    start_new_session=True)
            self.fires.append(started)
            self.procs.append(proc)
            threading.Thread(target=self._time, args=(proc, started), daemon=True).start()
            n += 1

    def _time(self, proc, started):
        proc.wait()
        self.durations.append(time.time() - started)

    def finish(self):
        self.stop.set()
        self.join()
        for proc in self.procs:
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.stderr.close()


def first(events, kind, contains=None):
    for e in events:
        if e["kind"] == kind and (contains is None or contains in e["detail"]):
            return e
    return None


class Bench:
    def __init__(self, args):
        self.args = args
        self.sim_command = os.path.join(args.root, "tools", "pydecnet-sim", "pydecnet")
        self.labs = []
        self.crons = []
        self.figures = {}  # key -> list of seconds
        self.notes = {}
        self.raw_rows = []
        self.floor_lab = None

    # --- one disruption --------------------------------------------------------------------------------------

    def disrupt(self, lab, scenario, run, sig, client_poll):
        """Signals the running simulator and waits for the watchdog's restart event; returns the times, 0 = the signal."""
        pid = lab.current_pid()
        mark = lab.last_event_id()
        t0 = time.time()
        os.kill(pid, sig)
        client = None
        deadline = t0 + 120
        events = []
        while time.time() < deadline:
            if client_poll:
                if client is None and api_answers(lab.sock, 0.2):
                    client = time.time()
                if client is None:
                    time.sleep(CLIENT_POLL)
                    continue
            events = lab.events_after(mark)
            # A failed start is part of the recovery being timed: the watchdog tries again, so wait for the restart.
            if first(events, "restart"):
                break
            time.sleep(0.02 if client_poll else 0.1)
        restart = first(events, "restart")
        spawn = first(events, "spawn")
        if restart is None or spawn is None:
            failed = first(events, "start-failed")
            why = f"last start failed: {failed['detail']}" if failed else "no spawn"
            raise RuntimeError(f"{lab.name}: run {run}: no restart within 120 s of signal {sig} to PID {pid} ({why}); "
                               f"history in {self.args.raw}/{lab.name}/")
        run_start, origin = lab.run_before(spawn["at"])
        row = {"scenario": scenario, "run": run, "pid": pid, "origin": origin, "t0": t0,
               "spawn": spawn["at"] - t0, "answering": restart["at"] - t0,
               "reported_answering_ms": int(re.search(r"answering after (\d+) ms", restart["detail"]).group(1)),
               "run_start": run_start - t0 if run_start else None,
               "client": client - t0 if client else None}
        for key, word in (("down", "-> down"), ("not_answering", "-> not-answering"), ("hung", "-> hung")):
            e = first(events, "state", contains=word)
            row[key] = e["at"] - t0 if e else None
        stop = first(events, "stop")
        row["stopped"] = stop["at"] - t0 if stop else None
        row["stop_detail"] = stop["detail"] if stop else None
        row["start_failed"] = [e["detail"].split("\n")[0] for e in events if e["kind"] == "start-failed" and e["at"] < restart["at"]]
        if row["start_failed"]:
            self.notes.setdefault(f"{scenario}.failed", []).append(f"run {run}: {row['start_failed'][0]}")
        self.raw_rows.append(row)
        return row

    def add(self, key, value):
        if value is not None:
            self.figures.setdefault(key, []).append(value)

    # --- the scenarios ---------------------------------------------------------------------------------------

    def floor(self):
        """The simulator's own start time, started the way the watchdog starts it (posix_spawn, new session)."""
        if self.floor_lab is None:
            self.floor_lab = Lab(self, "0-floor")
        lab = self.floor_lab
        if os.path.exists(lab.sock):
            os.unlink(lab.sock)
        with open(os.path.join(lab.dir, "console.log"), "ab"):
            pass
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                   (os.POSIX_SPAWN_OPEN, 1, os.path.join(lab.dir, "console.log"), os.O_WRONLY | os.O_APPEND, 0),
                   (os.POSIX_SPAWN_DUP2, 1, 2)]
        os.chdir(lab.sim)
        t0 = time.time()
        pid = os.posix_spawn(self.sim_command, [self.sim_command, "-L", lab.log, lab.conf], os.environ,
                             file_actions=actions, setsid=True)
        answered = None
        exited = False
        try:
            while time.time() < t0 + 30:
                if os.waitpid(pid, os.WNOHANG) != (0, 0):
                    exited = True  # and reaped: its PID must not be signalled any more
                    break
                if api_answers(lab.sock, 0.2):
                    answered = time.time()
                    break
                time.sleep(FLOOR_POLL)
        finally:
            os.chdir(self.args.root)
            if not exited:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
        if answered is None:
            raise RuntimeError(f"the simulator in {lab.sim} did not answer within 30 s; see {lab.log}")
        self.add("floor", answered - t0)

    def floors(self):
        progress(f"0: the simulator's own start time, {self.args.runs} starts ...")
        for _ in range(self.args.runs):
            self.floor()
            time.sleep(0.2)

    def daemon_kills(self):
        # The watchdog alone, on the shipped 2-minute schedule: the other shipped jobs need settings this bench is not about.
        lab = Lab(self, "1-daemon", {"restartBurst": 100, "restartWindow": "1m"}, every_ms=120000)
        progress(f"0 and 1: daemon mode, kill -9, {self.args.runs} runs, each after one start of the simulator alone ...")
        lab.start_daemon()
        for i in range(self.args.runs):
            # The floor is measured between the kills, so that both see the same load on this shared machine.
            self.floor()
            time.sleep(1 + random.uniform(0, 0.3))
            r = self.disrupt(lab, "1-daemon", i, signal.SIGKILL, client_poll=True)
            self.add("1.spawn", r["spawn"])
            self.add("1.answering", r["answering"])
            self.add("1.client", r["client"])
            self.add("1.wake", r["run_start"])
            self.add("1.locate", r["down"] - r["run_start"])
            self.add("1.prepare", r["spawn"] - r["down"])
            self.add("1.start", r["answering"] - r["spawn"])
            self.add("1.reported", r["reported_answering_ms"] / 1000)
            self.notes.setdefault("1.origins", []).append(r["origin"])
        lab.stop_daemon()

    def random_phase_kills(self, lab, key, period):
        for i in range(self.args.runs):
            time.sleep(0.5 + random.uniform(0, period))
            r = self.disrupt(lab, lab.name, i, signal.SIGKILL, client_poll=True)
            self.add(f"{key}.spawn", r["spawn"])
            self.add(f"{key}.answering", r["answering"])
            self.add(f"{key}.client", r["client"])
            self.add(f"{key}.wait", r["run_start"])
            self.add(f"{key}.path", r["spawn"] - r["run_start"])
            self.add(f"{key}.pathAnswering", r["answering"] - r["run_start"])
            self.notes.setdefault(f"{key}.origins", []).append(r["origin"])

    def poll_only(self):
        period = self.args.poll_every
        lab = Lab(self, "2-poll-only", {"reactToExit": False, "restartBurst": 100, "restartWindow": "1m"}, period * 1000)
        progress(f"2: daemon, reactToExit=false, watchdog every {period} s, {self.args.runs} runs (about {self.args.runs * period} s) ...")
        lab.start_daemon()
        self.random_phase_kills(lab, "2", period)
        self.notes["2.zombies"] = sum(1 for p in os.listdir("/proc") if p.isdigit() and proc_status(int(p)).get("State") == "Z"
                                      and proc_status(int(p)).get("PPid") == str(lab.daemon.pid))
        lab.stop_daemon()

    def cron(self):
        every = self.args.cron_every
        lab = Lab(self, "3-cron", {"restartBurst": 100, "restartWindow": "1m"})
        progress(f"3: cron mode, trigger every {every} s, {self.args.runs} runs (about {self.args.runs * every} s) ...")
        loop = CronLoop(lab, every)
        self.crons.append(loop)
        loop.start()
        lab.wait_first_start(lambda: True, "the cron loop")
        self.random_phase_kills(lab, "3", every)
        loop.finish()
        # The fire that led to each restart: the last one before its job run started.
        for r in (r for r in self.raw_rows if r["scenario"] == lab.name):
            start_abs = r["t0"] + r["run_start"]
            fire = max((f for f in loop.fires if f <= start_abs), default=None)
            if fire is not None:
                self.add("3.toFire", fire - r["t0"])
                self.add("3.cliStart", start_abs - fire)
        for d in loop.durations:
            self.add("3.triggerWall", d)

    def hang(self):
        options = {"probeTimeout": "1s", "hangAfter": "5s", "stopGrace": f"{self.args.stop_grace}s",
                   "restartBurst": 100, "restartWindow": "1m"}
        lab = Lab(self, "4-hang", options, 2000)
        progress(f"4: SIGSTOP, hangAfter 5s, probeTimeout 1s, stopGrace {self.args.stop_grace}s, watchdog every 2 s, "
                 f"{self.args.runs} runs (about {self.args.runs * 10} s) ...")
        lab.start_daemon()
        for i in range(self.args.runs):
            time.sleep(1 + random.uniform(0, 2))
            r = self.disrupt(lab, lab.name, i, signal.SIGSTOP, client_poll=False)
            self.add("4.spawn", r["spawn"])
            self.add("4.answering", r["answering"])
            self.add("4.notAnswering", r["not_answering"])
            self.add("4.hung", r["hung"])
            self.add("4.stopToSpawn", r["spawn"] - r["hung"] if r["hung"] else None)
            self.add("4.start", r["answering"] - r["spawn"])
            self.notes.setdefault("4.stops", []).append(r["stop_detail"])
        lab.stop_daemon()

    def resources(self):
        minutes = self.args.watch_minutes
        lab = Lab(self, "5-resources")  # the shipped jobs.xml and watchdog defaults
        progress(f"5: daemon CPU and RSS over {minutes} min of healthy watching (shipped jobs.xml: watchdog every 2 min) ...")
        lab.start_daemon()
        time.sleep(5)
        pid = lab.daemon.pid
        runs_before = lab.query("SELECT count(*) FROM hj_job_runs")[0][0]
        t0, cpu0, threads0 = time.time(), cpu_seconds(pid), thread_cpu(pid)
        start = proc_status(pid)
        samples = [int(start["VmRSS"])]
        end_at = t0 + minutes * 60
        while time.time() < end_at:
            time.sleep(min(5, max(0, end_at - time.time())))
            samples.append(int(proc_status(pid)["VmRSS"]))
        t1, cpu1, threads1 = time.time(), cpu_seconds(pid), thread_cpu(pid)
        by_name = {}
        for tid, (name, seconds) in threads1.items():
            by_name[name] = by_name.get(name, 0) + seconds - threads0.get(tid, (name, 0))[1]
        end = proc_status(pid)
        samples.append(int(end["VmRSS"]))
        self.notes["5"] = {
            "minutes": (t1 - t0) / 60, "cpu": cpu1 - cpu0, "per_hour": (cpu1 - cpu0) / (t1 - t0) * 3600,
            "rss_start": int(start["VmRSS"]) / 1024, "rss_end": int(end["VmRSS"]) / 1024, "rss_max": max(samples) / 1024,
            "hwm": int(end["VmHWM"]) / 1024, "threads": f'{start["Threads"]} -> {end["Threads"]}',
            "runs": lab.query("SELECT count(*) FROM hj_job_runs")[0][0] - runs_before, "samples": len(samples),
            "threads_cpu": sorted(by_name.items(), key=lambda kv: -kv[1]),
        }
        with open(os.path.join(self.args.raw, "5-rss-samples-kB.txt"), "w") as f:
            f.write("\n".join(map(str, samples)) + "\n")
        lab.stop_daemon()

    def cleanup(self):
        for loop in self.crons:
            if loop.is_alive() or not loop.stop.is_set():
                loop.finish()
        for lab in self.labs:
            lab.stop_daemon()
        for lab in self.labs:
            lab.kill_simulators()
            lab.keep()

    # --- the report ------------------------------------------------------------------------------------------

    def report(self, header):
        lines = []
        say = lines.append
        fig = self.figures

        def med(key):
            return statistics.median(fig[key]) if fig.get(key) else None

        def row(label, key=None, target="", values=None):
            v = values if values is not None else fig.get(key, [])
            cells = (fmt(statistics.median(v)), fmt(max(v)), str(len(v))) if v else ("-", "-", "0")
            say(f"{label:<62} {cells[0]:>10} {cells[1]:>10} {cells[2]:>3}   {target}".rstrip())

        items = self.args.items
        say(header)
        say("")
        say(f"{'figure (times from the signal unless said otherwise)':<62} {'median':>10} {'max':>10} {'n':>3}   target / compare with")
        floor = med("floor")
        row("0  simulator's own start: spawn -> answering (the floor)", "floor", "- (posix_spawn here, '{}' polled every 5 ms)")
        if "1" in items:
            target = f"< {fmt(floor + 0.1)} (floor + 100 ms, issue target)" if floor else "floor + 100 ms"
            row("1a daemon: kill -9 -> new PyDECnet spawned", "1.spawn", "< 20 ms (issue target)")
            row("1b daemon: kill -9 -> answering (restart event)", "1.answering", target)
            row("1c daemon: kill -9 -> answering (seen by a client here)", "1.client", target)
            row("   of 1a: kill -> watchdog run starts (pidfd wake-up)", "1.wake")
            row("          run start -> 'down' decided (state load, /proc scan)", "1.locate")
            row("          'down' -> spawn (budget, save, 2nd scan, socket)", "1.prepare")
            row("   of 1b: spawn -> answering (simulator start, 20 ms poll)", "1.start")
        if "2" in items:
            p = self.args.poll_every
            row(f"2a poll-only (reactToExit=false), every {p} s: kill -> spawned", "2.spawn", f"uniform wait: mean {p / 2:g} s, max {p:g} s")
            row("2b poll-only: kill -> answering (restart event)", "2.answering")
            row("   of 2a: kill -> scheduled run starts (the wait)", "2.wait")
            row("          scheduled run start -> spawn", "2.path")
            path, path_ans = fig.get("2.path"), fig.get("2.pathAnswering")
            if path and path_ans:
                say(f"{'2c poll-only every 120 s (COMPUTED, not measured):':<62} {'mean':>10} {'max':>10}")
                say(f"{'   kill -> spawned = U(0,120 s) + measured run start -> spawn':<62} "
                    f"{fmt(60 + statistics.median(path)):>10} {fmt(120 + max(path)):>10}")
                say(f"{'   kill -> answering = U(0,120 s) + run start -> answering':<62} "
                    f"{fmt(60 + statistics.median(path_ans)):>10} {fmt(120 + max(path_ans)):>10}")
        if "3" in items:
            k = self.args.cron_every
            row(f"3a cron, `trigger watchdog` every {k} s: kill -> spawned", "3.spawn", f"bounded by {k} s + CLI start-up + run")
            row("3b cron: kill -> answering (restart event)", "3.answering")
            row("   of 3a: kill -> cron starts the trigger (the wait)", "3.toFire")
            row("          trigger started -> job run starts (CLI start-up)", "3.cliStart")
            row("          job run start -> spawn", "3.path")
            row("   one `trigger watchdog` process, wall time (all fires)", "3.triggerWall")
        if "4" in items:
            g = self.args.stop_grace
            row("4a SIGSTOP -> new PyDECnet spawned", "4.spawn", f"hangAfter + stopGrace = 5 s + {g:g} s = {5 + g:g} s")
            row("4b SIGSTOP -> answering (restart event)", "4.answering")
            row("   of 4a: SIGSTOP -> 'not-answering' recorded", "4.notAnswering", "schedule wait U(0,2 s) + probeTimeout 1 s")
            row("          SIGSTOP -> 'hung' decided", "4.hung")
            row("          'hung' -> spawn (SIGTERM stop, 2nd scan, socket)", "4.stopToSpawn",
                f"termDelaySeconds {self.args.term_delay:g} s, stopGrace {g:g} s")
            row("   of 4b: spawn -> answering", "4.start")
        if "5" in items and "5" in self.notes:
            n = self.notes["5"]
            say(f"5  daemon over {n['minutes']:.1f} min of healthy watching (shipped jobs.xml and watchdog defaults, "
                f"{n['runs']} job runs):")
            say(f"   CPU {n['cpu']:.2f} s = {n['per_hour']:.1f} CPU s per hour ({n['per_hour'] / 36:.3f} % of one core)")
            say(f"   VmRSS start {n['rss_start']:.1f} MB, end {n['rss_end']:.1f} MB, max {n['rss_max']:.1f} MB "
                f"({n['samples']} samples, 5 s apart); VmHWM {n['hwm']:.1f} MB; threads {n['threads']}")
            busy = [f"{name} {seconds:.2f} s" for name, seconds in n["threads_cpu"] if seconds > 0][:5]
            ended = n["cpu"] - sum(seconds for _, seconds in n["threads_cpu"])
            say("   CPU by thread name: " + (", ".join(busy) or "-") + f"; threads that ended meanwhile {ended:.2f} s")
        say("")
        say("notes:")
        for key, what in (("1.origins", "1"), ("2.origins", "2"), ("3.origins", "3")):
            if key in self.notes:
                counts = {o: self.notes[key].count(o) for o in sorted(set(map(str, self.notes[key])))}
                say(f"  {what}: the restarting watchdog run came from: " + ", ".join(f"{o} {c}" for o, c in counts.items()))
        if "1.reported" in fig:
            say(f"  1: 'answering after N ms' in the restart event (launch -> answered, the daemon's own clock): "
                f"median {fmt(med('1.reported'))}, max {fmt(max(fig['1.reported']))}")
        if "2.zombies" in self.notes:
            say(f"  2: zombie children of the poll-only daemon after the runs: {self.notes['2.zombies']} "
                "(killed simulators nobody reaped)")
        if "4.stops" in self.notes:
            kinds = sorted({re.sub(r"PID \d+", "PID n", s or "no stop event") for s in self.notes["4.stops"]})
            say("  4: stop events: " + "; ".join(kinds[:4]) + (" ..." if len(kinds) > 4 else "")
                + " (the event's time is when the stop began, not when it ended)")
        for key in sorted(k for k in self.notes if k.endswith(".failed")):
            runs = self.notes[key]
            say(f"  {key[:-7]}: {len(runs)} of the runs needed a second start (timed to the first spawn and the final answer): "
                + "; ".join(runs[:3]) + (" ..." if len(runs) > 3 else ""))
        say("  restartBurst 100 with restartWindow 1m in 1-4 (100 is the config's maximum): the budget never applied.")
        say("  hj_events times are whole ms (truncated): event-based figures can read up to 1 ms short.")
        return "\n".join(lines)


def fmt(seconds):
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if abs(seconds) < 1 else f"{seconds:.2f} s"


def main():
    parser = argparse.ArgumentParser(description="run through bench/watchdog.sh")
    parser.add_argument("--root", required=True)
    parser.add_argument("--bin", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--raw", required=True)
    parser.add_argument("--report", required=True)
    parser.add_argument("--header", default="")
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--watch-minutes", type=int, default=10)
    parser.add_argument("--cron-every", type=int, default=10)
    parser.add_argument("--poll-every", type=int, default=10)
    parser.add_argument("--stop-grace", type=float, default=3)
    parser.add_argument("--term-delay", type=float, default=0.2)
    parser.add_argument("--items", default="1,2,3,4,5")
    args = parser.parse_args()
    args.items = set(args.items.split(","))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    bench = Bench(args)
    try:
        if "1" not in args.items:
            bench.floors()
        for item, step in (("1", bench.daemon_kills), ("2", bench.poll_only), ("3", bench.cron), ("4", bench.hang),
                           ("5", bench.resources)):
            if item in args.items:
                step()
    except KeyboardInterrupt:
        sys.exit(130)
    finally:
        bench.cleanup()
        with open(os.path.join(args.raw, "runs.json"), "w") as f:
            json.dump(bench.raw_rows, f, indent=1)
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    text = bench.report(args.header + f"; load average after: {load}")
    print(text)
    with open(args.report, "w") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
