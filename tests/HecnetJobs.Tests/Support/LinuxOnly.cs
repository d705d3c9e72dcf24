using System.Runtime.Versioning;

// The tests run on Linux only: they send real signals, read /proc and run the Python simulator. Saying so lets them
// call HecnetJobs' Linux-only code (Libc, PosixFile, ProcessTable) without a platform check at every call (CA1416).
[assembly: SupportedOSPlatform("linux")]
