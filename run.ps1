#!/usr/bin/env pwsh
# The suite's entry point for PowerShell 7 (Windows, Linux, macOS): same verbs and behaviour as run.sh.
#   ./run.ps1            run the default catalogue against the embedded BlueJeans stub
#   ./run.ps1 test       restore, build and run every test
$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot
$Root = $PSScriptRoot
$Config = if ($env:CONFORMANCE_CONFIG) { $env:CONFORMANCE_CONFIG } else { 'Release' }
$CliProject = 'harness/Conformance.Cli/Conformance.Cli.csproj'
$CliDll = Join-Path $Root "harness/Conformance.Cli/bin/$Config/net10.0/Conformance.Cli.dll"
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'; $env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'

function Say([string]$Text) { [Console]::Error.WriteLine("[run.ps1] $Text") }
function Fail-Setup([string]$Text) { Say $Text; exit 2 }

function Need-Dotnet {
    if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) { Fail-Setup 'the .NET SDK is missing: install .NET 10 (global.json pins the version) and run again' }
}

function Install-Debian([string]$Command, [string]$Package, [string]$Why) {
    if (Get-Command $Command -ErrorAction SilentlyContinue) { return }
    if ($IsWindows) {
        if ($Command -eq 'chromium') { Say "Chromium is not installed ($Why); browser steps will report it"; return }
        Fail-Setup "'$Command' is missing ($Why): install it and run again"
    }
    if (-not (Get-Command apt-get -ErrorAction SilentlyContinue)) { Fail-Setup "'$Command' is missing ($Why) and this machine has no apt-get: install '$Package' and run again" }
    Say "installing Debian package '$Package' with apt-get ($Why)"
    $prefix = if ((id -u) -eq '0') { @() } else { @('sudo', '-n') }
    & @prefix env DEBIAN_FRONTEND=noninteractive apt-get update -qq | Out-Null
    & @prefix env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $Package | Out-Null
    if ($LASTEXITCODE -ne 0) { Fail-Setup "could not install '$Package' (needs root or passwordless sudo): run 'sudo apt-get install $Package' and run again" }
}

# CONFORMANCE_SETUP_PLAN=1: print what a verb would set up and run, one line each, and do none of it (as run.sh).
function Plan([string]$Text) {
    if ($env:CONFORMANCE_SETUP_PLAN -ne '1') { return $false }
    [Console]::Out.WriteLine("plan: $Text")
    return $true
}

function Need-Chromium {
    # CONFORMANCE_CHROMIUM names a browser the image already has (a hosted runner's Chrome): nothing to install.
    if ($env:CONFORMANCE_CHROMIUM) { $null = Plan "use $($env:CONFORMANCE_CHROMIUM)"; return }
    if (-not (Plan 'setup chromium')) { Install-Debian 'chromium' 'chromium' "the browser steps drive Debian's Chromium with Playwright" }
}
function Need-Xmlsec { if (-not (Plan 'setup xmlsec1')) { Install-Debian 'xmlsec1' 'xmlsec1' 'tests verify signed Responses with an independent tool' } }
function Need-Mellon {
    if (Plan 'setup apache2 libapache2-mod-auth-mellon') { return }
    Install-Debian 'apache2' 'apache2' 'tests certify a real SAML SP nobody here wrote: Apache httpd with mod_auth_mellon'
    Install-Debian 'mellon_create_metadata' 'libapache2-mod-auth-mellon' "the real SP's SAML module (mocks/mellon)"
}

function Need-ReferenceSp {
    if (Plan 'setup reference-sp npm packages') { return }
    $dir = Join-Path $Root 'mocks/reference-sp'
    $lock = Join-Path $dir 'package-lock.json'
    if (-not (Test-Path $lock)) { return }
    $installed = Join-Path $dir 'node_modules/.package-lock.json'
    # -Force: .package-lock.json is a dot-file, which Get-Item does not see on Linux without it.
    if ((Test-Path $installed) -and ((Get-Item -Force $installed).LastWriteTime -ge (Get-Item -Force $lock).LastWriteTime)) { return }
    if (-not (Get-Command npm -ErrorAction SilentlyContinue)) { Install-Debian 'npm' 'npm' 'the reference SP is a Node.js app' }
    Say "installing the reference SP's npm packages (npm ci)"
    Push-Location $dir
    try { npm ci --no-audit --no-fund --loglevel=error | Out-Null; if ($LASTEXITCODE -ne 0) { Fail-Setup 'npm ci failed in mocks/reference-sp' } }
    finally { Pop-Location }
}

# Build [Project, from the root]: the whole solution (tests, bench) unless a verb needs only the CLI, whose project references everything
# it runs: a fresh ./run.ps1 compiles no test project, and an up-to-date one checks a third of the projects.
function Build([string]$Project = 'ConformanceSuite.sln') {
    if (Plan "build $Project") { return }
    Need-Dotnet
    # For tests of this script itself: the solution is already built by the test run that calls it.
    if ($env:CONFORMANCE_NO_BUILD -eq '1') { return }
    Say "restoring and building ($Config)"
    dotnet tool restore | Out-Null
    if ($LASTEXITCODE -ne 0) { Fail-Setup 'dotnet tool restore failed (.config/dotnet-tools.json)' }
    dotnet build (Join-Path $Root $Project) -c $Config -nologo -v q -clp:ErrorsOnly 2>&1 | ForEach-Object { [Console]::Error.WriteLine($_) }
    if ($LASTEXITCODE -ne 0) { Say 'build failed'; exit 3 }
}

function Invoke-Cli([string[]]$Arguments) {
    if (Plan ("run " + ($Arguments -join ' '))) { exit 0 }
    & dotnet $CliDll @Arguments; exit $LASTEXITCODE
}

function Invoke-Tests([string[]]$Extra) {
    if (Plan ("test " + ($Extra -join ' ')).TrimEnd()) { exit 0 }
    $results = Join-Path $Root 'TestResults'
    if (Test-Path $results) { Remove-Item -Recurse -Force $results }
    Say 'running every test (TRX and coverage in TestResults/)'
    dotnet test (Join-Path $Root 'ConformanceSuite.sln') -c $Config --no-build -nologo -v q --logger trx --results-directory $results --collect 'XPlat Code Coverage' @Extra
    $code = $LASTEXITCODE
    $coverage = Get-ChildItem -Path $results -Recurse -Filter coverage.cobertura.xml -ErrorAction SilentlyContinue
    if ($coverage) {
        dotnet tool run reportgenerator "-reports:$results/*/coverage.cobertura.xml" "-targetdir:$(Join-Path $Root 'reports/coverage')" '-reporttypes:Html;MarkdownSummaryGithub' '-assemblyfilters:-*.Tests' -verbosity:Warning | Out-Null
    }
    $passed = 0; $failed = 0; $skipped = 0
    foreach ($trx in Get-ChildItem -Path $results -Filter *.trx -ErrorAction SilentlyContinue) {
        $c = ([xml](Get-Content -Raw $trx.FullName)).TestRun.ResultSummary.Counters
        $passed += [int]$c.passed; $failed += [int]$c.failed; $skipped += [int]$c.total - [int]$c.executed
    }
    Write-Output "$passed passed, $failed failed, $skipped skipped"
    exit $code
}

# False when the selection leaves every browser scenario out (--exclude-tag browser): chromium only for a run that uses it.
function Wants-Browser([string[]]$Arguments) {
    for ($i = 0; $i -lt $Arguments.Count; $i++) {
        if ($Arguments[$i] -like '--exclude-tag=*browser*') { return $false }
        if ($Arguments[$i] -eq '--exclude-tag' -and $i + 1 -lt $Arguments.Count -and $Arguments[$i + 1] -like '*browser*') { return $false }
    }
    return $true
}

$verb = if ($args.Count -gt 0) { [string]$args[0] } else { '' }
$rest = if ($args.Count -gt 1) { [string[]]$args[1..($args.Count - 1)] } else { [string[]]@() }
switch ($verb) {
    'test' { $env:CONFORMANCE_LOCKED_RESTORE = '1'; Need-Chromium; Need-Xmlsec; Need-Mellon; Need-ReferenceSp; Build; Invoke-Tests $rest }
    'bench' { Need-Chromium; Need-ReferenceSp; Build; if (Plan ("bench " + ($rest -join ' ')).TrimEnd()) { exit 0 }; & dotnet run --project (Join-Path $Root 'bench/Conformance.Bench') -c $Config --no-build -- @rest; exit $LASTEXITCODE }
    { $_ -in 'help', '-h', '--help', 'list', 'validate', 'schema', 'idp', '--version', 'report', 'serve' } { Build $CliProject; Invoke-Cli ([string[]]$args) }
    { $_ -eq 'certify' -and $rest.Count -gt 0 -and $rest[0] -eq 'verify' } { Build $CliProject; Invoke-Cli ([string[]]$args) }
    default { if (Wants-Browser ([string[]]$args)) { Need-Chromium }; Need-ReferenceSp; Build $CliProject; Invoke-Cli ([string[]]$args) }
}
