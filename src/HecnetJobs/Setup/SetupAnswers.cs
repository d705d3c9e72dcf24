using HecnetJobs.Pydecnet;

namespace HecnetJobs.Setup;

/// <summary>Everything setup decided, ready to be written as a config file; the SMTP password is here only to go to the secrets file.</summary>
public sealed record SetupAnswers
{
    public required string DataDir { get; init; }

    public required string NodeName { get; init; }

    /// <summary>What PyDECnet's config files say (API socket, HTTP port, names files, first circuit).</summary>
    public required PydecnetConfig PydecnetConfig { get; init; }

    public required string PydecnetCommand { get; init; }

    /// <summary>PyDECnet's full argument list, exactly as the watchdog will start it and recognise it.</summary>
    public required IReadOnlyList<string> PydecnetArguments { get; init; }

    /// <summary>The folder PyDECnet runs in, when it matters (a source checkout, or the folder a running PyDECnet uses); else null and the data folder.</summary>
    public string? PydecnetWorkingDirectory { get; init; }

    /// <summary>The API socket as a full path (a relative <c>api</c> path is taken from PyDECnet's working folder).</summary>
    public required string ApiSocket { get; init; }

    /// <summary>The HTTP monitor's port when the watchdog can reach it on 127.0.0.1; else null.</summary>
    public int? HttpPort { get; init; }

    public required string NcpCommand { get; init; }

    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>The circuit to the neighbour (the config's first), for the link probe's diagnosis; null when there is none.</summary>
    public string? Circuit { get; init; }

    /// <summary>The mail server; null for <c>.eml</c> files.</summary>
    public SmtpAnswers? Smtp { get; init; }

    /// <summary>The SMTP password: written to the secrets file, never to the config.</summary>
    public string? SmtpPassword { get; init; }

    /// <summary>The dead man's switch URL, or null.</summary>
    public string? PingUrl { get; init; }

    /// <summary>The names file for name-refresh, set only when PyDECnet's config includes more than one.</summary>
    public string? NamesFile { get; init; }
}

/// <summary>The mail server's settings as answered; <see cref="From"/> is null when the loader's default (the login when it is an address) is right.</summary>
public sealed record SmtpAnswers(string Host, int Port, string Security, string? User, IReadOnlyList<string> To, string? From);
