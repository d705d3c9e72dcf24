"""Is PyDECnet's names file usable? The soak reads it many times a second and must never find it broken.

The file is the one PyDECnet's config includes with `node @FILE`, so each line is `AREA.NODE NAME`. The rules are
PyDECnet's own (tests/fixtures/pydecnet-samples/README.md): area 1-63, node 1-1023, a name of 1-6 letters and digits
with at least one letter, no address with two names and no name at two addresses (an identical repeat is allowed),
blank lines allowed. The soak adds what a half-written or emptied file would break: the file exists, is not empty,
ends with a newline, and holds the pinned hub entry.
"""
import re

ENTRY = re.compile(r"^(\d+)\.(\d+)[ \t]+(\S+)[ \t]*$")
NAME = re.compile(r"^[A-Za-z0-9]{1,6}$")
PINNED = ("1.13", "MIM")


def problem(data):
    """None when the bytes are a usable names file, else one line saying what is wrong (and on which line)."""
    if data is None:
        return "the file is missing"
    if not data:
        return "the file is empty"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        return f"not UTF-8 at byte {e.start}"
    if not text.endswith("\n"):
        return "the last line has no newline (a partial write?)"
    by_address, by_name = {}, {}
    for number, raw in enumerate(text.split("\n")[:-1], 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        match = ENTRY.match(line)
        if not match:
            return f"line {number}: {line[:60]!r}: not 'AREA.NODE NAME'"
        area, node, name = int(match.group(1)), int(match.group(2)), match.group(3).upper()
        if not 1 <= area <= 63 or not 1 <= node <= 1023:
            return f"line {number}: {line!r}: address out of range (area 1-63, node 1-1023)"
        if not NAME.match(name) or name.isdigit():
            return f"line {number}: {line!r}: name is not 1-6 letters and digits with a letter"
        address = f"{area}.{node}"
        if by_address.setdefault(address, name) != name:
            return f"line {number}: {line!r}: {address} is already named {by_address[address]}"
        if by_name.setdefault(name, address) != address:
            return f"line {number}: {line!r}: {name} is already at {by_name[name]}"
    if by_address.get(PINNED[0]) != PINNED[1]:
        return f"the hub entry '{PINNED[0]} {PINNED[1]}' is missing"
    return None


def read(path):
    """The file's bytes, or None when it does not exist."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None
