using System.Runtime.InteropServices;
using Conformance.Cli;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the run and still writes a report of what ran; a second one kills the process.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
// A CI job that is cancelled, or `kill`, sends SIGTERM: stop the same way, rather than leave it to the web hosts inside.
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
return await CommandLine.RunAsync(args, Console.Out, Console.Error, Catalogue.RepositoryRoot(), stop.Token).ConfigureAwait(false);
