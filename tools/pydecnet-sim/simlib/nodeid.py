"""DECnet node addresses and node names.

Addresses are kept as integers, area * 1024 + node, which is also what the
JSON API reports (1.13 -> 1037, 9.54 -> 9270).
"""

import re

_ADDR_RE = re.compile(r"^(?:(\d+)\.)?(\d+)$")
# A node name: 1 to 6 letters/digits with at least one letter.
_NAME_RE = re.compile(r"^[A-Z0-9]*[A-Z][A-Z0-9]*$")


def parse_addr(text, own_area=None):
    """Parse "A.N" or a bare "N" (own area).  Raise ValueError if invalid.

    Valid areas are 1..63 and valid node numbers 1..1023; a bare number
    needs own_area to resolve it (if own_area is None it is rejected).
    """
    m = _ADDR_RE.match(text)
    if not m:
        raise ValueError(text)
    area = m.group(1)
    node = int(m.group(2))
    if area is None:
        if own_area is None:
            raise ValueError(text)
        area = own_area
    else:
        area = int(area)
    if not (1 <= area <= 63 and 1 <= node <= 1023):
        raise ValueError(text)
    return area * 1024 + node


def looks_like_addr(text):
    """True if text has the shape of an address (digits, optional dot)."""
    return bool(_ADDR_RE.match(text))


def parse_name(text):
    """Validate a node name and return it upper-cased; ValueError if bad."""
    up = text.upper()
    if len(up) > 6 or not _NAME_RE.match(up):
        raise ValueError(text)
    return up


def area_of(addr):
    return addr >> 10


def fmt_addr(addr):
    return "{}.{}".format(addr >> 10, addr & 1023)
