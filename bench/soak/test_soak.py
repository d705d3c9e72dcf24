"""Tests of the soak's own parts that need no daemon: the seeded schedule, the names-file check and its catalogue of
broken files, the node lists it serves, and the scorecard's rules. Run: python3 -m unittest discover -s bench/soak"""
import os
import subprocess
import sys
import unittest

import namesfile
import schedule
import scorecard
from faults import Expect, Outcome
from services import ROOT, NodeList

NODENAMES = os.path.join(ROOT, "tests", "fixtures", "pydecnet-samples", "nodenames.dat")


class ScheduleTests(unittest.TestCase):
    def test_the_same_seed_gives_the_same_faults(self):
        for stream in schedule.STREAMS:
            self.assertEqual(schedule.first(7, stream, 40), schedule.first(7, stream, 40))

    def test_another_seed_gives_other_faults(self):
        self.assertNotEqual(schedule.first(7, "router", 16), schedule.first(8, "router", 16))

    def test_every_kind_comes_once_in_each_round(self):
        for stream, kinds in schedule.STREAMS.items():
            faults = schedule.first(3, stream, 3 * len(kinds))
            for start in range(0, len(faults), len(kinds)):
                self.assertEqual(sorted(kinds), sorted(f.kind for f in faults[start:start + len(kinds)]))

    def test_a_link_outage_outlasts_two_checks_and_a_blip_is_shorter_than_a_quarter_of_one(self):
        faults = schedule.first(11, "router", 80)
        outages = [f.params["seconds"] for f in faults if f.kind == "link-outage"]
        blips = [f.params for f in faults if f.kind == "link-blips"]
        self.assertGreater(min(outages), 3 * schedule.PROBE_EVERY)
        self.assertTrue(all(b["seconds"] < schedule.PROBE_EVERY / 4 and b["apart"] > schedule.PROBE_EVERY for b in blips))

    def test_a_fault_describes_itself_with_its_parameters(self):
        fault = schedule.Fault("router", 5, "refuse-start", {"reason": "api-bind", "times": 2}, 1.5)
        self.assertEqual("refuse-start (reason api-bind, times 2)", fault.describe())


class NamesFileTests(unittest.TestCase):
    GOOD = b"1.13 MIM\n1.2 ERNIE\n"

    def test_a_good_file_and_its_tolerated_forms_pass(self):
        for data in (self.GOOD, b"1.13\tMIM\r\n\n1.2 ernie\n", self.GOOD + b"1.2 ERNIE\n"):
            self.assertIsNone(namesfile.problem(data), data)

    def test_the_catalogue_of_broken_files(self):
        catalogue = [
            (None, "the file is missing"),
            (b"", "the file is empty"),
            (b"1.13 MIM\n1.2 ERN", "the last line has no newline (a partial write?)"),
            (b"1.13 MIM\n\xff\n", "not UTF-8 at byte 9"),
            (b"1.13 MIM\nnode 1.2 ERNIE\n", "line 2: 'node 1.2 ERNIE': not 'AREA.NODE NAME'"),
            (b"1.13 MIM\n64.1 FAR\n", "line 2: '64.1 FAR': address out of range (area 1-63, node 1-1023)"),
            (b"1.13 MIM\n1.1024 FAR\n", "line 2: '1.1024 FAR': address out of range (area 1-63, node 1-1023)"),
            (b"1.13 MIM\n1.2 TOOLONG\n", "line 2: '1.2 TOOLONG': name is not 1-6 letters and digits with a letter"),
            (b"1.13 MIM\n1.2 1234\n", "line 2: '1.2 1234': name is not 1-6 letters and digits with a letter"),
            (b"1.13 MIM\n1.2 ERNIE\n1.2 BERT\n", "line 3: '1.2 BERT': 1.2 is already named ERNIE"),
            (b"1.13 MIM\n1.2 ERNIE\n1.3 ERNIE\n", "line 3: '1.3 ERNIE': ERNIE is already at 1.2"),
            (b"1.2 ERNIE\n", "the hub entry '1.13 MIM' is missing"),
        ]
        for data, expected in catalogue:
            self.assertEqual(expected, namesfile.problem(data), data)


class NodeListTests(unittest.TestCase):
    def test_an_update_renames_one_node_adds_another_and_stays_valid(self):
        nodes = NodeList(NODENAMES)
        before = dict(nodes.entries)
        new = nodes.update(42)
        self.assertEqual(len(before) + 1, len(nodes.entries))
        self.assertEqual(2, len(new))
        self.assertTrue(all(entry.split()[0] in nodes.entries for entry in new))
        self.assertIsNone(namesfile.problem(nodes.text().encode()))
        self.assertEqual(new, NodeList(NODENAMES).update(42), "the same variant must make the same change")

    def test_a_shrunken_list_keeps_the_hub_and_loses_many(self):
        nodes = NodeList(NODENAMES)
        shrunk = nodes.shrunk(0.5, 1)
        self.assertEqual("MIM", shrunk["1.13"])
        self.assertLess(len(shrunk), 0.7 * len(nodes.entries))

    def test_every_garbage_variant_is_unusable_as_a_names_file(self):
        nodes = NodeList(NODENAMES)
        for variant in schedule.GARBAGE:
            self.assertIsNotNone(namesfile.problem(nodes.garbage(variant, 1)), variant)


def outcome(kind="pydecnet-kill", detected=1.5, recovered=2.0, expect=(), skipped=None):
    fault = schedule.Fault("router", 1, kind, {}, 1.0)
    return Outcome(fault, 1.0, detected=detected, recovered=recovered, recover_from=1.0, window_end=10.0,
                   expect=list(expect), skipped=skipped)


def alert(id_, at=1.2, kind="pydecnet.restarted", subject="PyDECnet restarted (crash)"):
    return {"id": id_, "at": at, "source": "watchdog", "kind": kind, "severity": "warning", "subject": subject}


RESTART = Expect("PyDECnet restarted (crash)", "watchdog", "pydecnet.restarted", "PyDECnet restarted (crash)")


class ScorecardTests(unittest.TestCase):
    def judge(self, **fields):
        record = scorecard.Record(seed=1, minutes=2, **{"outcomes": [outcome(expect=[RESTART])], "alerts": [alert(1)],
                                                         "messages": [("<m1>", [1], "s")], **fields})
        return scorecard.judge(record)

    def test_a_clean_run_passes(self):
        lines, failures = self.judge()
        self.assertEqual([], failures)
        self.assertEqual("PASS: nothing lost, nothing left down", lines[-1])

    def test_an_alert_never_delivered_is_lost(self):
        _, failures = self.judge(messages=[])
        self.assertEqual(["alert 1 'PyDECnet restarted (crash)' (watchdog) was never delivered"], failures)

    def test_the_same_alert_under_two_message_ids_is_a_duplicate_but_a_resend_is_not(self):
        _, failures = self.judge(messages=[("<m1>", [1], "s"), ("<m1>", [1], "s")])
        self.assertEqual([], failures)
        _, failures = self.judge(messages=[("<m1>", [1], "s"), ("<m2>", [1], "s")])
        self.assertEqual(["alert 1 'PyDECnet restarted (crash)' was delivered in 2 different messages"], failures)

    def test_a_fault_not_detected_or_not_recovered_fails(self):
        _, failures = self.judge(outcomes=[outcome(detected=None, recovered=None, expect=[RESTART])])
        self.assertEqual(["#r1 pydecnet-kill: not detected", "#r1 pydecnet-kill: not recovered within the limit (left down)"],
                         failures)

    def test_a_missing_expected_alert_fails_and_an_extra_one_is_reported(self):
        _, failures = self.judge(alerts=[], messages=[])
        self.assertEqual(["#r1 pydecnet-kill: expected alert 'PyDECnet restarted (crash)' not raised"], failures)
        lines, failures = self.judge(alerts=[alert(1), alert(2, at=3.0)], messages=[("<m1>", [1, 2], "s")])
        self.assertEqual([], failures)
        self.assertIn("  #r1 pydecnet-kill: 'PyDECnet restarted (crash)' raised 2 times (expected 1)", lines)

    def test_an_alert_outside_the_fault_window_does_not_count_for_it(self):
        _, failures = self.judge(alerts=[alert(1, at=11.0)])
        self.assertEqual(["#r1 pydecnet-kill: expected alert 'PyDECnet restarted (crash)' not raised"], failures)

    def test_a_skipped_fault_is_said_and_not_failed(self):
        lines, failures = self.judge(outcomes=[outcome(kind="disk-full", skipped="not root")], alerts=[], messages=[])
        self.assertEqual([], failures)
        self.assertIn("disk-full             0  skipped: not root", lines)

    def test_broken_promises_fail(self):
        _, failures = self.judge(names_invalid=[[1.0, 1.1, "the file is empty"]], twice=[[2.0, 2.0, "PIDs 7, 8"]],
                                 stale=[[3.0, 9.0, "25.0 s old"]], crashes=[{"code": 70, "last": "internal error"}],
                                 excused_exits=[{"code": 65, "last": "damaged"}], final={"link MIM up": "link state down"})
        self.assertEqual(["names file unusable: the file is empty", "PyDECnet running twice: PIDs 7, 8",
                          "status file stale while the daemon lived: 25.0 s old",
                          "HecnetJobs exited by itself (code 70): internal error",
                          "HecnetJobs exited by itself while the disk was full (code 65): damaged",
                          "at the end: link MIM up: link state down"], failures)

    def test_a_driver_failure_fails_the_run_and_the_verdict_comes_last(self):
        lines, failures = self.judge(errors=["Traceback (most recent call last):\nKeyError: 'x'\n"])
        self.assertEqual(["the soak driver itself failed: KeyError: 'x'"], failures)
        self.assertEqual("FAIL: 1 problem(s)", lines[-2])
        self.assertNotIn("PASS: nothing lost, nothing left down", lines)

    def test_staleness_while_the_disk_was_full_is_reported_not_failed(self):
        lines, failures = self.judge(stale_excused=[[3.0, 9.0, "25.0 s old"]])
        self.assertEqual([], failures)
        self.assertTrue(any(line.startswith("status file stale while the disk was full: 1 time(s), 6.0 s") for line in lines))


class CommandLineTests(unittest.TestCase):
    """Bad options: one line naming the option and what was expected, exit code 2, nothing run."""

    def run_soak(self, *args):
        soak = os.path.join(os.path.dirname(os.path.abspath(__file__)), "soak.py")
        done = subprocess.run([sys.executable, soak, *args], capture_output=True, text=True, timeout=60)
        return done.returncode, done.stderr.strip().splitlines()[-1]

    def test_the_catalogue_of_bad_options(self):
        kinds = ", ".join(sorted(k for kinds in schedule.STREAMS.values() for k in kinds))
        catalogue = [
            (["--minutes", "0"], "bench/soak/soak.sh: error: --minutes: '0' is not above zero"),
            (["--minutes", "ten"], "bench/soak/soak.sh: error: argument --minutes: invalid float value: 'ten'"),
            (["--seed", "x"], "bench/soak/soak.sh: error: argument --seed: invalid int value: 'x'"),
            (["--skip", "disk-ful"], f"bench/soak/soak.sh: error: --skip: 'disk-ful' is not a fault kind (expected: {kinds})"),
        ]
        for args, expected in catalogue:
            self.assertEqual((2, expected), self.run_soak(*args), args)

    def test_the_plan_of_a_seed_is_printed_without_running(self):
        soak = os.path.join(os.path.dirname(os.path.abspath(__file__)), "soak.py")
        done = subprocess.run([sys.executable, soak, "--seed", "1", "--plan", "2"], capture_output=True, text=True, timeout=60)
        self.assertEqual(0, done.returncode)
        self.assertEqual(["router   #1   link-outage (seconds 9.5), then 1.5 s",
                          "router   #2   names-update (variant 690731206), then 1.0 s"], done.stdout.splitlines()[:2])


if __name__ == "__main__":
    unittest.main()
