"""A tiny stand-in for PyDECnet's HTTP monitor (127.0.0.1 only).

GET /robots.txt    200, small text (the cheapest "is HTTP alive" check)
GET /stats/raw     HTML with JSON in a <pre>; its counters move only while
                   the router's main loop runs (mainLoopStuck freezes them)
GET /routing/status  like http/*_routing_status.html, with
                   "Reported <date> UTC, up H:MM:SS"
GET /              a short summary page
anything else      404 with Python's standard error page (http_404_api.html)
"""

import datetime
import html
import http.server
import json
import sys
import threading
import time

from . import DN_FULL, control, nodeid
from .netview import NetView


def _td(text):
    return '<td valign="top" >{}</td>'.format(text)


def _th(text):
    return '<th valign="top" >{}</th>'.format(text)


def _table(headers, rows):
    out = "<table><tr>" + "".join(_th(h) for h in headers) + "</tr>"
    for r in rows:
        out += "\n<tr>" + "".join(_td(c) for c in r) + "</tr>"
    return out + "</table>"


class _Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass  # no access log, like the real monitor at the default level

    def _send(self, body, ctype="text/html; charset=utf-8"):
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        mon = self.server.monitor
        path = self.path.split("?", 1)[0]
        if path == "/robots.txt":
            self._send("User-agent: *\nDisallow: /\n", "text/plain")
        elif path == "/stats/raw":
            self._send(mon.stats_page())
        elif path == "/routing/status":
            self._send(mon.routing_status_page())
        elif path == "/":
            self._send(mon.summary_page())
        else:
            self.send_error(404, "File not found")


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True


class Monitor:
    def __init__(self, router, port):
        self.router = router
        self.port = port
        self.server = None

    def start(self):
        """Bind (raises OSError if the port is taken) and serve in a thread."""
        self.server = _Server(("127.0.0.1", self.port), _Handler)
        self.server.monitor = self
        threading.Thread(target=self.server.serve_forever, name="http",
                         daemon=True).start()

    # -- pages --------------------------------------------------------
    def _page(self, title, body):
        r = self.router
        now = time.time()
        up = datetime.timedelta(seconds=int(now - r.started_wall))
        reported = time.strftime("%d-%b-%Y %H:%M:%S", time.gmtime(now))
        vi = sys.version_info
        return (
            '<html><head>\n  <meta charset="UTF-8">\n'
            "  <title>{t}</title>\n"
            '  <link href="/resources/decnet.css" rel="stylesheet" '
            'type="text/css">\n  \n</head>\n<body>\n'
            '<div class="flex-page">\n<div class="top"><div class="top">'
            '<div class="toptitle">{t}</div>\n'
            '<div class="timestamps">Reported {rep} UTC, up {up}'
            '&nbsp;&nbsp;&nbsp;&nbsp;<a href="/">Home</a></div></div></div>\n'
            '<div class="middle"><div class="main">{body}</div></div>\n'
            '<div class="footer">{ver} &copy; 2013-2026 by Paul Koning<br>'
            "Python {a}.{b}.{c} ({lvl}) on {plat}</div>\n</body></html>\n"
        ).format(t=title, rep=reported, up=up, body=body, ver=DN_FULL,
                 a=vi.major, b=vi.minor, c=vi.micro, lvl=vi.releaselevel,
                 plat=sys.platform)

    def _title(self):
        cfg = self.router.cfg
        return "DECnet/Python monitoring on node {}".format(
            cfg.label(cfg.own_addr))

    def summary_page(self):
        cfg = self.router.cfg
        body = ('<div class="section"><h2>Summary for node {}</h2>\n'
                "<p>Simulated PyDECnet (test double)</p></div>").format(
                    cfg.label(cfg.own_addr))
        return self._page(self._title(), body)

    def routing_status_page(self):
        r = self.router
        cfg = r.cfg
        view = NetView(cfg, control.load(r.simdir))
        own = cfg.label(cfg.own_addr)
        if view.neighbor_up:
            circ = [view.circuit, view.cost, view.label(view.neighbor),
                    "Area router", 60, 576, 126, "2.0.0", "Running"]
            l1 = [["Nearest L2", 0, 0, "Self"], [own, 31, 1023, "Self"]]
            areas = {nodeid.area_of(a) for a in cfg.names
                     if view.out_of_area(a) and view.reachable(a)}
            areas.add(nodeid.area_of(view.neighbor))
            areas.discard(cfg.own_area)
            l2 = [[a, 1, view.cost, "{} {}".format(
                view.circuit, nodeid.fmt_addr(view.neighbor))]
                for a in sorted(areas)]
        else:
            circ = [view.circuit, view.cost, "-", "-", 60, 576, 126,
                    "2.0.0", "Datalink started"]
            l1 = [[own, 0, 0, "Self"]]
            l2 = []
        l2 = sorted(l2 + [[cfg.own_area, 0, 0, "Self"]], key=lambda x: x[0])
        body = (
            '<div class="section"><h2>Routing status for node {own}</h2>\n'
            "<p>Node type: {typ}<br>\nRouting version: 2.0.0<br>\n"
            "Max nodes: {maxn}<br>\nMax hops: 16<br>\nMax cost: 128<br>\n"
            "Max visits: 32<br>\nMax area: 63<br>\nArea max hops: 16<br>\n"
            "Area max cost: 128</p></div>\n"
            '<div class="section"><h3>Point to point circuits</h3>\n{ptp}'
            "</div>\n"
            '<div class="section"><h3>Level 1 routing table</h3>\n{l1}</div>\n'
            '<div class="section"><h3>Level 2 routing table</h3>\n{l2}</div>'
        ).format(
            own=own, typ=cfg.type_text, maxn=cfg.maxnodes,
            ptp=_table(["Name", "Cost", "Neighbor", "Type", "Hello time",
                        "Block size", "Listen time", "Version", "State"],
                       [circ]),
            l1=_table(["Node", "Hops", "Cost", "Nexthop"], l1),
            l2=_table(["Area", "Hops", "Cost", "Nexthop"], l2))
        return self._page(self._title(), body)

    def stats_page(self):
        # Only values the main loop maintains go in here, so that a stuck
        # main loop shows as counters that no longer move.
        data = json.dumps(self.router.stats_snapshot(), indent=2,
                          sort_keys=True)
        body = "<pre>{}</pre>".format(html.escape(data, quote=False))
        return self._page(self._title(), body)
