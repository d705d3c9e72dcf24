namespace HecnetJobs.Pydecnet;

/// <summary>A circuit's state as PyDECnet's JSON API reported it.</summary>
/// <param name="State">The API's state word (<c>ru4l2</c>, <c>ds</c>, ...); null when the API gave none.</param>
/// <param name="Running">The state is one of the <c>ru*</c> (running) states.</param>
/// <param name="Neighbor">The adjacent node's address (<c>1.13</c>) while running; null otherwise.</param>
/// <param name="Detail">One line for a person: what the circuit is doing, or why it could not be asked.</param>
public sealed record CircuitReading(string Circuit, string? State, bool Running, string? Neighbor, string Detail);
