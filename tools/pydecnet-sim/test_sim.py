"""Tests for the PyDECnet simulator, checked against the real captures.

Run from the repository root:
    python3 -m unittest discover -s tools/pydecnet-sim -v

Every test starts real simulator processes in a temporary directory and
synchronises by polling with a deadline (never by a fixed sleep).  The
captures come from $PYDECNET_SAMPLES, default tests/fixtures/pydecnet-samples.
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.environ.get("PYDECNET_SAMPLES", os.path.join(HERE, "..", "..", "tests", "fixtures", "pydecnet-samples"))
PYDECNET = os.path.join(HERE, "pydecnet")
NCP = os.path.join(HERE, "ncp")
SIMCTL = os.path.join(HERE, "simctl")
WRAPPER = os.path.join(HERE, "..", "..", "scripts", "simctl")

sys.path.insert(0, HERE)
from simlib import control  # noqa: E402

TS_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}: ")


def sample(*parts, mode="r"):
    with open(os.path.join(SAMPLES, *parts), mode) as f:
        return f.read()


def read_text(path):
    with open(path) as f:
        return f.read()


def poll(pred, timeout=5.0, what="condition"):
    """Wait until pred() is true; fail after timeout seconds."""
    end = time.monotonic() + timeout
    while True:
        value = pred()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError("timed out waiting for " + what)
        time.sleep(0.01)


def clean_env(**extra):
    env = dict(os.environ)
    env.pop("PYDECNET_SIM_DIR", None)
    env.pop("DECNETAPI", None)
    env.update(extra)
    return env


def api_call(path, line, timeout=2.0):
    """Send one request line, return the reply line (socket.timeout if none)."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        s.connect(path)
        s.sendall((line + "\n").encode())
        return s.makefile("rb").readline().decode()


def try_api(path):
    try:
        return api_call(path, "{}", timeout=1.0)
    except OSError:
        return None


def normalise_log(text):
    """Log lines without timestamps and without machine-specific lines."""
    out = []
    for line in text.splitlines():
        line = TS_RE.sub("", line)
        if line.startswith(" Python ") or " command line: " in line:
            continue
        out.append(line)
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ncp_cases(prefix_filter):
    """(prefix, argv, exit code) from ncp/exitcodes.tsv."""
    cases = []
    for row in sample("ncp", "exitcodes.tsv").splitlines()[1:]:
        prefix, _node, command, code = row.split("\t")
        if prefix_filter(prefix):
            argv = command.split()
            assert argv[0] == "ncp", row
            cases.append((prefix, argv[1:], int(code)))
    return cases


class Sim:
    """One simulator instance in its own temporary directory."""

    def __init__(self, test, own="9.54", maxnodes=None, http_port=None,
                 ctl=None, api=True):
        self.test = test
        self.dir = tempfile.mkdtemp(prefix="pdsim-")
        test.addCleanup(shutil.rmtree, self.dir, True)
        self.sock = os.path.join(self.dir, "api.sock")
        self.conf = os.path.join(self.dir, "node.conf")
        self.log = os.path.join(self.dir, "node.log")
        self.err = os.path.join(self.dir, "stderr.txt")
        self.http_port = http_port
        routing = "routing {} --type l2router".format(own)
        if maxnodes:
            routing += " --maxnodes {}".format(maxnodes)
        lines = [routing, "node 1.13 MIM", "node 9.54 SAMPLE",
                 "node 1.2 ERNIE",
                 "circuit dmc-0 DDCMP --mode tcp --local-address 127.0.0.1 "
                 "--local-port 17102 --remote-address 127.0.0.1 "
                 "--remote-port 17101 --cost 3"]
        if api:
            lines.append("api {}".format(self.sock))
        if http_port:
            lines.append("http --http-port {} --https-port 0".format(http_port))
        with open(self.conf, "w") as f:
            f.write("\n".join(lines) + "\n")
        c = {"termDelaySeconds": 0.2}
        c.update(ctl or {})
        control.write_atomic(self.dir, c)
        self.proc = None

    def start(self, wait=True, args=()):
        errf = open(self.err, "w")
        self.test.addCleanup(errf.close)
        self.proc = subprocess.Popen(
            [sys.executable, PYDECNET, "-L", self.log, *args, self.conf],
            cwd=self.dir, stdout=subprocess.DEVNULL, stderr=errf,
            env=clean_env())
        self.test.addCleanup(self.kill)
        if wait:
            poll(lambda: try_api(self.sock), what="API socket to answer")
        return self

    def kill(self):
        if self.proc and self.proc.poll() is None:
            try:
                self.proc.send_signal(signal.SIGCONT)
                self.proc.kill()
            except ProcessLookupError:
                pass
            self.proc.wait(5)

    def wait(self, timeout=5):
        return self.proc.wait(timeout)

    def ncp(self, *argv, sock=None):
        return subprocess.run([sys.executable, NCP, *argv],
                              capture_output=True, text=True, timeout=10,
                              env=clean_env(DECNETAPI=sock or self.sock))

    def simctl(self, *argv):
        return subprocess.run([sys.executable, SIMCTL, "--dir", self.dir,
                               *argv], capture_output=True, text=True,
                              timeout=10, env=clean_env())

    def read(self, path):
        with open(path) as f:
            return f.read()

    def log_text(self):
        try:
            return self.read(self.log)
        except FileNotFoundError:
            return ""   # not created yet


class NcpCaptureTests(unittest.TestCase):
    """ncp output byte for byte against ncp/*.stdout."""

    def check_cases(self, sim, cases):
        self.assertTrue(cases)
        for prefix, argv, code in cases:
            with self.subTest(prefix=prefix):
                r = sim.ncp(*argv)
                self.assertEqual(r.stdout, sample("ncp", prefix + ".stdout"))
                self.assertEqual(r.returncode, code)
                errpath = os.path.join(SAMPLES, "ncp", prefix + ".stderr")
                if os.path.exists(errpath):
                    self.assertEqual(r.stderr.splitlines()[-1],
                                     sample("ncp", prefix + ".stderr")
                                     .splitlines()[-1])
                else:
                    self.assertEqual(r.stderr, "")

    def test_reachable_unknown_and_syntax_errors(self):
        sim = Sim(self).start()
        wanted = ("reachable_", "unknown_", "badname_", "badaddr_",
                  "badkw_", "badverb_", "incomplete_")
        cases = ncp_cases(lambda p: p.startswith(wanted) and "A-side" not in p)
        names = {p for p, _, _ in cases}
        for must in ("reachable_sho-node-MIM", "reachable_show-node-mim-lower",
                     "reachable_show-node-SAMPLE-self",
                     "reachable_show-executor", "unknown_show-node-9.999",
                     "unknown_show-node-1.999", "badname_show-node-TOOLONG7",
                     "badaddr_show-node-64.1",
                     "reachable_show-node-ERNIE-known-never-up"):
            self.assertIn(must, names)
        self.check_cases(sim, cases)

    def test_killed_neighbour(self):
        sim = Sim(self).start()
        r = sim.simctl("unreachable", "MIM")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.check_cases(sim, ncp_cases(lambda p: p.startswith("killed_")))

    def test_known_nodes_maxnodes64(self):
        sim = Sim(self, maxnodes=64).start()
        self.check_cases(sim, ncp_cases(
            lambda p: p == "maxnodes64-reachable_show-known-nodes"))
        sim.simctl("unreachable", "1.13")
        self.check_cases(sim, ncp_cases(
            lambda p: p == "maxnodes64-killed_show-known-nodes"))

    def test_a_side(self):
        sim = Sim(self, own="1.13").start()
        self.check_cases(sim, ncp_cases(lambda p: "A-side" in p))

    def test_no_socket(self):
        sim = Sim(self)     # never started: no socket file
        r = sim.ncp("show", "node", "MIM")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertEqual(
            r.stderr.splitlines()[-1],
            sample("ncp", "bdown-no-socket_show-node-MIM.stderr")
            .splitlines()[-1])
        self.assertTrue(r.stderr.startswith("Traceback (most recent call"))

    def test_crash_leaves_stale_socket(self):
        sim = Sim(self).start()
        r = sim.simctl("crash")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sim.wait(), -signal.SIGKILL)
        self.assertTrue(os.path.exists(sim.sock))
        r = sim.ncp("show", "node", "MIM")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "")
        self.assertEqual(
            r.stderr.splitlines()[-1],
            sample("ncp", "bdown-stale-socket_show-node-MIM.stderr")
            .splitlines()[-1])
        # And a second crash finds nobody.
        r = sim.simctl("crash")
        self.assertEqual(r.returncode, 1)
        self.assertIn("no simulator running", r.stderr)

    def test_unreachable_then_reachable(self):
        sim = Sim(self).start()
        sim.simctl("unreachable", "ernie")
        r = sim.ncp("show", "node", "ERNIE")
        self.assertEqual(r.stdout, sample("ncp",
                                          "killed_show-node-ERNIE.stdout"))
        # MIM stays up: only ERNIE was marked.
        self.assertEqual(sim.ncp("show", "node", "MIM").stdout,
                         sample("ncp", "reachable_show-node-MIM.stdout"))
        sim.simctl("reachable", "ERNIE")
        self.assertEqual(
            sim.ncp("show", "node", "ERNIE").stdout,
            sample("ncp", "reachable_show-node-ERNIE-known-never-up.stdout"))


class ApiTests(unittest.TestCase):
    def test_api_samples(self):
        sim = Sim(self).start()
        requests = [
            ("{}", "reachable_api_systems.json"),
            ('{"api":"routing"}', "reachable_api_routing.json"),
            ('{"api":"routing","circuit":"DMC-0"}',
             "reachable_api_routing_circuit.json"),
            ('{"api":"routing","circuit":"NOPE-1"}',
             "api_routing_unknown_circuit.json"),
            ('{"api":"routing","system":"MIM"}', "api_unknown_system.json"),
            ("not json", "api_parse_error.json"),
        ]
        # Several requests on one connection, as the real API allows.
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(5)
            s.connect(sim.sock)
            f = s.makefile("rb")
            for req, name in requests:
                with self.subTest(req=req):
                    s.sendall((req + "\n").encode())
                    self.assertEqual(f.readline().decode(),
                                     sample("api", name))
        sim.simctl("unreachable", "MIM")
        self.assertEqual(api_call(sim.sock,
                                  '{"api":"routing","circuit":"DMC-0"}'),
                         sample("api", "killed_api_routing_circuit.json"))

    def test_hang_and_resume(self):
        sim = Sim(self).start()
        r = sim.simctl("hang")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("stopped", sim.simctl("state").stdout)
        # Connect succeeds (listen backlog) but no reply comes.
        with self.assertRaises(socket.timeout):
            api_call(sim.sock, "{}", timeout=0.5)
        r = sim.simctl("resume")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(api_call(sim.sock, "{}", timeout=5),
                         sample("api", "reachable_api_systems.json"))
        self.assertIn("process: alive", sim.simctl("state").stdout)

    def test_api_silent(self):
        sim = Sim(self).start()
        self.assertEqual(sim.simctl("silent").returncode, 0)
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.connect(sim.sock)
            s.sendall(b"{}\n")
            s.settimeout(0.5)
            with self.assertRaises(socket.timeout):
                s.recv(100)
            # Clearing the flag releases the pending request.
            self.assertEqual(sim.simctl("resume").returncode, 0)
            s.settimeout(5)
            self.assertEqual(s.makefile("rb").readline().decode(),
                             sample("api", "reachable_api_systems.json"))

    def test_api_socket_mode(self):
        sim = Sim(self)
        with open(sim.conf, "a") as f:
            f.write("api {} --mode 660\n".format(sim.sock))
        sim.start()
        self.assertEqual(os.stat(sim.sock).st_mode & 0o777, 0o660)


class LifecycleTests(unittest.TestCase):
    def test_sigterm_leaves_socket(self):
        sim = Sim(self).start()
        pid = sim.proc.pid
        self.assertEqual(control.read_pid(sim.dir), pid)
        sim.proc.send_signal(signal.SIGTERM)
        self.assertEqual(sim.wait(), 0)
        self.assertTrue(os.path.exists(sim.sock))
        log = normalise_log(sim.log_text())
        self.assertEqual(log[-3:], [
            "SAMPLE: Exiting due to SIGTERM",
            "SAMPLE: Thread decnet-api failed to stop after 10 seconds",
            "MainThread: DECnet/Python shut down"])
        self.assertEqual(log[0], "MainThread: Starting DECnet/Python V1.1.1")
        self.assertIn("SAMPLE: DECnet/Python is running", log)
        self.assertIsNone(control.read_pid(sim.dir))
        # The socket left behind now blocks the next start.
        self.test_stale_socket_refusal(sim)

    def test_default_term_delay_is_ten_seconds(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d, True)
        self.assertEqual(control.load(d).term_delay, 10.0)
        self.assertEqual(control.DEFAULTS["termDelaySeconds"], 10.0)

    def check_stale_socket_stderr(self, text, path):
        lines = [l for l in text.splitlines()]
        want = [l for l in sample("logs", "startup-stale-socket.stderr.txt")
                .splitlines() if not l.startswith("exit code:")]
        self.assertEqual(normalise_log("\n".join(lines[:3])),
                         normalise_log("\n".join(want[:3])))
        self.assertIn("Traceback (most recent call last):", lines)
        want_tail = want[-3:]
        want_tail[-1] = "{} and restart.".format(path)
        self.assertEqual(lines[-3:], want_tail)

    def test_stale_socket_refusal(self, sim=None):
        if sim is None:
            sim = Sim(self)
            open(sim.sock, "w").close()
        r = subprocess.run([sys.executable, PYDECNET, sim.conf],
                           capture_output=True, text=True, timeout=10,
                           env=clean_env(), cwd=sim.dir)
        self.assertEqual(r.returncode, 1)
        self.check_stale_socket_stderr(r.stderr, sim.sock)

    def test_refuse_start_stale_socket_once(self):
        sim = Sim(self, ctl={"refuseStart": "stale-socket",
                             "refuseStartTimes": 1})
        r = subprocess.run([sys.executable, PYDECNET, sim.conf],
                           capture_output=True, text=True, timeout=10,
                           env=clean_env(), cwd=sim.dir)
        self.assertEqual(r.returncode, 1)
        self.check_stale_socket_stderr(r.stderr, sim.sock)
        self.assertFalse(os.path.exists(sim.sock))
        self.assertIsNone(control.load(sim.dir).refuse_start)
        sim.start()     # the second start works

    def test_refuse_start_names(self):
        sim = Sim(self)
        sim.simctl("refuse-start", "names")
        sim.start(wait=False)
        self.assertEqual(sim.wait(), 1)
        log = normalise_log(sim.log_text())
        want = normalise_log(sample("names", "name-7-chars.out.txt"))
        self.assertTrue(log[1].startswith(
            "MainThread: Config file parse error in <_io.TextIOWrapper name="))
        self.assertEqual(log[2:], want[2:])
        self.assertFalse(os.path.exists(sim.sock))
        # Still refused on the next start, until cleared.
        self.assertEqual(control.load(sim.dir).refuse_start, "names")
        sim.simctl("refuse-start", "none")
        sim.start()

    def test_refuse_start_api_bind(self):
        sim = Sim(self, ctl={"refuseStart": "api-bind"}).start(wait=False)
        poll(lambda: "DECnet/Python is running" in sim.log_text(),
             what="running line")
        log = normalise_log(sim.log_text())
        i = log.index("SAMPLE: Error binding to API socket")
        self.assertEqual(log[i + 1], "Traceback (most recent call last):")
        self.assertEqual(log[log.index("SAMPLE: DECnet/Python is running") - 1],
                         "FileNotFoundError: [Errno 2] No such file or "
                         "directory")
        self.assertFalse(os.path.exists(sim.sock))
        r = sim.ncp("show", "node", "MIM")
        self.assertEqual(r.returncode, 1)
        sim.proc.send_signal(signal.SIGTERM)
        self.assertEqual(sim.wait(), 1)
        self.assertEqual(sim.read(sim.err).splitlines()[-1],
                         sample("logs", "startup-api-bind-failure.out.txt")
                         .splitlines()[-1])

    def check_http_port_failure(self, sim):
        self.assertEqual(sim.wait(), 0)
        log = normalise_log(sim.log_text())
        want = normalise_log(sample("logs", "startup-http-port-in-use.out.txt"))
        self.assertEqual(log[0], want[0])
        self.assertEqual(log[1], "SAMPLE: DECnet/Python is running")
        self.assertEqual(log[2], "SAMPLE: Exception caught in main")
        self.assertEqual(log[3], "Traceback (most recent call last):")
        self.assertEqual(log[-3:], [
            "OSError: [Errno 98] Address already in use",
            "SAMPLE: Thread decnet-api failed to stop after 10 seconds",
            "MainThread: DECnet/Python shut down"])
        self.assertEqual(want[-3], log[-3])
        self.assertTrue(os.path.exists(sim.sock))

    def test_refuse_start_http_port(self):
        sim = Sim(self, http_port=free_port(),
                  ctl={"refuseStart": "http-port"})
        sim.start(wait=False)
        self.check_http_port_failure(sim)

    def test_http_port_really_in_use(self):
        with socket.socket() as busy:
            busy.bind(("127.0.0.1", 0))
            busy.listen(1)
            sim = Sim(self, http_port=busy.getsockname()[1])
            sim.start(wait=False)
            self.check_http_port_failure(sim)

    def test_crash_after_seconds(self):
        sim = Sim(self, ctl={"crashAfterSeconds": 0.3}).start(wait=False)
        self.assertEqual(sim.wait(), 1)
        self.assertTrue(os.path.exists(sim.sock))
        self.assertEqual(control.read_pid(sim.dir), sim.proc.pid)
        self.assertNotIn("shut down", sim.log_text())

    def test_http_monitor_and_stuck_main_loop(self):
        port = free_port()
        sim = Sim(self, http_port=port).start()
        base = "http://127.0.0.1:{}".format(port)

        def get(path):
            with urllib.request.urlopen(base + path, timeout=5) as r:
                return r.status, r.read().decode()

        def ticks():
            page = get("/stats/raw")[1]
            data = json.loads(re.search(r"<pre>(.*)</pre>", page, re.S)
                              .group(1))
            return data["mainloop"]["ticks"]

        self.assertEqual(get("/robots.txt")[0], 200)
        status, page = get("/routing/status")
        self.assertRegex(page, r"Reported \d\d-\w{3}-\d{4} \d\d:\d\d:\d\d "
                               r"UTC, up \d+:\d\d:\d\d")
        self.assertIn(">1.13 (MIM)<", page)
        self.assertIn(">Running<", page)
        with self.assertRaises(urllib.error.HTTPError) as cm:
            get("/api")
        self.assertEqual(cm.exception.code, 404)
        self.assertEqual(cm.exception.read().decode(),
                         sample("http", "http_404_api.html"))
        t0 = ticks()
        poll(lambda: ticks() > t0, what="counters to move")

        sim.simctl("stuck")
        state = {"last": ticks(), "since": time.monotonic()}

        def frozen():
            # True once the counter has not moved for 1.2 s (> 2 ticks).
            now = ticks()
            if now != state["last"]:
                state.update(last=now, since=time.monotonic())
            return time.monotonic() - state["since"] > 1.2
        poll(frozen, timeout=5, what="counters to freeze")
        # The API still answers while the main loop is stuck.
        self.assertEqual(api_call(sim.sock, "{}"),
                         sample("api", "reachable_api_systems.json"))
        sim.simctl("resume")
        t1 = ticks()
        poll(lambda: ticks() > t1, what="counters to move again")
        sim.simctl("unreachable", "MIM")
        poll(lambda: ">Datalink started<" in get("/routing/status")[1],
             what="status page to show the circuit down")

    def test_daemon(self):
        sim = Sim(self)
        pidfile = os.path.join(sim.dir, "pd.pid")
        with open(pidfile, "w") as f:
            f.write("999999\n")   # overwritten without any check
        r = subprocess.run([sys.executable, PYDECNET, "--daemon",
                            "--pid-file", pidfile, "-L", sim.log, sim.conf],
                           capture_output=True, text=True, timeout=10,
                           env=clean_env(), cwd=sim.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        poll(lambda: try_api(sim.sock), what="daemon API")
        pid = int(sim.read(pidfile))
        self.addCleanup(lambda: control.proc_state(pid) and
                        os.kill(pid, signal.SIGKILL))
        self.assertNotEqual(pid, 999999)
        self.assertEqual(control.read_pid(sim.dir), pid)
        os.kill(pid, signal.SIGTERM)
        poll(lambda: control.proc_state(pid) is None, what="daemon exit")
        self.assertFalse(os.path.exists(pidfile))
        self.assertTrue(os.path.exists(sim.sock))
        self.assertIn("DECnet/Python shut down", sim.log_text())


class NamesCaptureTests(unittest.TestCase):
    """names/ and hecnet-daemon/ cases: the router's console output."""

    def run_case(self, files, conf_text, code):
        d = tempfile.mkdtemp(prefix="pdnames-")
        self.addCleanup(shutil.rmtree, d, True)
        for name, src in files.items():
            shutil.copy(src, os.path.join(d, name))
        with open(os.path.join(d, "node.conf"), "w") as f:
            f.write(conf_text)
        errpath = os.path.join(d, "out.txt")
        with open(errpath, "w") as errf:
            p = subprocess.Popen([sys.executable, PYDECNET, "node.conf"],
                                 cwd=d, stdout=errf, stderr=errf,
                                 env=clean_env())
            self.addCleanup(lambda: p.poll() is None and p.kill())
            if code == 124:   # accepted: it runs until stopped
                poll(lambda: "is running" in read_text(errpath),
                     what="running line")
                p.send_signal(signal.SIGTERM)
                self.assertEqual(p.wait(5), 0)
            else:
                self.assertEqual(p.wait(5), code)
        with open(errpath) as f:
            return f.read()

    def test_names_cases(self):
        node_conf = sample("names", "node.conf")
        rows = sample("names", "exitcodes.tsv").splitlines()[1:]
        self.assertEqual(len(rows), 23)
        for row in rows:
            case, code = row.split("\t")
            with self.subTest(case=case):
                files = {}
                src = os.path.join(SAMPLES, "names", case + ".names.dat")
                if os.path.exists(src):
                    files["names.dat"] = src
                out = self.run_case(files, node_conf, int(code))
                want = sample("names", case + ".out.txt")
                if case == "missing-file":
                    self.assertEqual(normalise_log(out)[:2],
                                     normalise_log(want)[:2])
                    self.assertEqual(out.splitlines()[-1],
                                     want.splitlines()[-1])
                else:
                    self.assertEqual(normalise_log(out), normalise_log(want))

    def test_hecnet_daemon_file(self):
        node_conf = sample("names", "node.conf")
        src = os.path.join(SAMPLES, "hecnet-daemon",
                           "hecnet-daemon-output.nodenames.conf")
        files = {"nodenames.conf": src}
        for include, capture, code in (
                ("node @nodenames.conf", "pydecnet-with-node-at-include", 1),
                ("@nodenames.conf", "pydecnet-with-plain-at-include", 124)):
            with self.subTest(include=include):
                conf = node_conf.replace("node @names.dat", include)
                out = self.run_case(files, conf, code)
                want = sample("hecnet-daemon", capture + ".out.txt")
                self.assertEqual(normalise_log(out), normalise_log(want))


class SimctlTests(unittest.TestCase):
    def run_simctl(self, *argv, prog=SIMCTL, env=None):
        return subprocess.run([sys.executable if prog == SIMCTL else "bash",
                               prog, *argv], capture_output=True, text=True,
                              timeout=10, env=env or clean_env())

    def test_usage_and_failures(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d, True)
        self.assertEqual(self.run_simctl("--dir", d).returncode, 2)
        self.assertEqual(self.run_simctl("--dir", d, "frobnicate").returncode,
                         2)
        self.assertEqual(self.run_simctl("--dir", d, "refuse-start",
                                         "bogus").returncode, 2)
        r = self.run_simctl("--dir", d, "crash")
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.count("\n"), 1)
        self.assertIn("no simulator running in " + d, r.stderr)
        r = self.run_simctl("--dir", d, "set", "termDelaySeconds", "0.5")
        self.assertEqual(r.returncode, 0)
        self.assertEqual(control.load(d).term_delay, 0.5)

    def test_wrapper(self):
        d = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, d, True)
        r = self.run_simctl("state", prog=WRAPPER,
                            env=clean_env(PYDECNET_SIM_DIR=d))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("dir: " + d, r.stdout)
        self.assertIn("process: not running", r.stdout)


if __name__ == "__main__":
    unittest.main()
