"""Reading PyDECnet configuration files (only what the simulator needs).

Syntax, as described in the samples README ("Names file syntax") and shown
by the names/ captures:

* each line is stripped and split like a shell line (shlex);
* blank lines and lines whose first non-blank character is '#' are skipped
  (a '#' later on the line is NOT a comment: it becomes extra arguments);
* "@path" includes a file as it is, "node @path" includes a file with
  "node " put in front of each of its lines; relative paths are relative to
  the including file, and includes nest;
* every bad line is reported as
      Config file parse error in <_io.TextIOWrapper name=... >:
       <reason>
       <line>
  and the router refuses to start (exit 1) after all lines were read.

Keywords used: routing, node, api, http, circuit, logging, system.  All
other keywords are accepted and ignored.
"""

import os
import re
import shlex

from . import nodeid

# argparse treats "-5" or "-.5" as a value, not an option, when the parser
# has no options that look like negative numbers; mimic that.
_NEG_NUM = re.compile(r"^-\d+$|^-\d*\.\d+$")

DEFAULT_API = "/tmp/decnetapi.sock"

ROUTING_TYPES = {
    "l2router": "Area router",
    "l1router": "L1 router",
    "endnode": "Phase IV endnode",
    "phase3router": "Phase III router",
    "phase3endnode": "Phase III endnode",
    "phase2": "Phase II node",
}


class ConfigError(Exception):
    """One bad line: str() is the reason as the real router words it."""


class NodeConfig:
    """Everything the simulator takes from the configuration files."""

    def __init__(self):
        self.own_addr = None
        self.routing_type = "l2router"
        self.maxnodes = 1023
        self.names = {}          # address -> NAME
        self.by_name = {}        # NAME -> address
        self.node_order = []     # addresses in the order of their node lines
        self.api = None          # (path, mode) when there is an "api" line
        self.http_port = None
        self.circuits = []       # [(NAME, cost)]
        self.logging_console = False
        self.identification = None
        self.names_files = []    # display names of "node @file" includes

    # -- derived values -------------------------------------------------
    @property
    def own_area(self):
        return nodeid.area_of(self.own_addr)

    @property
    def own_name(self):
        return self.names.get(self.own_addr)

    def label(self, addr):
        """How ncp and the log show a node: "1.13 (MIM)" or "9.999"."""
        name = self.names.get(addr)
        if name:
            return "{} ({})".format(nodeid.fmt_addr(addr), name)
        return nodeid.fmt_addr(addr)

    @property
    def system_name(self):
        """The node's name as used for log records and the JSON API."""
        return self.own_name or nodeid.fmt_addr(self.own_addr)

    @property
    def type_text(self):
        return ROUTING_TYPES.get(self.routing_type, "Area router")

    @property
    def circuit(self):
        """The simulated point-to-point circuit: the first circuit line."""
        if self.circuits:
            return self.circuits[0]
        return ("DMC-0", 3)

    def default_neighbor(self):
        """The first node line that is not this node, or None."""
        for addr in self.node_order:
            if addr != self.own_addr:
                return addr
        return None


def _split_options(args):
    """Split args argparse-style into (positionals, unrecognized-in-order)."""
    pos, order = [], []
    only_pos = False
    for a in args:
        if not only_pos and a == "--":
            only_pos = True
            continue
        if not only_pos and a.startswith("-") and len(a) > 1 \
                and not _NEG_NUM.match(a):
            order.append(("opt", a))
        else:
            pos.append(a)
            order.append(("pos", a))
    return pos, order


def _nodeid_value(text):
    """Config node ids: "A.N" or bare "N" (returned as N, area resolved later)."""
    if text.isdigit():
        n = int(text)
        if 1 <= n <= 1023:
            return n
        raise ValueError(text)
    return nodeid.parse_addr(text)


def _option(args, name, default=None):
    """Value following --name in args, or default."""
    for i, a in enumerate(args):
        if a == name and i + 1 < len(args):
            return args[i + 1]
        if a.startswith(name + "="):
            return a.split("=", 1)[1]
    return default


def _first_positional(args, flags=()):
    """First argument that is neither an option nor an option's value.

    flags lists options that take no value.
    """
    skip = False
    for a in args:
        if skip:
            skip = False
            continue
        if a.startswith("-") and len(a) > 1:
            skip = a not in flags and "=" not in a
            continue
        return a
    return None


class Reader:
    """Reads one or more top-level config files into a NodeConfig."""

    def __init__(self, logger):
        self.log = logger
        self.cfg = NodeConfig()
        self.errors = 0
        self._routing_seen = False

    # -- reporting ------------------------------------------------------
    def _report(self, display, reason, line):
        self.errors += 1
        self.log.error("MainThread",
                       "Config file parse error in {}:\n {}\n {}".format(
                           display, reason, line))

    # -- file scanning ----------------------------------------------------
    def read_top(self, f):
        """f is an open text file (as argparse.FileType('r') gives it)."""
        display = "<_io.TextIOWrapper name={!r} mode='r' encoding='UTF-8'>" \
            .format(f.name)
        with f:
            self._scan(f, display, os.path.dirname(f.name), "")

    def _include(self, given, basedir, prefix):
        path = given if os.path.isabs(given) else os.path.join(basedir, given)
        try:
            f = open(path, "rt", encoding="UTF-8")
        except FileNotFoundError as e:
            # The real router dies here with an uncaught FileNotFoundError
            # naming the path as written in the config.
            raise FileNotFoundError(e.errno, e.strerror, given) from None
        display = "<_io.TextIOWrapper name={!r} mode='rt' encoding='UTF-8'>" \
            .format(given)
        if prefix:
            self.cfg.names_files.append(display)
        with f:
            self._scan(f, display, os.path.dirname(path), prefix)

    def _scan(self, f, display, basedir, prefix):
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            line = prefix + line
            try:
                tokens = shlex.split(line)
            except ValueError as e:
                self._report(display, str(e), line)
                continue
            if not tokens:
                continue
            kw = tokens[0]
            if kw.startswith("@"):
                self._include(kw[1:], basedir, "")
            elif kw == "node" and len(tokens) > 1 and tokens[1].startswith("@"):
                self._include(tokens[1][1:], basedir, "node ")
            else:
                try:
                    self._keyword(kw, tokens[1:])
                except ConfigError as e:
                    self._report(display, str(e), line)

    # -- keywords -------------------------------------------------------
    def _keyword(self, kw, args):
        handler = getattr(self, "_kw_" + kw, None)
        if handler is not None:
            handler(args)
        # Anything else (circuit options, nsp, mop, bridge, ...) is accepted
        # and ignored: the simulator has nothing to do with it.

    def _kw_node(self, args):
        pos, order = _split_options(args)
        addr = name = None
        if pos:
            try:
                addr = _nodeid_value(pos[0])
            except ValueError:
                raise ConfigError("argument id: invalid Nodeid value: {!r}"
                                  .format(pos[0]))
        if len(pos) > 1:
            try:
                name = nodeid.parse_name(pos[1])
            except ValueError:
                raise ConfigError("argument name: invalid nodename value: {!r}"
                                  .format(pos[1]))
        if len(pos) < 2:
            missing = "id, name" if not pos else "name"
            raise ConfigError("the following arguments are required: "
                              + missing)
        extra, npos = [], 0
        for kind, a in order:
            if kind == "pos":
                npos += 1
                if npos <= 2:
                    continue
            extra.append(a)
        if extra:
            raise ConfigError("unrecognized arguments: " + " ".join(extra))
        if addr < 1024 and self.cfg.own_addr is not None:
            addr += self.cfg.own_area * 1024
        self._add_name(addr, name)

    def _add_name(self, addr, name):
        names, by_name = self.cfg.names, self.cfg.by_name
        if addr in names and names[addr] != name:
            raise ConfigError("Conflicting value for node address")
        if name in by_name and by_name[name] != addr:
            raise ConfigError("Conflicting value for node name")
        if addr not in names:
            self.cfg.node_order.append(addr)
        names[addr] = name
        by_name[name] = addr

    def _kw_routing(self, args):
        text = _first_positional(args)
        if text is None:
            raise ConfigError("the following arguments are required: id")
        try:
            addr = nodeid.parse_addr(text)
        except ValueError:
            raise ConfigError("argument id: invalid Nodeid value: {!r}"
                              .format(text))
        if self._routing_seen:
            return  # the simulator models one node: the first routing line
        self._routing_seen = True
        self.cfg.own_addr = addr
        self.cfg.routing_type = _option(args, "--type", "l2router")
        maxnodes = _option(args, "--maxnodes")
        if maxnodes is not None:
            try:
                self.cfg.maxnodes = max(1, min(1023, int(maxnodes)))
            except ValueError:
                raise ConfigError("argument --maxnodes: invalid int value: {!r}"
                                  .format(maxnodes))

    def _kw_api(self, args):
        path = _first_positional(args)
        if path is None:
            path = os.environ.get("DECNETAPI", DEFAULT_API)
        mode = _option(args, "--mode")
        self.cfg.api = (path, mode)

    def _kw_http(self, args):
        # Only the plain HTTP port is simulated; HTTPS options are ignored.
        val = _option(args, "--http-port")
        if val is not None:
            try:
                self.cfg.http_port = int(val)
            except ValueError:
                raise ConfigError("argument --http-port: invalid int value: "
                                  "{!r}".format(val))

    def _kw_circuit(self, args):
        if not args:
            return
        cost = _option(args, "--cost", "3")
        try:
            cost = int(cost)
        except ValueError:
            cost = 3
        self.cfg.circuits.append((args[0].upper(), cost))

    def _kw_logging(self, args):
        if args and args[0] == "console":
            self.cfg.logging_console = True

    def _kw_system(self, args):
        ident = _option(args, "--identification")
        if ident is not None:
            self.cfg.identification = ident

    # -- finishing ------------------------------------------------------
    def finish(self):
        """Resolve bare node numbers once the own area is known."""
        cfg = self.cfg
        if cfg.own_addr is None:
            return cfg
        area = cfg.own_area * 1024
        if any(a < 1024 for a in cfg.names):
            cfg.names = {(a + area if a < 1024 else a): n
                         for a, n in cfg.names.items()}
            cfg.by_name = {n: (a + area if a < 1024 else a)
                           for n, a in cfg.by_name.items()}
            cfg.node_order = [a + area if a < 1024 else a
                              for a in cfg.node_order]
        return cfg
