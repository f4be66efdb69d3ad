using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Conformance.Core.Applications;
using Conformance.Core.Directories;
using Conformance.Core.Http;
using Conformance.Core.Insights;
using Conformance.Core.Saml;
using Conformance.Scenarios.Model;
using Conformance.Scenarios.Targets;
using Conformance.Scim;

namespace Conformance.Scenarios.Running;

/// <summary>
/// Everything one scenario works with: a fresh organisation (directory, applications, DI log),
/// the target, what was observed so far, and named values steps hand to later steps.
/// </summary>
public sealed partial class ScenarioContext : IExchangeSink, ISamlMessageSink
{
    private readonly Dictionary<string, string> _variables = new(StringComparer.Ordinal);

    public ScenarioContext(Scenario scenario, TargetFile target, IReadOnlySet<string> capabilities, TimeProvider time, Redactor redactor, string? runFolder, RunNamespace? ns = null)
    {
        Namespace = ns ?? RunNamespace.None;
        Scenario = scenario;
        Target = target;
        Capabilities = capabilities;
        Time = time;
        Redactor = redactor;
        RunFolder = runFolder;
        Directory = new JumpCloudDirectory();
        Applications = new ApplicationCatalog(Directory);
        Insights = new InsightsLog(time, "org-conformance");
        Insights.Logged += InsightsSeen.Add;
    }

    public Scenario Scenario { get; }

    /// <summary>The run's mark: names a scenario writes (<c>bjn.native002</c>, <c>Video Users</c>) are meant with it.</summary>
    public RunNamespace Namespace { get; }
    public TargetFile Target { get; }
    public IReadOnlySet<string> Capabilities { get; }
    public TimeProvider Time { get; }
    public Redactor Redactor { get; }
    public string? RunFolder { get; }
    public JumpCloudDirectory Directory { get; }
    public ApplicationCatalog Applications { get; }
    public InsightsLog Insights { get; }

    public Journal<HttpExchange> Exchanges { get; } = new();
    public Journal<SamlMessageRecord> SamlMessages { get; } = new();
    public Journal<InsightsEvent> InsightsSeen { get; } = new();
    public Journal<string> Notes { get; } = new();
    public Journal<string> Screenshots { get; } = new();
    public Journal<string> Traces { get; } = new();

    /// <summary>The users the scenario's data section produced, in order.</summary>
    public IReadOnlyList<DirectoryUser> Users { get; internal set; } = [];

    /// <summary>What the last administrative action was refused with (null when it was accepted).</summary>
    public string? LastRefusal { get; set; }

    /// <summary>
    /// Does what an administrator does in the Admin Portal. A refusal is recorded in <see cref="LastRefusal"/>
    /// (and noted), not thrown: whether it should have been refused is for the step's checks to judge.
    /// </summary>
    public async Task AdministerAsync(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        LastRefusal = null;
        try
        {
            await action().ConfigureAwait(false);
        }
        catch (ApplicationRefusedException refused)
        {
            LastRefusal = refused.Message;
            Note($"the Admin Portal refused: {refused.Message}");
        }
    }

    public Task Administer(Action action) => AdministerAsync(() =>
    {
        action();
        return Task.CompletedTask;
    });

    private readonly List<IAsyncDisposable> _owned = [];

    /// <summary>Something a step opened for the rest of the scenario (the administrator's browser): closed when it ends.</summary>
    public T Own<T>(T resource) where T : IAsyncDisposable
    {
        _owned.Add(resource);
        return resource;
    }

    internal async ValueTask DisposeOwnedAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync().ConfigureAwait(false);
        }
        _owned.Clear();
    }

    /// <summary>Services the harness adds for this scenario (the IdP, the SCIM engine, the SP's control client).</summary>
    public IDictionary<Type, object> Services { get; } = new Dictionary<Type, object>();

    public T Get<T>() where T : class =>
        Services.TryGetValue(typeof(T), out var service) ? (T)service
            : typeof(T) == typeof(Harness.SpControl) ? throw new CapabilityMissingException("control", "this step sets or reads SP-side state through the SP's control API")
            : throw new InvalidOperationException($"{typeof(T).Name} is not available in this scenario's environment.");

    /// <summary>
    /// A client for the SP's SCIM API as its own admin or a reader would use it (not the IdP's pushes): the target's
    /// token, timeout and retry rules, as the engine's; every exchange captured and redacted on <paramref name="channel"/>.
    /// </summary>
    public ScimAdminClient SpScimClient(string channel)
    {
        var scim = Target.Scim ?? throw new CapabilityMissingException("scim", "the step talks to the SP's SCIM API");
        Redactor.AddSecret(scim.Token);
        return new ScimAdminClient(new Uri(scim.BaseUrl), scim.Token, Harness.HarnessEnvironment.EngineOptions(scim), this, Redactor, Time, channel);
    }

    /// <summary>
    /// An HTTP client whose every exchange is evidence of the scenario (captured on <paramref name="channel"/>, redacted):
    /// what a step or check downloads is in the report like what the IdP sent.
    /// </summary>
    public HttpClient EvidenceClient(string channel) =>
        new(new CapturingHandler(this, Redactor, Time, channel) { InnerHandler = new SocketsHttpHandler() }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Throws <see cref="CapabilityMissingException"/> unless the target declares <paramref name="capability"/>.</summary>
    public void Require(string capability, string why)
    {
        if (!Capabilities.Contains(capability))
        {
            throw new CapabilityMissingException(capability, why);
        }
    }

    /// <summary>Work a step started that finishes in the background (SCIM pushes): awaited before the step's checks.</summary>
    public IList<Func<CancellationToken, Task>> Settlers { get; } = [];

    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        foreach (var settle in Settlers)
        {
            await settle(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Where the running step's HTTP exchanges begin in <see cref="Exchanges"/>.</summary>
    public int StepExchangesStart { get; internal set; }

    /// <summary>
    /// What a step changed on the SP beyond its data (a rotated SCIM token), undone before the clean-up, which, like
    /// the next scenario, works with the target's own settings.
    /// </summary>
    public IList<Func<CancellationToken, Task>> Restorers { get; } = [];

    public void Record(HttpExchange exchange) => Exchanges.Add(exchange);

    public void Record(SamlMessageRecord message) => SamlMessages.Add(message);

    public void Note(string text) => Notes.Add(Redactor.Redact(text) ?? "");

    public void Set(string name, string value) => _variables[name] = value;

    /// <summary>
    /// Expands <c>${name}</c>: a value a step set, <c>users[i].property</c>, <c>target.name</c>, or <c>mark:NAME</c> (a
    /// name of the scenario's as the run marked it, for expected values: <c>${mark:Video Users}</c>).
    /// </summary>
    public string Expand(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Template().Replace(text, m => Resolve(m.Groups[1].Value)
            ?? throw new KeyNotFoundException($"'${{{m.Groups[1].Value}}}' names nothing: known values are {string.Join(", ", _variables.Keys.Order(StringComparer.Ordinal).Append("users[i].<property>").Append("target.name").Append("mark:<name>"))}"));
    }

    private string? Resolve(string name)
    {
        if (_variables.TryGetValue(name, out var value))
        {
            return value;
        }
        if (name == "target.name")
        {
            return Target.Name;
        }
        if (name.StartsWith("mark:", StringComparison.Ordinal))
        {
            return Namespace.Apply(name["mark:".Length..]);
        }
        var user = UserPath().Match(name);
        if (user.Success)
        {
            var index = int.Parse(user.Groups[1].Value, CultureInfo.InvariantCulture);
            if (index >= Users.Count)
            {
                return null;
            }
            var property = typeof(DirectoryUser).GetProperty(user.Groups[2].Value, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            return property?.GetValue(Users[index])?.ToString();
        }
        return null;
    }

    [GeneratedRegex(@"\$\{([^}]+)\}")]
    private static partial Regex Template();

    [GeneratedRegex(@"^users\[(\d+)\]\.([A-Za-z]+)$")]
    private static partial Regex UserPath();
}
