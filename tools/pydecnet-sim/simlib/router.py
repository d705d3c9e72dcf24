"""The fake PyDECnet router process (entry point of tools/pydecnet-sim/pydecnet).

Start-up order follows the real router's log (logs/, names/ captures):
  "Starting" lines -> read configs (parse errors: exit 1) -> API server
  (stale socket: RuntimeError, exit 1; bind error: logged, run on without
  API) -> node "running" -> HTTP monitor (port taken: "Exception caught in
  main", then shut down) -> main loop until SIGTERM/SIGINT.
Shut-down: "Exiting due to SIGTERM", then the decnet-api thread's join
times out (10 s by default, termDelaySeconds), and the socket file is left
behind.
"""

import argparse
import json
import os
import select
import signal
import sys
import threading
import time

from . import DN_FULL, control
from .api import ApiServer
from .config import DEFAULT_API, Reader
from .httpmon import Monitor
from .log import Logger
from .netview import NetView
from . import nodeid

DEFPIDFILE = "/var/run/pydecnet.pid"
TICK = 0.5   # main-loop period: counters move every tick


def build_parser():
    p = argparse.ArgumentParser(
        description="PyDECnet test double (simulator); see README.md")
    p.add_argument("configfile", type=argparse.FileType("r", encoding="UTF-8"),
                   metavar="CFN", nargs="*", help="Configuration file")
    p.add_argument("-d", "--daemon", action="store_true", default=False,
                   help="Run as daemon (writes --pid-file)")
    p.add_argument("--pid-file", metavar="FN", default=DEFPIDFILE,
                   help="PID file (default: {})".format(DEFPIDFILE))
    p.add_argument("-L", "--log-file", metavar="FN",
                   help="Log file (default: log to stderr)")
    p.add_argument("-e", "--log-level", default="INFO", metavar="LV",
                   choices=("TRACE", "DEBUG", "INFO", "WARNING", "ERROR"),
                   help="Log level (default: INFO)")
    return p


def daemonize(log_file):
    """Classic double fork, like python-daemon's DaemonContext."""
    sys.stdout.flush()
    sys.stderr.flush()
    log_file = os.path.abspath(log_file) if log_file else None
    if os.fork() > 0:
        os._exit(0)
    os.setsid()
    if os.fork() > 0:
        os._exit(0)
    os.chdir("/")
    os.umask(0)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    out = os.open(log_file, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644) \
        if log_file else null
    os.dup2(out, 1)
    os.dup2(out, 2)


class Router:
    def __init__(self, args):
        self.args = args
        self.started_mono = time.monotonic()
        self.started_wall = time.time()
        self.signalled = None
        self.ticks = 0
        self.last_tick = None
        self.stats_lock = threading.Lock()
        self.counters = {"hello_sent": 0, "hello_received": 0,
                         "bytes_sent": 0, "bytes_received": 0}
        self.api = None
        self.api_broken = False
        self.pid_file = None
        self.cfg = None

    # -- helpers ---------------------------------------------------------
    @property
    def who(self):
        """Thread name in log records once the node runs: its name."""
        return self.cfg.system_name

    def _refused(self, reason):
        """True if control.json asks to fail this start with reason.

        refuseStartTimes (if a number) counts the refusals left; at zero
        the refusal is cleared.
        """
        if self.ctl.refuse_start != reason:
            return False

        def count_down(data):
            n = data.get("refuseStartTimes")
            if isinstance(n, int) and not isinstance(n, bool):
                if n <= 1:
                    data["refuseStart"] = None
                    data.pop("refuseStartTimes", None)
                else:
                    data["refuseStartTimes"] = n - 1
        try:
            control.update(self.simdir, count_down)
        except (OSError, ValueError):
            pass
        return True

    def event(self, code, title, *body):
        if not self.cfg.logging_console:
            return  # without "logging console" events are not logged
        t = time.time()
        occurred = time.strftime("%d-%b-%Y %H:%M:%S", time.localtime(t)) \
            + ".%03d" % int((t - int(t)) * 1000)
        self.log.info(self.who, "Event type {}, {}\nFrom node {}, occurred {}"
                      "\n    {}".format(code, title,
                                        self.cfg.label(self.cfg.own_addr),
                                        occurred, "\n    ".join(body)))

    def _circuit_events(self, nb, kind):
        """Events for the circuit to neighbour nb: kind up/fault/operator.

        Same order as in logs/nodeB-SAMPLE.node.log: circuit up then area
        reachable; area unreachable then circuit fault; operator stop then
        area unreachable.
        """
        if nb is None:
            return
        circuit = self.cfg.circuit[0]
        label = self.cfg.label(nb)
        area = nodeid.area_of(nb)
        other_area = area != self.cfg.own_area

        def area_event(status):
            if other_area:
                self.event("4.17", "Area reachability change",
                           "Area = {}, Status = {}".format(area, status))
        if kind == "up":
            self.event("4.10", "Circuit up", "Circuit = {}, Adjacent node = {}"
                       .format(circuit, label))
            area_event("Reachable")
        elif kind == "operator":
            self.event("4.9", "Circuit down, operator initiated",
                       "Circuit = {}, Adjacent node = {}".format(
                           circuit, label))
            area_event("Unreachable")
        else:
            area_event("Unreachable")
            self.event("4.7", "Circuit down, circuit fault",
                       "Circuit = {}, Reason = Circuit synchronization lost,"
                       .format(circuit), "Adjacent node = {}".format(label))

    def stats_snapshot(self):
        with self.stats_lock:
            return {"system": self.cfg.system_name,
                    "mainloop": {"ticks": self.ticks,
                                 "last_tick": self.last_tick},
                    "routing": {"circuits": {
                        self.cfg.circuit[0]: dict(self.counters)}}}

    def _write_sim_files(self):
        os.makedirs(self.simdir, exist_ok=True)
        with open(os.path.join(self.simdir, control.PIDFILE), "w") as f:
            f.write("{}\n".format(os.getpid()))
        info = {"pid": os.getpid(),
                "api": os.path.abspath(self.cfg.api[0]) if self.cfg.api
                else None,
                "httpPort": self.cfg.http_port or None,
                "logFile": os.path.abspath(self.args.log_file)
                if self.args.log_file else None,
                "configs": self.config_paths,
                "started": self.started_wall}
        tmp = os.path.join(self.simdir, ".sim.json.tmp")
        with open(tmp, "w") as f:
            json.dump(info, f, indent=2)
            f.write("\n")
        os.replace(tmp, os.path.join(self.simdir, control.INFOFILE))

    def _remove_sim_pid(self):
        path = os.path.join(self.simdir, control.PIDFILE)
        if control.read_pid(self.simdir) == os.getpid():
            try:
                os.remove(path)
            except OSError:
                pass

    # -- signals ---------------------------------------------------------
    def _on_signal(self, signum, frame):
        if self.signalled is None:
            self.signalled = signum

    def _install_signals(self):
        rfd, wfd = os.pipe()
        os.set_blocking(rfd, False)
        os.set_blocking(wfd, False)
        self.wake_r = rfd
        # The wakeup fd makes select() return as soon as a signal arrives,
        # so the main loop can sleep without polling.
        signal.set_wakeup_fd(wfd, warn_on_full_buffer=False)
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        # SIGHUP is deliberately left alone: it kills the real router with
        # no clean-up, and so it does here.

    def _sleep(self, seconds):
        """Sleep up to seconds; returns early when a signal arrives."""
        if seconds > 0:
            try:
                select.select([self.wake_r], [], [], seconds)
            except InterruptedError:
                pass
        try:
            while os.read(self.wake_r, 512):
                pass
        except BlockingIOError:
            pass

    # -- start-up --------------------------------------------------------
    def run(self):
        a = self.args
        if not a.configfile:
            print("At least one config file argument must be specified")
            sys.exit(1)
        self.log = log = Logger(a.log_file, a.log_level)
        log.info("MainThread", "Starting {}\n Python {}".format(
            DN_FULL, sys.version))
        log.info("MainThread", " command line: " + " ".join(sys.argv))

        self.config_paths = [os.path.abspath(f.name) for f in a.configfile]
        self.simdir = control.sim_dir(a.configfile[0].name)
        self.ctl = control.load(self.simdir)

        reader = Reader(log)
        for f in a.configfile:
            reader.read_top(f)   # a missing include raises: traceback, exit 1
        self.cfg = cfg = reader.finish()
        if reader.errors:
            sys.exit(1)
        if cfg.own_addr is None:
            print("At least one routing or bridge instance must be configured")
            sys.exit(1)
        if self._refused("names"):
            where = cfg.names_files[0] if cfg.names_files else \
                "<_io.TextIOWrapper name={!r} mode='r' encoding='UTF-8'>" \
                .format(a.configfile[0].name)
            log.error("MainThread", "Config file parse error in {}:\n {}\n {}"
                      .format(where, "argument name: invalid nodename value: "
                              "'TOOLONG'", "node 1.20 TOOLONG"))
            sys.exit(1)

        api_path = cfg.api[0] if cfg.api else os.environ.get(
            "DECNETAPI", DEFAULT_API)
        if self._refused("stale-socket") or \
                (cfg.api and os.path.exists(api_path)):
            self._stale_socket(api_path)

        if a.daemon:
            pid_file = os.path.abspath(a.pid_file)
            if self.log.stream:
                self.log.stream.flush()   # nothing buffered may be forked
            daemonize(a.log_file)
            try:
                with open(pid_file, "w") as f:
                    f.write("{}\n".format(os.getpid()))
                self.pid_file = pid_file
            except OSError:
                log.exception(self.who,
                              "failure creating pidfile {}".format(pid_file))
        self._install_signals()
        self._write_sim_files()

        if cfg.api:
            self._start_api(*cfg.api)
        self.event("2.0", "Local node state change",
                   "Reason = Operator command, Old state = Off, New state = On")
        log.info(self.who, "DECnet/Python is running")
        view = NetView(cfg, self.ctl)
        self.view_state = (view.neighbor, view.neighbor_up)
        if view.neighbor_up:
            self._circuit_events(view.neighbor, "up")

        if cfg.http_port:
            try:
                if self._refused("http-port"):
                    raise OSError(98, "Address already in use")
                Monitor(self, cfg.http_port).start()
            except Exception:
                log.exception(self.who, "Exception caught in main")
                self.shutdown()
        self.main_loop()
        names = {signal.SIGTERM: "SIGTERM", signal.SIGINT: "Ctrl/C"}
        log.info(self.who, "Exiting due to {}".format(names[self.signalled]))
        self.shutdown()

    def _stale_socket(self, path):
        # Uncaught on purpose: the real router dies with this traceback on
        # stderr and exit code 1.
        raise RuntimeError(
            "Another socket server appears to be already running.\n"
            "To correct this, verify PyDECnet is not running, then remove\n"
            "{} and restart.".format(path))

    def _start_api(self, path, mode):
        server = ApiServer(self, path, mode)
        try:
            if self._refused("api-bind"):
                raise FileNotFoundError(2, "No such file or directory")
            server.bind()
        except Exception:
            # Like the real router: log it and run on without an API.
            self.log.exception(self.who, "Error binding to API socket")
            self.api_broken = True
            return
        server.start()
        self.api = server

    # -- running ---------------------------------------------------------
    def main_loop(self):
        next_tick = time.monotonic() + TICK
        while self.signalled is None:
            now = time.monotonic()
            timeout = next_tick - now
            crash = self.ctl.crash_after
            if crash is not None:
                timeout = min(timeout, self.started_mono + crash - now)
            self._sleep(timeout)
            if self.signalled is not None:
                break
            now = time.monotonic()
            self.ctl = ctl = control.load(self.simdir)
            if ctl.crash_after is not None and \
                    now - self.started_mono >= ctl.crash_after:
                os._exit(1)   # a crash: no clean-up, socket and pid stay
            if now < next_tick:
                continue
            next_tick = max(next_tick + TICK, now)
            if ctl.mainloop_stuck:
                continue
            self._tick(ctl)

    def _tick(self, ctl):
        view = NetView(self.cfg, ctl)
        with self.stats_lock:
            self.ticks += 1
            self.last_tick = time.time()
            if view.neighbor_up:
                for k in self.counters:
                    self.counters[k] += 1 if k.startswith("hello") else 64
        state = (view.neighbor, view.neighbor_up)
        if state != self.view_state:
            old_nb, old_up = self.view_state
            if old_up:
                self._circuit_events(old_nb, "fault")
            if view.neighbor_up:
                self._circuit_events(view.neighbor, "up")
            self.view_state = state

    # -- shut-down -------------------------------------------------------
    def shutdown(self):
        if self.api_broken:
            # What V1.1.1 does when its API never started: api.stop() trips
            # over a missing attribute (logs/startup-api-bind-failure).
            raise AttributeError(
                "'ApiServer' object has no attribute 'server_thread'")
        if self.api is not None:
            # The real API thread is not woken on close; its join times out.
            delay = control.load(self.simdir).term_delay
            end = time.monotonic() + delay
            while time.monotonic() < end:
                self._sleep(end - time.monotonic())
            self.log.warning(self.who,
                             "Thread decnet-api failed to stop after "
                             "10 seconds")
        self.event("2.0", "Local node state change",
                   "Reason = Operator command, Old state = On, New state = Off")
        nb, up = self.view_state
        if up:
            self._circuit_events(nb, "operator")
        if self.pid_file:
            try:
                os.remove(self.pid_file)
            except OSError:
                self.log.exception(self.who, "error removing pidfile {}"
                                   .format(self.pid_file))
        self._remove_sim_pid()
        self.log.info("MainThread", "DECnet/Python shut down")
        # The API socket file is deliberately NOT removed (real behaviour).
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)


def main(argv=None):
    args = build_parser().parse_args(argv)
    Router(args).run()
