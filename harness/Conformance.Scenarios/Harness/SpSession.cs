using System.Diagnostics;
using System.Text.RegularExpressions;
using BlueJeans.Stub;
using Conformance.Core.Http;
using Conformance.Results;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Running;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Harness;

/// <summary>
/// The SP of a run: the embedded BlueJeans stub, a process the target file starts (the reference
/// SP, Apache with mod_auth_mellon), or a vendor's SP at fixed URLs, and the one IdP identity it trusts.
/// It resolves the target's <c>${sp.…}</c> values and stops what it started, and only that.
/// </summary>
public sealed class SpSession : IAsyncDisposable
{
    private readonly BlueJeansStub? _stub;
    private readonly Process? _process;
    private readonly string? _metadataFile;
    private readonly string? _tempDir;

    private SpSession(TargetFile target, IdpIdentity idp, BlueJeansStub? stub, Process? process, string? metadataFile, string? tempDir, IReadOnlyList<string> started)
    {
        _tempDir = tempDir;
        Target = target;
        Started = started;
        Idp = idp;
        _stub = stub;
        _process = process;
        _metadataFile = metadataFile;
    }

    /// <summary>The target with every <c>${sp.…}</c> resolved.</summary>
    public TargetFile Target { get; }

    /// <summary>What a started SP process printed up to its ready line (where its logs are, say).</summary>
    public IReadOnlyList<string> Started { get; }

    /// <summary>The IdP every scenario of the run stands up: one address, one key.</summary>
    public IdpIdentity Idp { get; }

    public static async Task<SpSession> StartAsync(TargetFile target, string workingDirectory, Redactor redactor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(redactor);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        BlueJeansStub? stub = null;
        Process? process = null;
        string? metadataFile = null;
        string? tempDir = null;
        IReadOnlyList<string> started = [];
        var idp = IdpIdentity.Resolve(target, workingDirectory, TimeProvider.System);
        redactor.AddSecret(idp.Signing.PrivateKeyPem());
        try
        {
            if (target.Embedded == TargetFile.EmbeddedStub)
            {
                stub = await BlueJeansStub.StartAsync(new BlueJeansStubOptions { Port = 0, Redactor = redactor }, cancellationToken).ConfigureAwait(false);
                values["baseUrl"] = stub.BaseUrl;
                values["scimBaseUrl"] = stub.ScimBaseUrl;
                values["controlUrl"] = stub.ControlUrl;
                values["acsUrl"] = stub.AcsUrl;
                values["entityId"] = stub.EntityId;
                values["loginUrl"] = stub.LoginLinkUrl;
                values["sloUrl"] = stub.SloUrl;
            }
            else if (target.Start is { } start)
            {
                if (start.Args.Any(a => a.Contains(MetadataFileVariable, StringComparison.Ordinal)))
                {
                    metadataFile = Path.Combine(Path.GetTempPath(), $"conformance-idp-metadata-{Guid.NewGuid():N}.xml");
                    await File.WriteAllTextAsync(metadataFile, idp.MetadataXml(), cancellationToken).ConfigureAwait(false);
                }
                if (start.Args.Any(a => a.Contains(TempDirVariable, StringComparison.Ordinal)))
                {
                    tempDir = Directory.CreateTempSubdirectory("conformance-sp-").FullName;
                }
                var args = start.Args.Select(a => a
                    .Replace(MetadataFileVariable, metadataFile, StringComparison.Ordinal)
                    .Replace(TempDirVariable, tempDir, StringComparison.Ordinal)
                    .Replace("${idp.baseUrl}", idp.BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)).ToList();
                (process, values["baseUrl"], started) = await StartProcessRetryingPortRaceAsync(start with { Args = args }, workingDirectory, cancellationToken).ConfigureAwait(false);
            }
            var partial = TargetLoader.Resolve(target, values.Where(v => v.Key != "token").ToDictionary(StringComparer.Ordinal), allowMissing: ["token"]);
            if (NeedsToken(target))
            {
                var control = partial.Control ?? throw new InputException(new SourceLocation("target file", 1, 1), "${sp.token} needs a control: section to generate the token");
                using var client = SpControl.Create(control, new ExchangeJournal(), redactor, TimeProvider.System);
                try
                {
                    values["token"] = await client.GenerateTokenAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SpFaultException fault)
                {
                    // Nothing has run yet: a target whose token cannot be had is a target that cannot be used (exit 2).
                    throw new InputException(new SourceLocation("target file", 1, 1), $"control.baseUrl: ${{sp.token}} could not be generated: {fault.Message}");
                }
                redactor.AddSecret(values["token"]);
            }
            return new SpSession(TargetLoader.Resolve(target, values), idp, stub, process, metadataFile, tempDir, started);
        }
        catch
        {
            if (stub is not null)
            {
                await stub.DisposeAsync().ConfigureAwait(false);
            }
            Stop(process);
            Delete(metadataFile, tempDir);
            idp.Dispose();
            throw;
        }
    }

    private const string MetadataFileVariable = "${idp.metadataFile}";

    /// <summary>A folder for the SP's own state (config, keys, logs), made for the run and removed with it.</summary>
    private const string TempDirVariable = "${run.tempDir}";

    private static void Delete(string? file, string? folder)
    {
        if (file is not null)
        {
            File.Delete(file);
        }
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static bool NeedsToken(TargetFile target) =>
        target.Scim?.Token.Contains("${sp.token}", StringComparison.Ordinal) == true;

    /// <summary>
    /// An SP that picks a free port itself can lose it to another process before it binds (tests run in parallel):
    /// that start is tried again, twice at most; any other failure to start is reported at once.
    /// </summary>
    private static async Task<(Process, string, IReadOnlyList<string>)> StartProcessRetryingPortRaceAsync(StartSpec start, string workingDirectory, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartProcessAsync(start, workingDirectory, cancellationToken).ConfigureAwait(false);
            }
            catch (InputException lost) when (attempt < 3 && lost.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task<(Process, string, IReadOnlyList<string>)> StartProcessAsync(StartSpec start, string workingDirectory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(start.Command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in start.Args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in start.Environment)
        {
            info.Environment[name] = value;
        }
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("no process");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InputException(new SourceLocation("target file", 1, 1), $"cannot start the SP with '{start.Command}': {ex.Message}");
        }
        var ready = new Regex(start.Ready, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        var errorsRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                // What the process said on stderr before exiting says why: wait for it (briefly) before failing.
                _ = errorsRead.Task.WaitAsync(TimeSpan.FromSeconds(2)).ContinueWith(_ =>
                {
                    lock (output)
                    {
                        found.TrySetException(new InvalidOperationException($"the SP process '{start.Command}' exited before it printed its URL; it printed: {string.Join(" | ", output.TakeLast(10))}"));
                    }
                }, TaskScheduler.Default);
                return;
            }
            lock (output)
            {
                output.Add(e.Data);
            }
            var match = ready.Match(e.Data);
            if (match.Success)
            {
                found.TrySetResult(match.Groups["url"].Value.TrimEnd('/'));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                errorsRead.TrySetResult();
                return;
            }
            lock (output)
            {
                output.Add(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var url = await found.Task.WaitAsync(TimeSpan.FromSeconds(start.StartTimeoutSeconds), cancellationToken).ConfigureAwait(false);
            // The lines right after the ready line (mellon prints where its logs are) belong to the start too.
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            lock (output)
            {
                return (process, url, [.. output]);
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM while the SP starts: the process we started goes with us, never left running.
            Stop(process);
            throw;
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            Stop(process);
            string last;
            lock (output)
            {
                last = output.Count == 0 ? "it printed nothing" : "its last output: " + string.Join(" | ", output.TakeLast(5));
            }
            // Nothing has run: an SP that cannot be started is a target that cannot be used (exit 2), not our crash.
            throw new InputException(new SourceLocation("target file", 1, 1),
                $"start: '{start.Command}' did not become ready ({(ex is TimeoutException ? $"no line matching readyPattern within {start.StartTimeoutSeconds} s" : ex.Message)}); {last}");
        }
    }

    private static void Stop(Process? process)
    {
        if (process is null)
        {
            return;
        }
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It had already gone.
        }
        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_stub is not null)
        {
            await _stub.DisposeAsync().ConfigureAwait(false);
        }
        Stop(_process);
        Delete(_metadataFile, _tempDir);
        Idp.Dispose();
    }
}
