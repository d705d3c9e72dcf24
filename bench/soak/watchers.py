"""Samplers that run through the whole soak and record every moment a promise was broken: the names file unusable,
two PyDECnets at once, the status file stale or unreadable while the daemon lived; and the daemon's memory."""
import os
import threading
import time

import lab as labmod
import namesfile


class Sampler:
    every = 0.1

    def __init__(self):
        self.samples = 0
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._loop, name=type(self).__name__, daemon=True)

    def start(self):
        self.thread.start()

    def stop(self):
        self.stopped.set()
        self.thread.join()

    def _loop(self):
        while not self.stopped.is_set():
            self.sample(time.time())
            self.samples += 1
            self.stopped.wait(self.every)


class Episodes:
    """Moments a condition held, folded into episodes: [start, end, first detail]."""

    def __init__(self):
        self.list = []
        self.open = False

    def mark(self, now, bad, detail=None):
        if bad and not self.open:
            self.list.append([now, now, detail])
        elif bad:
            self.list[-1][1] = now
        self.open = bad

    def seconds(self):
        return sum(end - start for start, end, _ in self.list)


class NamesWatch(Sampler):
    """Reads PyDECnet's names file ten times a second; it must always be one PyDECnet would accept."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.invalid = Episodes()

    def sample(self, now):
        problem = namesfile.problem(namesfile.read(self.path))
        self.invalid.mark(now, problem is not None, problem)


class TwiceWatch(Sampler):
    """Scans the process table ten times a second for PyDECnets of this soak; more than one is never allowed. A child
    of a matching process is part of it, not a second router: a `python3` that is a pyenv shim (a shell script) forks
    helpers that carry its command line until it execs the real interpreter."""

    def __init__(self, conf):
        super().__init__()
        self.marker = conf.encode()
        self.twice = Episodes()

    def sample(self, now):
        pids = []
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/cmdline", "rb") as f:
                    words = f.read().split(b"\0")
            except OSError:
                continue
            # Zombies have an empty command line; simctl and ncp name the folder, not node.conf.
            if self.marker in words and any(w.endswith(b"/pydecnet") for w in words):
                pids.append(int(entry))
        # A child (read now, while it lives) is part of its parent; one that is gone by now runs no router.
        parents = {pid: parent(pid) for pid in pids}
        pids = [pid for pid in pids if parents[pid] and parents[pid] not in pids and parent(pid)]
        self.twice.mark(now, len(pids) > 1, "PIDs " + ", ".join(describe(pid) for pid in sorted(pids)) if len(pids) > 1 else None)


class StatusWatch(Sampler):
    """Reads the heartbeat file twice a second. While a daemon has lived longer than status.staleAfter, the file must
    be its own and younger than staleAfter, except in windows the disk-full fault excuses (nothing can be written)."""

    every = 0.5

    def __init__(self, lab, daemon):
        super().__init__()
        self.lab = lab
        self.daemon = daemon
        self.stale = Episodes()
        self.stale_excused = Episodes()
        self.unreadable = Episodes()
        self.excused = []  # [start, end or None]
        self.oldest = 0.0

    def excuse(self, start):
        self.excused.append([start, None])

    def end_excuse(self, end):
        if self.excused and self.excused[-1][1] is None:
            self.excused[-1][1] = end

    def _excused(self, now):
        return any(start <= now and (end is None or now <= end + labmod.STALE_AFTER) for start, end in self.excused)

    def sample(self, now):
        since = self.daemon.alive_since()
        pid = self.daemon.pid()
        try:
            found = self.lab.read_status()
            self.unreadable.mark(now, False)
        except ValueError as e:
            self.unreadable.mark(now, True, str(e))
            return
        if since is None or now - since < labmod.STALE_AFTER:
            self.stale.mark(now, False)
            self.stale_excused.mark(now, False)
            return
        age = now - found[1] if found and found[2] == pid else now - since
        late = age > labmod.STALE_AFTER
        excused = self._excused(now)
        self.stale.mark(now, late and not excused, f"{age:.1f} s old")
        self.stale_excused.mark(now, late and excused, f"{age:.1f} s old")
        if not excused:
            self.oldest = max(self.oldest, age)


class MemoryWatch(Sampler):
    """The daemon's VmRSS and RssAnon (its own heap and stacks, without mapped files) every 2 s, per daemon process."""

    every = 2.0

    def __init__(self, daemon):
        super().__init__()
        self.daemon = daemon
        self.by_pid = {}

    def sample(self, now):
        pid = self.daemon.pid()
        if pid is None:
            return
        try:
            with open(f"/proc/{pid}/status") as f:
                fields = {k: int(v.split()[0]) * 1024 for k, v in (line.split(":", 1) for line in f)
                          if k in ("VmRSS", "RssAnon")}
        except (OSError, ValueError):
            return
        if len(fields) == 2:
            self.by_pid.setdefault(pid, []).append((now, fields["VmRSS"], fields["RssAnon"]))


def status_fields(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            return {key: value.strip() for key, value in (line.split(":", 1) for line in f if ":" in line)}
    except OSError:
        return {}


def parent(pid):
    return int(status_fields(pid).get("PPid", "0"))


def describe(pid):
    """PID, parent and state, so that an episode says whose processes they were."""
    fields = status_fields(pid)
    return f"{pid} (parent {fields['PPid']}, {fields['State']})" if "PPid" in fields else f"{pid} (gone)"
