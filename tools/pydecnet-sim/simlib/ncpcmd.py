"""The "show" subset of ncp, answered from a NetView.

run() returns (stdout, stderr, exit code) exactly as the real ncp prints
them (ncp/ captures).  Layout rules taken from the captures:

* tables and executor blocks: an empty line first, and an empty line after
  every block;  "No information" has one empty line before and none after;
  "Error reply from NML: ..." has none before and one after;
* node table columns start at 0, 16, 29, 37, 44, 57 (status: 0, 16, 29,
  36, 43, 58, 64, 70); the node field is padded, not separated, so a
  16-character node runs into the State column;  no trailing spaces;
* syntax errors: "Error processing command:" + reason on stdout, a Python
  traceback on stderr, exit 0; an unknown verb: traceback only, exit 1.

The tracebacks are canned: they have the shape of the real ones (same
frames and exception lines), with this tool's paths in place of the lab's.
"""

import os

from . import DN_FULL, nodeid

_HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NCP_PATH = os.path.join(_HERE, "ncp")
I3DICT_PATH = os.path.join(_HERE, "decnet", "i3dict.py")

_TB_BADVERB = """\
Traceback (most recent call last):
  File "{ncp}", line 312, in docmd
    act, perm = cmd[tok]
                ~~~^^^^^
  File "{i3}", line 44, in __getitem__
    raise KeyError (key) from None
KeyError: {rtok}

During handling of the above exception, another exception occurred:

Traceback (most recent call last):
  File "{ncp}", line 719, in <module>
    main ()
  File "{ncp}", line 673, in main
    docmd (p.cmd)
  File "{ncp}", line 314, in docmd
    raise Badkw (tok)
Badkw: Unrecognized keyword {tok}
"""

_TB_BADKW = """\
Traceback (most recent call last):
  File "{ncp}", line 316, in docmd
    act (perm, rest)
  File "{ncp}", line 400, in doshow
    ent, rest = getent (rest, entdict)
                ^^^^^^^^^^^^^^^^^^^^^^
  File "{ncp}", line 550, in getent
    ent = d[tok]
          ~^^^^^
  File "{i3}", line 46, in __getitem__
    raise KeyError (key)
KeyError: {rtok}
"""

_TB_INCOMPLETE = """\
Traceback (most recent call last):
  File "{ncp}", line 316, in docmd
    act (perm, rest)
  File "{ncp}", line 400, in doshow
    ent, rest = getent (rest, entdict)
                ^^^^^^^^^^^^^^^^^^^^^^
  File "{ncp}", line {line}, in getent
    {stmt}
    {marks}
ValueError: not enough values to unpack (expected at least 1, got 0)
"""

NODE_HDR = "Node            State        Links   Delay  Circuit      Next Node"
STATUS_HDR = ("Node            State        Links  Delay  Type           "
              "Cost  Hops  Circuit")
CIRC_HDR = "Circuit         State             Loop Node        Adjacent Node"


class _Result(Exception):
    """Raised to end a command with a given output."""

    def __init__(self, stdout="", stderr="", code=0):
        super().__init__(stdout)
        self.out = (stdout, stderr, code)


def _badverb(tok):
    tb = _TB_BADVERB.format(ncp=NCP_PATH, i3=I3DICT_PATH, tok=tok,
                            rtok=repr(tok))
    return _Result("", tb, 1)


def _badkw(tok):
    tb = _TB_BADKW.format(ncp=NCP_PATH, i3=I3DICT_PATH, rtok=repr(tok))
    return _Result("Error processing command:\n Unrecognized keyword {}\n"
                   .format(tok), tb, 0)


def _incomplete(first_token):
    if first_token:
        line, stmt, marks = 548, "tok, *rest = rest", "^^^^^^^^^^"
    else:
        line, stmt, marks = 554, "tok2, *rest = rest", "^^^^^^^^^^^"
    tb = _TB_INCOMPLETE.format(ncp=NCP_PATH, line=line, stmt=stmt,
                               marks=marks)
    return _Result("Error processing command:\n Incomplete command\n", tb, 0)


def _not_simulated(what):
    return _Result("Error processing command:\n {} is not simulated\n"
                   .format(what), "", 0)


_NML_UNRECOGNIZED = _Result("Error reply from NML: Unrecognized component\n\n")


def _match(tok, words):
    """Keyword lookup: case-insensitive, abbreviable to >= 3 letters."""
    t = tok.lower()
    if t in words:
        return t
    if len(t) >= 3:
        hits = [w for w in words if w.startswith(t)]
        if len(hits) == 1:
            return hits[0]
    raise KeyError(tok)


VERBS = ("show", "list")
ENTITIES = ("node", "executor", "known", "active", "adjacent", "circuit",
            "line", "logging", "module", "object", "area", "loop")
PLURALS = {"known": ("nodes", "circuits", "lines", "logging", "modules",
                     "objects", "areas"),
           "active": ("nodes", "circuits", "lines", "logging", "areas"),
           "adjacent": ("nodes",)}
QUALIFIERS = ("summary", "status", "characteristics", "counters", "events")


def _pad(fields, widths):
    out = "".join(f.ljust(w) for f, w in zip(fields, widths))
    out += fields[len(widths)] if len(fields) > len(widths) else ""
    return out.rstrip()


class Ncp:
    def __init__(self, view):
        self.v = view
        self.cfg = view.cfg

    # -- command parsing --------------------------------------------------
    def run(self, argv):
        try:
            self._command(list(argv))
        except _Result as r:
            return r.out
        raise AssertionError("command produced no result")

    def _command(self, toks):
        verb, *rest = toks
        try:
            _match(verb, VERBS)
        except KeyError:
            raise _badverb(verb)
        if not rest:
            raise _incomplete(True)
        tok, *rest = rest
        try:
            ent = _match(tok, ENTITIES)
        except KeyError:
            raise _badkw(tok)
        arg = None
        if ent in PLURALS:
            if not rest:
                raise _incomplete(False)
            tok2, *rest = rest
            try:
                arg = _match(tok2, PLURALS[ent])
            except KeyError:
                raise _badkw(tok2)
            if arg not in ("nodes", "circuits"):
                raise _not_simulated("{} {}".format(ent, arg))
        elif ent in ("node", "circuit"):
            if not rest:
                raise _incomplete(False)
            arg, *rest = rest
        elif ent != "executor":
            raise _not_simulated(ent)
        qual = "summary"
        if rest:
            tok, *rest = rest
            try:
                qual = _match(tok, QUALIFIERS)
            except KeyError:
                raise _badkw(tok)
            if qual in ("counters", "events"):
                raise _not_simulated(qual)
        if rest:
            raise _badkw(rest[0])
        if ent == "executor":
            self._show_executor()
        elif ent == "node":
            self._show_node(arg, qual)
        elif ent == "circuit":
            self._show_circuit(arg)
        elif arg == "circuits":
            self._show_circuits(ent)
        else:
            self._show_nodes(ent, qual)

    # -- output -----------------------------------------------------------
    @staticmethod
    def _blocks(*blocks):
        """Leading empty line, each block followed by an empty line."""
        raise _Result("\n" + "".join(b + "\n\n" for b in blocks if b))

    def _executor_block(self):
        ident = self.cfg.identification or DN_FULL
        return ("    Executor node = {}, State = On,\n"
                "    Identification = {}".format(
                    self.cfg.label(self.v.own), ident))

    def _show_executor(self):
        self._blocks(self._executor_block())

    def _resolve_node(self, text):
        """Node name or address as typed -> address; NML error otherwise."""
        if nodeid.looks_like_addr(text):
            try:
                return nodeid.parse_addr(text, self.v.own_area)
            except ValueError:
                raise _NML_UNRECOGNIZED
        addr = self.cfg.by_name.get(text.upper())
        if addr is None:
            raise _NML_UNRECOGNIZED
        return addr

    def _row(self, addr, qual, listing):
        v = self.v
        reach = v.reachable(addr)
        away = v.out_of_area(addr)
        # In lists, the State field is blank for other areas' nodes.
        state = "" if listing and away else (
            "Reachable" if reach else "Unreachable")
        route = reach and (not listing or not away or addr == v.neighbor)
        circuit = v.circuit if route else ""
        nxt = v.label(v.neighbor) if route else ""
        if qual == "status":
            ntype = "Area" if route and away else ""
            return _pad([v.label(addr), state, "", "", ntype, "", "",
                         circuit], [16, 13, 7, 7, 15, 6, 6])
        if qual == "characteristics":
            return "    Remote node = {}".format(v.label(addr))
        return _pad([v.label(addr), state, "", "", circuit, nxt],
                    [16, 13, 8, 7, 13])

    def _table(self, addrs, qual, listing):
        rows = [self._row(a, qual, listing) for a in addrs]
        if qual == "characteristics":
            return rows
        hdr = STATUS_HDR if qual == "status" else NODE_HDR
        return ["\n".join([hdr] + rows)]

    def _show_node(self, text, qual):
        addr = self._resolve_node(text)
        if addr == self.v.own:
            self._blocks(self._executor_block())
        self._blocks(*self._table([addr], qual, False))

    def _show_nodes(self, which, qual):
        v = self.v
        if which == "adjacent":
            addrs = v.adjacent_nodes()
            if not addrs:
                raise _Result("\nNo information\n")
            self._blocks(*self._table(addrs, qual, True))
        addrs = v.known_nodes() if which == "known" else v.active_nodes()
        blocks = [self._executor_block()]
        if addrs:
            blocks += self._table(addrs, qual, True)
        self._blocks(*blocks)

    def _circuit_row(self):
        v = self.v
        if v.neighbor_up:
            return _pad([v.circuit, "On", "", v.label(v.neighbor)],
                        [16, 18, 17])
        return _pad([v.circuit, "On-Synchronizing"], [16])

    def _show_circuits(self, which):
        self._blocks(CIRC_HDR + "\n" + self._circuit_row())

    def _show_circuit(self, name):
        if name.upper() != self.v.circuit:
            raise _NML_UNRECOGNIZED
        self._show_circuits("known")


def run(argv, view):
    """Run one ncp command; returns (stdout, stderr, exit code)."""
    if not argv:
        return ("", "usage: ncp COMMAND...  (the simulator has no "
                "interactive mode)\n", 2)
    return Ncp(view).run(argv)
