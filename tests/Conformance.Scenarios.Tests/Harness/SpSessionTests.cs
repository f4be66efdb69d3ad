using Conformance.Core.Http;
using Conformance.Scenarios.Harness;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Tests.Harness;

/// <summary>Starting an SP process: a lost race for a port is tried again, a real failure is reported at once.</summary>
public class SpSessionTests
{
    /// <summary>A shell SP that fails with the given error the first <paramref name="failures"/> times, then prints its URL.</summary>
    private static (TargetFile Target, string Folder) ShellSp(int failures, string error)
    {
        var folder = Directory.CreateTempSubdirectory("conformance-spsession-").FullName;
        var script = $"""
            n=$(cat "{folder}/tries" 2>/dev/null || echo 0); echo $((n+1)) > "{folder}/tries"
            if [ "$n" -lt {failures} ]; then echo "{error}" >&2; exit 1; fi
            echo "listening http://127.0.0.1:9"; sleep 30
            """;
        return (new TargetFile { Name = "shell SP", Start = new StartSpec { Command = "bash", Args = ["-c", script], StartTimeoutSeconds = 10 } }, folder);
    }

    private static int Tries(string folder) => int.Parse(File.ReadAllText(Path.Combine(folder, "tries")).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    [Test]
    public async Task Start_AfterLosingItsPortOnce_IsTriedAgainAndStarts()
    {
        var (target, folder) = ShellSp(failures: 1, "(98)Address already in use: could not bind to address 127.0.0.1:9");

        await using var session = await SpSession.StartAsync(target, folder, new Redactor(), CancellationToken.None);

        Assert.That(Tries(folder), Is.EqualTo(2));
    }

    [Test]
    public void Start_ThatFailsForAnotherReason_IsReportedAtOnce()
    {
        var (target, folder) = ShellSp(failures: 1, "configuration error: no such module");

        Assert.That(async () => await SpSession.StartAsync(target, folder, new Redactor(), CancellationToken.None),
            Throws.TypeOf<InputException>().With.Message.Contains("no such module"));
        Assert.That(Tries(folder), Is.EqualTo(1));
    }
}
