"""Log output in PyDECnet's console/log-file format.

Each record is "YYYY-MM-DD HH:MM:SS.mmm: <thread>: <message>"; continuation
lines of a multi-line message follow as they are.  The "thread" is
MainThread for start-up, configuration errors and the final shut-down line,
and the node's name for everything the running node logs (see
logs/nodeB-SAMPLE.node.log).
"""

import sys
import threading
import time
import traceback

LEVELS = {"TRACE": 5, "DEBUG": 10, "INFO": 20, "WARNING": 30, "ERROR": 40}


def timestamp(t=None):
    if t is None:
        t = time.time()
    ms = int((t - int(t)) * 1000)
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t)) + ".%03d" % ms


class Logger:
    """Thread-safe writer to the -L file (appended) or to stderr."""

    def __init__(self, path=None, level="INFO"):
        self.path = path
        self.level = LEVELS.get(level, 20)
        self.lock = threading.Lock()
        # Append, like the real log file that spans several runs.
        self.stream = open(path, "a", encoding="utf-8") if path else None

    def _out(self):
        return self.stream if self.stream is not None else sys.stderr

    def log(self, level, who, msg):
        if LEVELS[level] < self.level:
            return
        line = "{}: {}: {}\n".format(timestamp(), who, msg)
        with self.lock:
            out = self._out()
            try:
                out.write(line)
                out.flush()
            except (OSError, ValueError):
                pass  # stderr may be gone (daemon); logging must never kill us

    def info(self, who, msg):
        self.log("INFO", who, msg)

    def warning(self, who, msg):
        self.log("WARNING", who, msg)

    def error(self, who, msg):
        self.log("ERROR", who, msg)

    def exception(self, who, msg):
        """Log msg followed by the traceback of the exception being handled."""
        tb = traceback.format_exc().rstrip("\n")
        self.log("ERROR", who, msg + "\n" + tb)
