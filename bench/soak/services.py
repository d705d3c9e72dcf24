"""What HecnetJobs talks to during the soak: a real SMTP server and a real HTTP server for the node list, both on
127.0.0.1, both able to fail on command."""
import email
import email.policy
import glob
import hashlib
import os
import random
import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SMTP_SERVER = os.path.join(ROOT, "tests", "HecnetJobs.Tests", "Support", "smtp_server.py")


class SmtpServer:
    """The tests' aiosmtpd server (Debian's python3-aiosmtpd). Each start is a new process on the same port, writing
    into a folder of its own, so a restart never overwrites what an earlier one received."""

    def __init__(self, folder):
        self.folder = folder
        self.port = 0
        self.starts = 0
        self.process = None

    def start(self):
        self.starts += 1
        target = os.path.join(self.folder, str(self.starts))
        os.makedirs(target)
        self.process = subprocess.Popen(["/usr/bin/python3", SMTP_SERVER, "--dir", target, "--port", str(self.port)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        line = self.process.stdout.readline().split()
        if len(line) != 2 or line[0] != "ready":
            raise RuntimeError(f"the SMTP server did not start (said {line!r})")
        self.port = int(line[1])

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process = None

    def messages(self):
        """Every message received so far: (Message-Id, [alert ids], subject)."""
        found = []
        for path in sorted(glob.glob(os.path.join(self.folder, "*", "*.eml"))):
            with open(path, "rb") as f:
                message = email.message_from_binary_file(f, policy=email.policy.default)
            ids = str(message.get("X-Hecnetjobs-Alerts", "")).replace(" ", "")
            found.append((str(message.get("Message-Id", "")).strip(),
                          [int(i) for i in ids.split(",") if i], str(message.get("Subject", ""))))
        return found


class NodeList:
    """The HECnet node list as the soak's server publishes it: PyDECnet's nodenames.dat, changed by names-update."""

    def __init__(self, base_path):
        with open(base_path) as f:
            self.entries = {}
            for line in f:
                address, name = line.split()
                self.entries[address] = name

    def text(self, entries=None):
        return "".join(f"{a} {n}\n" for a, n in (entries or self.entries).items())

    def update(self, variant):
        """Renames one node and adds another; returns the new entries ('ADDRESS NAME') the names file must get."""
        rng = random.Random(variant)
        renamed = rng.choice(sorted(a for a in self.entries if a not in ("1.13", "9.54")))
        added = renamed
        while added in self.entries or added == "9.54":
            added = f"{rng.randint(2, 63)}.{rng.randint(1, 1023)}"
        taken = set(self.entries.values())
        fresh = []
        while len(fresh) < 2:
            name = f"SK{rng.randrange(10000):04d}"
            if name not in taken:
                taken.add(name)
                fresh.append(name)
        self.entries[renamed] = fresh[0]
        self.entries[added] = fresh[1]
        return [f"{renamed} {fresh[0]}", f"{added} {fresh[1]}"]

    def shrunk(self, keep, seed):
        """A valid list with only a share of the entries (the hub kept): name-refresh must refuse the shrink."""
        rng = random.Random(seed)
        return {a: n for a, n in self.entries.items() if a == "1.13" or rng.random() < keep}

    def garbage(self, variant, seed):
        """A list name-refresh must refuse, as bytes."""
        rng = random.Random(seed)
        good = self.text().encode()
        if variant == "html":
            return b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>\n"
        if variant == "binary":
            return bytes(rng.randrange(256) for _ in range(4096))
        if variant == "bad-name":
            lines = good.decode().splitlines()
            lines[rng.randrange(20, len(lines))] = "2.999 TOOLONGX"
            return ("\n".join(lines) + "\n").encode()
        if variant == "conflict":
            return good + b"1.14 MIM\n"
        if variant == "empty":
            return b""
        if variant == "truncated":
            return good[: len(good) // 3 + 7]
        raise ValueError(variant)


class NodeListServer:
    """A real HTTP server on 127.0.0.1 serving /hecnod: the good list (with an ETag, and 304 for If-None-Match), or
    whatever the current fault says: 500s, garbage, a shrunken list."""

    def __init__(self, node_list):
        self.node_list = node_list
        self.fault = None  # None, ("status", 500), ("body", bytes)
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                server.answer(self)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/hecnod"
        threading.Thread(target=self.httpd.serve_forever, name="node-list-server", daemon=True).start()

    def answer(self, request):
        with self.lock:
            fault = self.fault
            body = self.node_list.text().encode()
        if request.path != "/hecnod":
            request.send_error(404)
            return
        if fault and fault[0] == "status":
            request.send_response(fault[1])
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        if fault:
            body = fault[1]
            etag = None
        else:
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            if request.headers.get("If-None-Match") == etag:
                request.send_response(304)
                request.send_header("ETag", etag)
                request.end_headers()
                return
        request.send_response(200)
        request.send_header("Content-Type", "text/plain")
        request.send_header("Content-Length", str(len(body)))
        if etag:
            request.send_header("ETag", etag)
        request.end_headers()
        request.wfile.write(body)

    def set_fault(self, fault):
        with self.lock:
            self.fault = fault

    def update(self, variant):
        with self.lock:
            return self.node_list.update(variant)

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
