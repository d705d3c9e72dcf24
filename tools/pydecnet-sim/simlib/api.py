"""The JSON API on the Unix socket: one request line -> one reply line.

Replies are shaped like the api/ captures (compact JSON, same key order).
One private request exists for the fake ncp:
    {"api": "sim-ncp", "argv": [...]}  ->  {"stdout": ..., "stderr": ..., "exit": N}
"""

import json
import os
import socket
import threading
import time

from . import control, ncpcmd
from .netview import NetView

SYSTEM_APIS = ["mop", "routing", "nsp", "session", "ncp"]


def _dump(obj):
    return json.dumps(obj, separators=(",", ":"))


class ApiServer:
    def __init__(self, router, path, mode):
        self.router = router
        self.path = path
        self.mode = mode
        self.sock = None

    def bind(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            s.bind(self.path)
            # Backlog 3 like the real server: under SIGSTOP a few connects
            # still succeed and then nothing ever answers.
            s.listen(3)
        except Exception:
            s.close()
            raise
        if self.mode:
            try:
                os.chmod(self.path, int(self.mode, 8))
            except (ValueError, OSError):
                pass
        self.sock = s

    def start(self):
        t = threading.Thread(target=self._accept_loop, name="decnet-api",
                             daemon=True)
        t.start()

    def _accept_loop(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,),
                             name="decnet-api-conn", daemon=True).start()

    def _serve(self, conn):
        with conn:
            f = conn.makefile("rb")
            for raw in f:
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                self._wait_while_silent()
                reply = self.handle(line)
                try:
                    conn.sendall((reply + "\n").encode("utf-8"))
                except OSError:
                    return

    def _wait_while_silent(self):
        # apiSilent: keep the request pending (the client sees a hang) and
        # answer it once the flag is cleared.  A short poll of the control
        # file keeps this simple; it only runs while a request is held.
        while control.load(self.router.simdir).api_silent:
            time.sleep(0.2)

    # -- request handling -------------------------------------------------
    def handle(self, line):
        r = self.router
        cfg = r.cfg
        system = cfg.system_name
        try:
            req = json.loads(line)
        except ValueError as e:
            return _dump({"exception": str(e), "error": "Parse error"})
        if not isinstance(req, dict):
            return _dump({"exception": "request is not a JSON object",
                          "error": "Parse error"})
        view = NetView(cfg, control.load(r.simdir))
        if "system" in req and str(req["system"]).upper() != system:
            return _dump({"system": req["system"],
                          "error": "Unknown system name"})
        api = req.get("api")
        if api is None:
            return _dump({system: SYSTEM_APIS})
        if api == "routing":
            return _dump(self._routing(req, view, system))
        if api == "sim-ncp":
            argv = req.get("argv") or []
            out, err, code = ncpcmd.run([str(a) for a in argv], view)
            return _dump({"stdout": out, "stderr": err, "exit": code})
        if api in SYSTEM_APIS:
            return _dump({"error": "Not simulated", "system": system,
                          "api": api})
        return _dump({"api": api, "error": "Unknown API name"})

    @staticmethod
    def _routing(req, view, system):
        cfg = view.cfg
        if "circuit" not in req:
            return {"circuits": [view.circuit], "address": cfg.own_addr,
                    "name": system, "type": cfg.type_text,
                    "version": "2.0.0", "system": system, "api": "routing"}
        name = req["circuit"]
        if str(name).upper() != view.circuit:
            return {"error": "Unknown circuit", "circuit": name,
                    "system": system, "api": "routing"}
        if view.neighbor_up:
            return {"name": view.circuit, "state": "ru4l2",
                    "hello_timer": 60, "cost": view.cost,
                    "neighbor": view.neighbor, "type": "Area router",
                    "blocksize": 576, "version": "2.0.0",
                    "listen_timer": 126, "system": system, "api": "routing"}
        return {"name": view.circuit, "state": "ds", "hello_timer": 60,
                "cost": view.cost, "listen_timer": 126, "system": system,
                "api": "routing"}
