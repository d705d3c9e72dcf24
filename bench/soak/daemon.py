"""`hecnetjobs run` under the soak, supervised the way the shipped systemd unit does it: an exit the soak did not
cause is recorded and followed by a new start after RestartSec (scripts/systemd/hecnetjobs.service: Restart=on-failure,
RestartSec=5s). The daemon-kill fault kills it itself and starts it again when it chooses."""
import os
import signal
import subprocess
import threading
import time

import lab as labmod

RESTART_SEC = 5.0


class Daemon:
    def __init__(self, lab, cli):
        self.lab = lab
        self.cli = cli
        self.lock = threading.Lock()
        self.process = None
        self.started_at = None
        self.held = False          # the soak killed it on purpose and starts it again itself
        self.restart_at = None
        self.instances = []        # [{"pid", "started", "ended", "code", "by"}]
        self.unexpected = []       # exits the soak did not cause: {"at", "pid", "code", "last"}
        self.stopping = False
        self.thread = threading.Thread(target=self._supervise, name="supervisor", daemon=True)

    def start(self):
        with self.lock:
            if self.stopping:
                return  # the run is ending: a fault that was still waiting to start it again must not
            self._start()
        if not self.thread.is_alive():
            self.thread.start()

    def _start(self):
        number = len(self.instances) + 1
        self.log = os.path.join(self.lab.work, f"daemon-{number}.stderr")
        self.process = subprocess.Popen([self.cli, "run", "--config", self.lab.config], stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=open(self.log, "w"), start_new_session=True)
        self.started_at = time.time()
        self.instances.append({"pid": self.process.pid, "started": self.started_at, "ended": None, "code": None,
                               "by": None, "log": self.log})
        self.held = False
        self.restart_at = None

    def pid(self):
        with self.lock:
            return self.process.pid if self.process and self.process.poll() is None else None

    def alive_since(self):
        """When the running daemon started, or None while none runs."""
        with self.lock:
            return self.started_at if self.process and self.process.poll() is None else None

    def kill(self):
        """SIGKILL, as a crash or the OOM killer would; the supervisor leaves it down until start()."""
        with self.lock:
            self.held = True
            if self.process and self.process.poll() is None:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()
                self._ended("soak (kill -9)")

    def stop(self):
        with self.lock:
            self.stopping = True
            if self.process and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
                self._ended("soak (end of run)")

    def ready(self, limit=30.0):
        """Waits for the running daemon's first heartbeat: the status file written by its PID."""
        pid = self.pid()
        return labmod.wait_for(lambda: (self.lab.read_status_safe() or {}).get("daemon", {}).get("pid") == pid, limit)

    def _ended(self, by):
        instance = self.instances[-1]
        instance.update(ended=time.time(), code=self.process.returncode, by=by)
        self.process = None
        self.started_at = None

    def _supervise(self):
        while True:
            time.sleep(0.05)
            with self.lock:
                if self.stopping:
                    return
                if self.process and self.process.poll() is not None:
                    code = self.process.returncode
                    self._ended("itself")
                    self.unexpected.append({"at": time.time(), "pid": self.instances[-1]["pid"], "code": code,
                                            "last": last_line(self.instances[-1]["log"])})
                    self.restart_at = time.time() + RESTART_SEC
                if self.process is None and not self.held and self.restart_at and time.time() >= self.restart_at:
                    self.restart_at = None
                    self._start()


def last_line(path):
    try:
        with open(path, errors="replace") as f:
            lines = [line.strip() for line in f if line.strip()]
        return lines[-1][:300] if lines else ""
    except OSError:
        return ""
