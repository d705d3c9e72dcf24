"""The simulated network as seen from this node, for one request.

The model is the lab of the captures: one point-to-point circuit to one
neighbour.  Everything beyond this node is reached through that neighbour,
so when the neighbour is unreachable (the "killed" captures) everything is.

* A node named in control.json "unreachable" is Unreachable.
* A node in another area is Reachable when its area is, i.e. when the
  neighbour is up (1.999 and ERNIE show Reachable through MIM).
* A node in our own area is Reachable only if it has a name in the names
  table (an unknown own-area address such as 9.999 is Unreachable).
"""

from . import nodeid


class NetView:
    def __init__(self, cfg, ctl):
        self.cfg = cfg
        self.own = cfg.own_addr
        self.own_area = cfg.own_area
        self.circuit, self.cost = cfg.circuit
        self.unreachable = {a for a in map(self.resolve, ctl.unreachable)
                            if a is not None}
        nb = self.resolve(ctl.neighbor) if ctl.neighbor else None
        if nb is None or nb == self.own:
            nb = cfg.default_neighbor()
        self.neighbor = nb
        self.neighbor_up = nb is not None and nb not in self.unreachable

    def resolve(self, text):
        """A node name or address (as in control.json) -> address or None."""
        if text is None:
            return None
        text = str(text).strip().upper()
        if text in self.cfg.by_name:
            return self.cfg.by_name[text]
        try:
            return nodeid.parse_addr(text, self.own_area)
        except ValueError:
            return None

    def out_of_area(self, addr):
        return nodeid.area_of(addr) != self.own_area

    def reachable(self, addr):
        if addr == self.own:
            return True
        if addr in self.unreachable or not self.neighbor_up:
            return False
        if addr == self.neighbor or self.out_of_area(addr):
            return True
        return addr in self.cfg.names

    def label(self, addr):
        return self.cfg.label(addr)

    def known_nodes(self):
        """Addresses listed by "show known nodes" (without the executor).

        Every address of the own area up to maxnodes, plus the named nodes
        and the neighbour of other areas (see maxnodes64-*_show-known-nodes).
        """
        nodes = {self.own_area * 1024 + n
                 for n in range(1, self.cfg.maxnodes + 1)}
        nodes.update(a for a in self.cfg.names if self.out_of_area(a))
        if self.neighbor is not None:
            nodes.add(self.neighbor)
        nodes.discard(self.own)
        return sorted(nodes)

    def active_nodes(self):
        """Reachable nodes whose route we know: own area, and the neighbour."""
        return [a for a in self.known_nodes()
                if self.reachable(a)
                and (a == self.neighbor or not self.out_of_area(a))]

    def adjacent_nodes(self):
        return [self.neighbor] if self.neighbor_up else []
