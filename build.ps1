#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Builds, tests and publishes CoStor.

.DESCRIPTION
    Only orchestrates dotnet and npm: every step is one plain command, printed before it runs, that can be
    typed by hand instead (see README). Stops at the first failing command with its exit code.

      build    npm ci in each folder under web/ that has a package.json, then: dotnet build CoStor.sln
      test     the same npm step, then: dotnet test CoStor.sln
      publish  the same npm step, then native-AOT linux-x64 publishes of costor-appliance and costor-agent
               into -Output
      all      npm, build, test (--no-build), publish

.EXAMPLE
    ./build.ps1 -Task all -Output artifacts
#>
[CmdletBinding()]
param(
    [ValidateSet('build', 'test', 'publish', 'all')]
    [string] $Task = 'all',

    # Folder for the published binaries, relative to the repository root unless absolute.
    [string] $Output = 'artifacts'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$Root = $PSScriptRoot
$RuntimeIdentifier = 'linux-x64'
$Executables = @(
    'appliance/CoStor.Appliance/CoStor.Appliance.csproj',
    'agent/CoStor.Agent/CoStor.Agent.csproj'
)

function Invoke-Step([string] $Command, [string[]] $Arguments, [string] $WorkingDirectory = $Root) {
    Write-Host "> $Command $($Arguments -join ' ')" -ForegroundColor Cyan
    Push-Location $WorkingDirectory
    try {
        & $Command @Arguments
        if ($LASTEXITCODE -ne 0) {
            throw "'$Command $($Arguments -join ' ')' failed with exit code $LASTEXITCODE"
        }
    }
    finally {
        Pop-Location
    }
}

function Restore-Npm {
    $webDir = Join-Path $Root 'web'
    $packageFiles = @(Get-ChildItem -Path $webDir -Filter package.json -Recurse -File -ErrorAction SilentlyContinue |
        Where-Object { $_.FullName -notmatch '[\\/]node_modules[\\/]' })
    if ($packageFiles.Count -eq 0) {
        Write-Host 'npm: no package.json under web/, nothing to restore'
        return
    }
    foreach ($packageFile in $packageFiles) {
        # npm ci installs exactly the lock file; without one (a new package), npm install writes it.
        $verb = if (Test-Path (Join-Path $packageFile.DirectoryName 'package-lock.json')) { 'ci' } else { 'install' }
        Invoke-Step 'npm' @($verb, '--no-audit', '--no-fund') $packageFile.DirectoryName
    }
}

function Invoke-Build {
    Invoke-Step 'dotnet' @('build', 'CoStor.sln')
}

function Invoke-Test([switch] $NoBuild) {
    $arguments = @('test', 'CoStor.sln')
    if ($NoBuild) { $arguments += '--no-build' }
    # Microsoft.Testing.Platform exit code 8 = "zero tests ran": a test project that has no tests yet is not a
    # failure (same setting as .ci/run). Failed tests, crashes and build errors still fail.
    $env:TESTINGPLATFORM_EXITCODE_IGNORE = '8'
    try {
        Invoke-Step 'dotnet' $arguments
    }
    finally {
        Remove-Item Env:TESTINGPLATFORM_EXITCODE_IGNORE
    }
}

function Invoke-Publish {
    $outputDir = if ([System.IO.Path]::IsPathRooted($Output)) { $Output } else { Join-Path $Root $Output }
    foreach ($project in $Executables) {
        Invoke-Step 'dotnet' @('publish', $project, '-c', 'Release', '-r', $RuntimeIdentifier, '-o', $outputDir)
    }
    Write-Host "Published to $outputDir"
}

Restore-Npm
switch ($Task) {
    'build' { Invoke-Build }
    'test' { Invoke-Test }
    'publish' { Invoke-Publish }
    'all' {
        Invoke-Build
        Invoke-Test -NoBuild
        Invoke-Publish
    }
}
