"""Support modules for the PyDECnet test double (pydecnet, ncp, simctl).

Everything here is written from the captures in
/work/shared/pydecnet-samples (PyDECnet V1.1.1); none of it is PyDECnet code.
"""

# The version string the real router reports everywhere (log, ncp, HTTP).
DN_VERSION = "V1.1.1"
DN_PRODUCT = "DECnet/Python"
DN_FULL = "{} {}".format(DN_PRODUCT, DN_VERSION)
