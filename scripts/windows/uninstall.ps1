<#
.SYNOPSIS
  Removes HecnetJobs installed by install.ps1: the service or scheduled task, and the program folder.
.DESCRIPTION
  The config, schedules, database and logs in -DataDir stay unless -Purge is given. PyDECnet is not stopped: on Windows
  it is not part of the service, so it runs on until stopped by hand.
#>
#Requires -RunAsAdministrator
param(
    [string] $InstallDir = (Join-Path $env:ProgramFiles 'HecnetJobs'),
    [string] $DataDir = (Join-Path $env:ProgramData 'HecnetJobs'),
    [switch] $Purge
)
$ErrorActionPreference = 'Stop'
$service = 'hecnetjobs'
$task = 'HecnetJobs'

if (Get-Service -Name $service -ErrorAction SilentlyContinue) {
    Write-Host "== service: $service (stopped and removed)"
    Stop-Service -Name $service
    & sc.exe delete $service | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "sc.exe delete ${service}: exit code $LASTEXITCODE" }
}
if (Get-ScheduledTask -TaskName $task -ErrorAction SilentlyContinue) {
    Write-Host "== scheduled task: $task (stopped and removed)"
    Stop-ScheduledTask -TaskName $task
    Unregister-ScheduledTask -TaskName $task -Confirm:$false
}
if (Test-Path $InstallDir) {
    Write-Host "== program: $InstallDir (removed)"
    Remove-Item -Recurse -Force -Path $InstallDir
}
if ($Purge -and (Test-Path $DataDir)) {
    Write-Host "== data: $DataDir (removed: config, schedules, database, logs)"
    Remove-Item -Recurse -Force -Path $DataDir
} elseif (Test-Path $DataDir) {
    Write-Host "== data: $DataDir kept (-Purge removes it)"
}
