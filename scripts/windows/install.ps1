<#
.SYNOPSIS
  Installs HecnetJobs on Windows: as a service (the default) or as a scheduled task started at boot.
.DESCRIPTION
  Copies a win-x64 build (made on any machine with: scripts/publish.sh win-x64) to -InstallDir, writes a config.json
  template and jobs.xml to -DataDir when they are missing (never overwritten), registers the service or the task, starts
  it, and runs 'hecnetjobs check'. Run it again to upgrade: it stops HecnetJobs, replaces the program, starts it again.
  PyDECnet keeps running across an upgrade. Read docs/windows.md first: PyDECnet's API needs Unix sockets, which Python
  on Windows lacks.
.EXAMPLE
  powershell -ExecutionPolicy Bypass -File scripts\windows\install.ps1 -From .build\publish\win-x64
.EXAMPLE
  scripts\windows\install.ps1 -Mode Task -User "$env:COMPUTERNAME\hecnet"
#>
#Requires -RunAsAdministrator
param(
    [ValidateSet('Service', 'Task')] [string] $Mode = 'Service',
    [string] $From = (Join-Path $PSScriptRoot '..\..\.build\publish\win-x64'),
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'HecnetJobs'),
    [string] $DataDir = (Join-Path $env:ProgramData 'HecnetJobs'),
    # An account to run as instead of LocalSystem; its password is asked for.
    [string] $User = ''
)
$ErrorActionPreference = 'Stop'
$service = 'hecnetjobs'
$task = 'HecnetJobs'
$exe = Join-Path $InstallDir 'hecnetjobs.exe'
$config = Join-Path $DataDir 'config.json'

if (-not (Test-Path (Join-Path $From 'hecnetjobs.exe'))) {
    throw "$From\hecnetjobs.exe not found: build it with 'scripts/publish.sh win-x64' and pass its folder as -From"
}
$credential = $null
if ($User) { $credential = Get-Credential -UserName $User -Message "Password of $User, the account HecnetJobs runs as" }

# 1. Stop a running copy: its program files are about to be replaced.
$existing = Get-CimInstance Win32_Service -Filter "Name='$service'"
if ($existing) { Stop-Service -Name $service }
if (Get-ScheduledTask -TaskName $task -ErrorAction SilentlyContinue) { Stop-ScheduledTask -TaskName $task }

# 2. The program.
Write-Host "== program: $From -> $InstallDir"
New-Item -ItemType Directory -Force -Path $InstallDir, $DataDir | Out-Null
Copy-Item -Path (Join-Path $From '*') -Destination $InstallDir -Recurse -Force

# 3. Config and schedules, only when missing. Relative paths in config.json are taken from its folder.
if (Test-Path $config) {
    Write-Host "== config: $config exists, left as it is"
} else {
    Write-Host "== config: $config (new)"
    $template = @'
// HecnetJobs configuration (docs/configuration.md has every key; docs/windows.md what works on Windows).
// Check an edit with: "C:\Program Files\HecnetJobs\hecnetjobs.exe" check --config <this file>
// Forward slashes work in Windows paths and need no escaping. Comments and trailing commas are allowed.
{
  "dataDir": "data",
  "pydecnet": {
    // PyDECnet run by Python directly (not pip's pydecnet.exe launcher, which adds a second process).
    "command": "C:/Program Files/Python312/python.exe",
    "arguments": ["-m", "decnet.main", "-L", "C:/ProgramData/PyDECnet/pydecnet.log", "C:/ProgramData/PyDECnet/node.conf"],
    "workingDirectory": "C:/ProgramData/PyDECnet",
    // The "api" line of PyDECnet's config. Python on Windows has no Unix sockets, so PyDECnet cannot open it and the
    // watchdog and link-probe cannot work against a native Windows PyDECnet: see docs/windows.md.
    "apiSocket": "C:/ProgramData/PyDECnet/api.sock",
  },
  "alerts": {
    // Without an "smtp" section alerts are written as .eml files to data/mail.
    // "smtp": { "host": "smtp.example.net", "user": "you@example.net", "to": ["you@example.net"] },
  },
}
'@
    # UTF-8 without a byte order mark, as on Linux.
    [IO.File]::WriteAllText($config, $template)
}
$jobs = Join-Path $DataDir 'jobs.xml'
if (-not (Test-Path $jobs)) { Copy-Item -Path (Join-Path $PSScriptRoot '..\..\jobs.xml') -Destination $jobs }

# 4. Register and start.
$command = "`"$exe`" run --config `"$config`""
if ($Mode -eq 'Service') {
    if ($existing -and $existing.PathName -ne $command) {
        throw "service '$service' runs '$($existing.PathName)'; run uninstall.ps1 first to install to other folders"
    }
    if (-not $existing) {
        Write-Host "== service: $service"
        $arguments = @{ Name = $service; BinaryPathName = $command; DisplayName = 'HecnetJobs'; StartupType = 'Automatic'
                        Description = 'Keeps PyDECnet running and reachable, and says what happened.' }
        if ($credential) { $arguments.Credential = $credential }
        New-Service @arguments | Out-Null
    }
    # Restart 1 minute after any failure (a crash, or an exit with an error code), forever; the count resets daily.
    & sc.exe failure $service reset= 86400 actions= restart/60000/restart/60000/restart/60000 | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "sc.exe failure ${service}: exit code $LASTEXITCODE" }
    & sc.exe failureflag $service 1 | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "sc.exe failureflag ${service}: exit code $LASTEXITCODE" }
    $started = "Start-Service -Name $service"
} else {
    Write-Host "== scheduled task: $task"
    $xml = Get-Content -Raw -Path (Join-Path $PSScriptRoot 'hecnetjobs-task.xml')
    $xml = $xml.Replace('C:\Program Files\HecnetJobs', [Security.SecurityElement]::Escape($InstallDir))
    $xml = $xml.Replace('C:\ProgramData\HecnetJobs', [Security.SecurityElement]::Escape($DataDir))
    if ($credential) {
        Register-ScheduledTask -TaskName $task -Xml $xml -User $credential.UserName -Password $credential.GetNetworkCredential().Password -Force | Out-Null
    } else {
        Register-ScheduledTask -TaskName $task -Xml $xml -Force | Out-Null
    }
    $started = "Start-ScheduledTask -TaskName $task"
}

# 5. Does the config pass? A new one needs PyDECnet's paths first, so this reports and does not fail the install.
& $exe check --config $config
if ($LASTEXITCODE -eq 0) {
    if ($Mode -eq 'Service') { Start-Service -Name $service } else { Start-ScheduledTask -TaskName $task }
    Write-Host "installed and started; 'hecnetjobs status --config `"$config`"' shows how it runs"
} else {
    Write-Host "installed, not started: fix $config (see above), then: $started"
}
