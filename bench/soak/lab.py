"""The soak's world: a work folder with the PyDECnet simulator's files, HecnetJobs' config and jobs.xml on short
intervals, the data folder (a small tmpfs when root, for the disk-full fault), and read-only looks into the database."""
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timezone

import schedule
from services import ROOT

sys.path.insert(0, os.path.join(ROOT, "bench"))
import simapi  # noqa: E402  (bench/simapi.py, shared with the other bench drivers)

SIM = os.path.join(ROOT, "tools", "pydecnet-sim")
TMPFS_MIB = 128
DISK_CRITICAL_MIB = 16
STALE_AFTER = 20.0

JOBS_XML = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by bench/soak: every job on a short interval. -->
<job-scheduling-data xmlns="http://quartznet.sourceforge.net/JobSchedulingData" version="2.0">
  <processing-directives><overwrite-existing-data>true</overwrite-existing-data></processing-directives>
  <schedule>
{jobs}
  </schedule>
</job-scheduling-data>
"""
SIMPLE_JOB = """    <job><name>{name}</name><job-type>{name}</job-type><durable>true</durable></job>
    <trigger><simple><name>{name}-soak</name><job-name>{name}</job-name>
      <misfire-instruction>RescheduleNextWithRemainingCount</misfire-instruction>
      <repeat-count>-1</repeat-count><repeat-interval>{ms}</repeat-interval></simple></trigger>"""
DIGEST_JOB = """    <job><name>daily-digest</name><job-type>daily-digest</job-type><durable>true</durable></job>
    <trigger><cron><name>daily-digest-soak</name><job-name>daily-digest</job-name>
      <misfire-instruction>FireOnceNow</misfire-instruction><cron-expression>0 * * * * ?</cron-expression></cron></trigger>"""


def iso(seconds):
    """An epoch time as the database writes times (fixed-width UTC text, so they compare as strings)."""
    return datetime.fromtimestamp(seconds, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def epoch(text):
    """The database's or the status file's time text as an epoch time."""
    match = re.match(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$", text)
    if not match:
        raise ValueError(f"not a time: {text!r}")
    zone = "+00:00" if match.group(3) == "Z" else match.group(3)
    whole = datetime.fromisoformat(match.group(1) + zone).timestamp()
    return whole + float("0." + (match.group(2) or "0"))


class Lab:
    def __init__(self, work, smtp_port, names_url):
        self.work = work
        self.sim = os.path.join(work, "sim")
        self.data = os.path.join(work, "data")
        os.makedirs(self.sim)
        os.makedirs(self.data)
        self.sock = os.path.join(self.sim, "api.sock")
        self.conf = os.path.join(self.sim, "node.conf")
        self.names = os.path.join(self.sim, "nodenames.dat")
        self.db = os.path.join(self.data, "hecnetjobs.db")
        self.status = os.path.join(self.data, "status.json")
        self.config = os.path.join(work, "config.json")
        self.tmpfs = None
        self.tmpfs_problem = self._mount_tmpfs()
        http_port = simapi.free_port()
        with open(self.conf, "w") as f:
            f.write("routing 9.54 --type l2router\nnode 9.54 SOAK\nnode 1.13 MIM\n"
                    f"node @{self.names}\ncircuit dmc-0 DDCMP --mode tcp --cost 3\n"
                    f"api {self.sock}\nhttp --http-port {http_port}\n")
        with open(os.path.join(self.sim, "control.json"), "w") as f:
            json.dump({"termDelaySeconds": 0.5}, f)
        jobs = os.path.join(work, "jobs.xml")
        with open(jobs, "w") as f:
            f.write(JOBS_XML.format(jobs="\n".join([
                SIMPLE_JOB.format(name="watchdog", ms=int(schedule.WATCHDOG_EVERY * 1000)),
                SIMPLE_JOB.format(name="link-probe", ms=int(schedule.PROBE_EVERY * 1000)),
                SIMPLE_JOB.format(name="name-refresh", ms=int(schedule.NAMES_EVERY * 1000)),
                SIMPLE_JOB.format(name="housekeeping", ms=60000),
                DIGEST_JOB])))
        config = {
            "dataDir": self.data,
            "jobsFile": jobs,
            # The log stays off the small data folder, so the disk-full fault hits the database and the status file.
            "logging": {"dir": os.path.join(work, "logs")},
            "status": {"interval": "2s", "staleAfter": f"{int(STALE_AFTER)}s"},
            "housekeeping": {"retention": "1h"},
            "pydecnet": {"command": os.path.join(SIM, "pydecnet"),
                         "arguments": ["-L", os.path.join(self.sim, "node.log"), self.conf],
                         "workingDirectory": self.sim, "apiSocket": self.sock, "httpPort": http_port,
                         "consoleLog": os.path.join(self.sim, "console.log")},
            "watchdog": {"probeTimeout": "1s", "hangAfter": f"{int(schedule.HANG_AFTER)}s",
                         "stopGrace": f"{int(schedule.STOP_GRACE)}s", "startTimeout": "10s", "restartBurst": 20,
                         "restartWindow": "1m", "backoffInitial": "2s", "backoffMax": "8s", "mainLoopGap": "3s"},
            "linkProbe": {"targets": ["MIM"], "ncpCommand": os.path.join(SIM, "ncp"), "circuit": "DMC-0",
                          "timeout": "3s", "remindEvery": "off"},
            "nameRefresh": {"url": names_url, "timeout": "2s", "retries": 1, "retryDelay": "200ms",
                            "retryDelayMax": "1s", "restart": "now"},
            "alerts": {"nodeName": "SOAK", "retryInitial": "1s", "retryMax": "5s",
                       "smtp": {"host": "127.0.0.1", "port": smtp_port, "security": "none",
                                "to": ["owner@example.org"], "timeout": "5s"}},
            "vitals": {"diskCriticalMiB": DISK_CRITICAL_MIB, "diskWarnMiB": DISK_CRITICAL_MIB * 2,
                       "diskWarnPercent": 0, "memoryWarnMiB": 0, "loadWarnPerCpu": 1000},
        }
        with open(self.config, "w") as f:
            json.dump(config, f, indent=2)

    def _mount_tmpfs(self):
        """None when the data folder is a tmpfs of its own, else why the disk-full fault is skipped."""
        if os.geteuid() != 0:
            return "not root, so no tmpfs can be mounted for the data folder"
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_MIB}m,mode=0755", "soak-data", self.data],
                              capture_output=True, text=True)
        if done.returncode != 0:
            return f"mounting a tmpfs failed: {done.stderr.strip() or done.returncode}"
        self.tmpfs = self.data
        return None

    def unmount(self):
        if self.tmpfs:
            subprocess.run(["umount", "-l", self.tmpfs], capture_output=True)
            self.tmpfs = None

    # The simulator.
    def simctl(self, *args):
        return subprocess.run([os.path.join(SIM, "simctl"), "--dir", self.sim, *args], capture_output=True, text=True)

    def sim_pid(self):
        try:
            with open(os.path.join(self.sim, "sim.pid")) as f:
                return int(f.read().strip())
        except (OSError, ValueError):
            return None

    def api_answers(self, timeout=0.5):
        return simapi.api_answers(self.sock, timeout)

    def pydecnet_running(self, not_pid=None):
        """A live, answering simulator (other than not_pid): the router is up."""
        pid = self.sim_pid()
        return pid is not None and pid != not_pid and process_state(pid) not in (None, "Z", "T", "X") and self.api_answers()

    # The database, read-only: a fresh connection per question so that no read transaction is held.
    def query(self, sql, args=()):
        if not os.path.exists(self.db):
            return []
        try:
            connection = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=5)
        except sqlite3.OperationalError:
            return []
        try:
            return connection.execute(sql, args).fetchall()
        except sqlite3.OperationalError as e:
            if "no such table" in str(e) or "locked" in str(e) or "unable to open" in str(e):
                return []
            raise
        finally:
            connection.close()

    def first_event(self, after, source, kinds, test=None):
        """Epoch time of the first history event of `source` with one of `kinds` at or after `after` (whose detail
        passes `test`, when given)."""
        marks = ",".join("?" for _ in kinds)
        for at, detail in self.query(f"SELECT at, detail FROM hj_events WHERE source = ? AND kind IN ({marks}) "
                                     "AND at >= ? ORDER BY at", (source, *kinds, iso(after))):
            if test is None or test(detail):
                return epoch(at)
        return None

    def link(self, target="MIM"):
        rows = self.query("SELECT state, last_change FROM hj_links WHERE target = ?", (target,))
        return (rows[0][0], epoch(rows[0][1]) if rows[0][1] else None) if rows else (None, None)

    def channel_failing_since(self, name="smtp"):
        rows = self.query("SELECT failing_since FROM hj_channels WHERE name = ?", (name,))
        return epoch(rows[0][0]) if rows and rows[0][0] else None

    def queued(self, channel="smtp"):
        rows = self.query("SELECT count(*) FROM hj_deliveries WHERE channel = ? AND state = 'queued'", (channel,))
        return rows[0][0] if rows else 0

    def alerts(self):
        return [{"id": r[0], "at": epoch(r[1]), "source": r[2], "kind": r[3], "severity": r[4], "subject": r[5]}
                for r in self.query("SELECT id, raised_at, source, kind, severity, subject FROM hj_alerts ORDER BY id")]

    def database_bytes(self):
        return sum(os.path.getsize(p) for p in (self.db, self.db + "-wal", self.db + "-shm") if os.path.exists(p))

    def read_status(self):
        """The status document; None when there is none yet; ValueError when it cannot be read as one."""
        try:
            with open(self.status, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return None
        try:
            document = json.loads(data)
            return document, epoch(document["updatedAt"]), document["daemon"]["pid"]
        except (ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{len(data)} bytes that are not a status document ({e})") from None

    def read_status_safe(self):
        try:
            found = self.read_status()
            return found[0] if found else None
        except ValueError:
            return None

    def free_bytes(self):
        stat = os.statvfs(self.data)
        return stat.f_bavail * stat.f_frsize

    def keep_copy(self, target):
        """Copies what explains a failed run (config, logs, database, mail) out of the work folder."""
        shutil.copytree(self.work, target, ignore=shutil.ignore_patterns("*.sock"), dirs_exist_ok=True)


def process_state(pid):
    """The state letter of /proc/PID/stat (R, S, T, Z, ...), or None when there is no such process."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return None


def wait_for(condition, limit, every=0.05):
    """Polls until `condition()` is true: returns the epoch time it first was, or None after `limit` seconds."""
    end = time.monotonic() + limit
    while True:
        if condition():
            return time.time()
        if time.monotonic() > end:
            return None
        time.sleep(every)
