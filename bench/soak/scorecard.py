"""The scorecard: what was injected, detected and recovered, what the owner was told, and every broken promise.

`judge` is pure: it takes what the run recorded and returns the text and the failures, so the rules are tested
without running a soak (test_soak.py).
"""
import statistics
from dataclasses import dataclass, field


@dataclass
class Record:
    """Everything a run recorded, as plain values."""
    seed: object
    minutes: float
    outcomes: list
    alerts: list                     # hj_alerts rows: {"id", "at", "source", "kind", "severity", "subject"}
    messages: list                   # (Message-Id, [alert ids], subject) as the SMTP server received them
    names_invalid: list = field(default_factory=list)      # [start, end, detail]
    names_samples: int = 0
    twice: list = field(default_factory=list)
    process_samples: int = 0
    stale: list = field(default_factory=list)
    stale_excused: list = field(default_factory=list)
    unreadable: list = field(default_factory=list)
    oldest_heartbeat: float = 0.0
    names_rejected: list = field(default_factory=list)     # PyDECnet start failures of kind config-error
    crashes: list = field(default_factory=list)            # daemon exits the soak did not cause, outside excuses
    excused_exits: list = field(default_factory=list)      # daemon exits while the disk was full
    final: dict = field(default_factory=dict)              # end-of-run checks: name -> None (fine) or the problem
    memory: list = field(default_factory=list)             # [(pid, lived s, (VmRSS, RssAnon) at 20 s, at the end)]
    memory_trend: list = field(default_factory=list)       # the longest-lived daemon: [(age s, VmRSS, RssAnon)]
    database: tuple = (0, 0)                               # bytes after warm-up, at the end
    settle: float = 0.0
    skipping: tuple = ()                                   # fault kinds left out with --skip
    errors: list = field(default_factory=list)             # the driver's own failures (tracebacks)


def seconds(values):
    values = [v for v in values if v is not None]
    if not values:
        return "-"
    return f"{statistics.median(values):.1f} / {max(values):.1f}"


def mib(pair):
    return f"{pair[0] / 2**20:.1f} ({pair[1] / 2**20:.1f}) MiB"


def matching(expect, alerts, outcome):
    return [a for a in alerts if outcome.injected - 0.001 <= a["at"] <= outcome.window_end and expect.matches(a)]


def delivery(alerts, messages):
    """Alert id -> set of Message-Ids it was delivered in; and the number of messages received more than once."""
    delivered = {}
    seen = {}
    for message_id, ids, _ in messages:
        seen[message_id] = seen.get(message_id, 0) + 1
        for alert_id in ids:
            delivered.setdefault(alert_id, set()).add(message_id)
    resent = sum(n - 1 for n in seen.values())
    return delivered, resent


def judge(record):
    lines, failures = [], []
    fail = failures.append
    ran = [o for o in record.outcomes if not o.skipped]
    skipping = f" (left out: {', '.join(record.skipping)})" if record.skipping else ""
    lines.append(f"HecnetJobs soak, seed {record.seed}, {record.minutes:g} min of faults{skipping}, "
                 f"then {record.settle:.0f} s to settle")
    lines.append("")
    lines.append(f"{'fault':<18}{'runs':>5}{'detected':>10}{'detect s (med / max)':>22}{'recovered':>11}"
                 f"{'recover s (med / max)':>23}{'alerts exp / raised':>21}")
    kinds = sorted({o.fault.kind for o in record.outcomes})
    for kind in kinds:
        of_kind = [o for o in ran if o.fault.kind == kind]
        skipped = [o for o in record.outcomes if o.fault.kind == kind and o.skipped]
        if not of_kind:
            lines.append(f"{kind:<18}{'0':>5}  skipped: {skipped[0].skipped}")
            continue
        detectable = [o for o in of_kind if o.must_detect]
        detected = [o for o in detectable if o.detected is not None]
        recovered = [o for o in of_kind if o.recovered is not None]
        expected = sum(e.count for o in of_kind for e in o.expect)
        raised = sum(min(e.count, len(matching(e, record.alerts, o))) for o in of_kind for e in o.expect)
        lines.append(f"{kind:<18}{len(of_kind):>5}{f'{len(detected)}/{len(detectable)}' if detectable else '-':>10}"
                     f"{seconds(o.detect_seconds for o in detected):>22}{f'{len(recovered)}/{len(of_kind)}':>11}"
                     f"{seconds(o.recover_seconds for o in recovered):>23}{f'{expected} / {raised}':>21}")
    lines.append("")
    extra = []
    for o in ran:
        name = f"#{o.fault.stream[0]}{o.fault.number} {o.fault.describe()}"
        if o.must_detect and o.detected is None:
            fail(f"{name}: not detected")
        if o.recovered is None:
            fail(f"{name}: not recovered within the limit (left down)")
        for e in o.expect:
            found = len(matching(e, record.alerts, o))
            if found < e.count:
                fail(f"{name}: expected alert '{e.label}' not raised")
            elif found > e.count:
                extra.append(f"  {name}: '{e.label}' raised {found} times (expected {e.count})")
    false_alarms = [(o, a) for o in ran for e in o.forbid for a in matching(e, record.alerts, o)]

    delivered, resent = delivery(record.alerts, record.messages)
    lost = [a for a in record.alerts if a["id"] not in delivered]
    duplicated = [a for a in record.alerts if len(delivered.get(a["id"], ())) > 1]
    lines.append(f"alerts: {len(record.alerts)} raised, {len(record.alerts) - len(lost)} delivered by SMTP in "
                 f"{len(record.messages)} message(s), {len(lost)} lost, {len(duplicated)} duplicated under a new "
                 f"Message-Id, {resent} message(s) sent again with the same Message-Id (folded by mail clients)")
    kinds_raised = {}
    for a in record.alerts:
        kinds_raised[a["kind"]] = kinds_raised.get(a["kind"], 0) + 1
    lines.append("  by kind: " + (", ".join(f"{k} {n}" for k, n in sorted(kinds_raised.items())) or "none"))
    lines.append(f"false alarms on link blips shorter than a check interval: {len(false_alarms)} (reported, not failed)")
    lines.append(f"faults that raised an expected alert more than once: {len(extra)} (reported, not failed)")
    lines.extend(extra)
    for a in lost:
        fail(f"alert {a['id']} '{a['subject']}' ({a['source']}) was never delivered")
    for a in duplicated:
        fail(f"alert {a['id']} '{a['subject']}' was delivered in {len(delivered[a['id']])} different messages")

    def episodes(name, found, samples, what):
        total = sum(end - start for start, end, _ in found)
        lines.append(f"{name}: {len(found)} time(s){f', {total:.1f} s in all' if found else ''} "
                     f"({samples} samples){f'; first: {found[0][2]}' if found else ''} — {what}")
        return found

    for start, _, detail in episodes("names file unusable", record.names_invalid, record.names_samples, "must be never"):
        fail(f"names file unusable: {detail}")
    for detail in record.names_rejected:
        fail(f"PyDECnet refused its names file: {detail}")
    for start, _, detail in episodes("PyDECnet running twice", record.twice, record.process_samples, "must be never"):
        fail(f"PyDECnet running twice: {detail}")
    for start, _, detail in episodes("status file stale while the daemon lived", record.stale, "2/s", "must be never"):
        fail(f"status file stale while the daemon lived: {detail}")
    episodes("status file stale while the disk was full", record.stale_excused, "2/s", "expected: nothing can be written")
    for start, _, detail in episodes("status file unreadable", record.unreadable, "2/s", "must be never"):
        fail(f"status file unreadable: {detail}")
    lines.append(f"oldest heartbeat seen while the daemon lived (disk-full windows aside): {record.oldest_heartbeat:.1f} s")
    lines.append(f"daemon exits the soak did not cause: {len(record.crashes)}, of them while the disk was full: "
                 f"{len(record.excused_exits)} (restarted as systemd would) — must be none")
    for crash in record.crashes:
        fail(f"HecnetJobs exited by itself (code {crash['code']}): {crash['last']}")
    for exit_ in record.excused_exits:
        fail(f"HecnetJobs exited by itself while the disk was full (code {exit_['code']}): {exit_['last']}")
    for pid, lived, early, last in record.memory:
        lines.append(f"daemon PID {pid}: lived {lived:.0f} s; VmRSS (of it RssAnon) {mib(early)} after 20 s, "
                     f"{mib(last)} at its end")
    if record.memory_trend:
        lines.append("the longest-lived daemon's VmRSS (RssAnon) by age: " + ", ".join(
            f"{age / 60:.0f} min {mib((rss, anon))}" if age >= 60 else f"{age:.0f} s {mib((rss, anon))}"
            for age, rss, anon in record.memory_trend))
    lines.append(f"database (with WAL): {record.database[0] / 2**20:.2f} MiB after warm-up, "
                 f"{record.database[1] / 2**20:.2f} MiB at the end")
    for name, problem in record.final.items():
        lines.append(f"at the end: {name}: {'ok' if problem is None else problem}")
        if problem is not None:
            fail(f"at the end: {name}: {problem}")
    for error in record.errors:
        fail(f"the soak driver itself failed: {error.strip().splitlines()[-1]}")
        lines.extend(["", "the soak driver failed:", error.rstrip()])
    lines.append("")
    lines.append("PASS: nothing lost, nothing left down" if not failures else f"FAIL: {len(failures)} problem(s)")
    lines.extend(f"  {f}" for f in failures)
    return lines, failures
