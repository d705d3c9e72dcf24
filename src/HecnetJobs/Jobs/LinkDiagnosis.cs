namespace HecnetJobs.Jobs;

/// <summary>Which failure a down link looks like, in one line, and what each check found.</summary>
/// <param name="Verdict">One line an owner reads on a phone: PyDECnet, this host's internet, the circuit, or the far node.</param>
/// <param name="Findings">One line per check made (API, each TCP endpoint, the circuit).</param>
public sealed record LinkDiagnosis(string Verdict, IReadOnlyList<string> Findings);
