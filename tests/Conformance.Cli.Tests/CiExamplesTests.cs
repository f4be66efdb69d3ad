using System.Diagnostics;
using Conformance.Testing;
using YamlDotNet.RepresentationModel;

namespace Conformance.Cli.Tests;

/// <summary>
/// The CI examples in docs/ci are run, not assumed: every job's ./run.sh line is dry-run as a setup plan
/// (CONFORMANCE_SETUP_PLAN=1) with the job's environment, on this machine, since no container can be started here.
/// </summary>
public sealed class CiExamplesTests
{
    /// <summary>One CI job: where it runs, its environment, and its ./run.sh commands with the CI variables filled in.</summary>
    public sealed record Job(string File, string Name, string Image, IReadOnlyDictionary<string, string> Environment, IReadOnlyList<string> Commands)
    {
        public override string ToString() => $"{File}:{Name}";
    }

    private static YamlMappingNode Load(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(Repository.Root, "docs", "ci", file));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Fill(string command) => command
        .Replace("${CI_NODE_INDEX}", "1", StringComparison.Ordinal).Replace("${CI_NODE_TOTAL}", "3", StringComparison.Ordinal)
        .Replace("${{ matrix.shard }}", "1", StringComparison.Ordinal);

    private static IEnumerable<string> RunShLines(string script) =>
        script.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("./run.sh ", StringComparison.Ordinal)).Select(Fill);

    public static IEnumerable<Job> Jobs()
    {
        foreach (var (key, value) in Load("gitlab-ci.yml").Children)
        {
            if (value is YamlMappingNode job && job.Children.TryGetValue(new YamlScalarNode("script"), out var script))
            {
                yield return new Job("gitlab-ci.yml", key.ToString(), job["image"].ToString(), new Dictionary<string, string>(),
                    [.. ((YamlSequenceNode)script).Children.SelectMany(line => RunShLines(line.ToString()))]);
            }
        }
        foreach (var (key, value) in (YamlMappingNode)Load("github-actions.yml")["jobs"])
        {
            var job = (YamlMappingNode)value;
            var env = job.Children.TryGetValue(new YamlScalarNode("env"), out var e)
                ? ((YamlMappingNode)e).Children.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString())
                : [];
            var commands = ((YamlSequenceNode)job["steps"]).Children.OfType<YamlMappingNode>()
                .Where(step => step.Children.ContainsKey(new YamlScalarNode("run")))
                .SelectMany(step => RunShLines(step["run"].ToString()));
            yield return new Job("github-actions.yml", key.ToString(), job["runs-on"].ToString(), env, [.. commands]);
        }
    }

    [TestCaseSource(nameof(Jobs))]
    public async Task Job_DryRun_SetsUpOnlyWhatItsImageCanGive(Job job)
    {
        Assume.That(job.Commands, Is.Not.Empty, "a job without ./run.sh (an upload) has nothing to dry-run");
        foreach (var command in job.Commands)
        {
            var (code, plan) = await PlanAsync(command, job.Environment);
            var lines = plan.Split('\n', StringSplitOptions.RemoveEmptyEntries);

            Assert.That(code, Is.Zero, $"{job}: {command}\n{plan}");
            // Ubuntu (the .NET 10 SDK image, GitHub's runners) has no chromium apt package that runs in a container.
            if (job.Image.Contains("dotnet/sdk", StringComparison.Ordinal) || job.Image.StartsWith("ubuntu", StringComparison.Ordinal))
            {
                Assert.That(lines, Has.None.EqualTo("plan: setup chromium"), $"{job}: {command} would apt-get a chromium Ubuntu does not have");
            }
            if (command.Contains(" report merge ", StringComparison.Ordinal))
            {
                Assert.That(lines, Is.EqualTo(new[] { "plan: build harness/Conformance.Cli/Conformance.Cli.csproj", $"plan: run {command["./run.sh ".Length..]}" }), $"{job}: a merge needs only .NET");
            }
        }
    }

    [TestCase("gitlab-ci.yml", "junit:")]
    [TestCase("github-actions.yml", "action-junit-report")]
    public void Pipeline_PublishesOneJUnitSource(string file, string marker)
    {
        var text = File.ReadAllText(Path.Combine(Repository.Root, "docs", "ci", file));

        Assert.That(text.Split(marker).Length - 1, Is.EqualTo(1), "shard and merged JUnit both published would count every test twice");
    }

    private static async Task<(int Code, string Out)> PlanAsync(string command, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        info.Environment["CONFORMANCE_SETUP_PLAN"] = "1";
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }
}
