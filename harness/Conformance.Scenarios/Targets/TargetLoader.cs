using System.Text.RegularExpressions;
using Conformance.Results;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Model;

namespace Conformance.Scenarios.Targets;

/// <summary>
/// Reads a target file. <c>${NAME}</c> is an environment variable (for secrets), expanded on load;
/// <c>${sp.…}</c> names what a started SP reports, expanded once it runs.
/// </summary>
public static partial class TargetLoader
{
    /// <summary>Bounds of every *Seconds field of a target: at least a second, at most a day.</summary>
    public const int MinSeconds = 1;

    public const int MaxSeconds = 86_400;

    /// <summary>Bound of every *Milliseconds field: at most ten minutes.</summary>
    public const int MaxMilliseconds = 600_000;

    public static TargetFile Load(string path, Func<string, string?>? environment = null)
    {
        if (Directory.Exists(path))
        {
            throw new InputException(new SourceLocation(path, 1, 1), "this is a folder; --target takes a target file (mocks/targets/*.yaml)");
        }
        return Parse(path, Yaml.ReadText(path, path), environment ?? Environment.GetEnvironmentVariable);
    }

    public static TargetFile Parse(string path, string text, Func<string, string?> environment)
    {
        var problems = new List<Problem>();
        var stream = Yaml.Load(text, path);
        if (stream.Documents.Count != 1)
        {
            throw new InputException(new SourceLocation(path, 1, 1), "a target file holds exactly one YAML document");
        }
        var root = Yaml.ToInputNode(stream.Documents[0].RootNode, path).MapScalars(s => s with { Value = ExpandEnvironment(s, environment, problems) });
        var target = (TargetFile)InputBinder.Bind(typeof(TargetFile), root, "the target file", problems);
        if (target.Embedded is not null && target.Embedded != TargetFile.EmbeddedStub)
        {
            problems.Add(new Problem(root.Location, $"unknown embedded SP '{target.Embedded}'; known: {TargetFile.EmbeddedStub}"));
        }
        CheckValues(root, problems);
        if (target.Control is { } control && root is InputNode.Mapping rootMap && rootMap["control"] is InputNode.Mapping controlMap)
        {
            foreach (var unknown in control.Capabilities.Where(c => !ControlSpec.Known.Contains(c)))
            {
                // A misspelt capability would silently skip every scenario that needs the real one.
                problems.Add(new Problem(controlMap["capabilities"]?.Location ?? controlMap.Location, $"unknown control capability '{unknown}'; known: {string.Join(", ", ControlSpec.Known)}"));
            }
        }
        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }
        return target;
    }

    /// <summary>
    /// What the binder cannot see from types alone, by the field's name wherever it stands: every *Url an absolute
    /// http(s) address (unless the SP reports it later, ${sp.…}), every *Seconds at least 1 and at most a day, every
    /// *Milliseconds from 0 to 10 minutes, a token without spaces or control characters (a pasted line break), an app
    /// (idp.app) that can end an IdP URL.
    /// </summary>
    /// <summary>Past this a userName is not a limit worth a boundary test (the users would not fit a SCIM filter line).</summary>
    private const int MaxUsernameLength = 1024;

    private static void CheckValues(InputNode node, List<Problem> problems)
    {
        if (node is InputNode.Sequence sequence)
        {
            foreach (var item in sequence.Items)
            {
                CheckValues(item, problems);
            }
            return;
        }
        if (node is not InputNode.Mapping map)
        {
            return;
        }
        foreach (var entry in map.Entries)
        {
            if (entry.Value is not InputNode.Scalar { Value: var value } scalar || value.Contains("${", StringComparison.Ordinal))
            {
                CheckValues(entry.Value, problems);
                continue;
            }
            var problem = entry.Key switch
            {
                var k when k.EndsWith("Url", StringComparison.Ordinal) && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                    => $"{entry.Key} '{value}' is not an http(s) address",
                var k when k.EndsWith("Seconds", StringComparison.Ordinal) && !(int.TryParse(value, out var seconds) && seconds is >= MinSeconds and <= MaxSeconds)
                    => $"{entry.Key} must be a whole number of seconds from {MinSeconds} to {MaxSeconds}, not '{value}'",
                var k when k.EndsWith("Milliseconds", StringComparison.Ordinal) && !(int.TryParse(value, out var ms) && ms is >= 0 and <= MaxMilliseconds)
                    => $"{entry.Key} must be a whole number of milliseconds from 0 to {MaxMilliseconds}, not '{value}'",
                "token" when value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
                    => "token holds a space or a line break (pasted with its line end?); a bearer token has none",
                "userNameMaxLength" when !(int.TryParse(value, out var length) && length is >= Data.UserFactory.MinUsernameLimit and <= MaxUsernameLength)
                    => $"userNameMaxLength must be a whole number from {Data.UserFactory.MinUsernameLimit} to {MaxUsernameLength}, not '{value}'",
                "app" when !Core.Applications.ApplicationCatalog.IsValidSuffix(value)
                    => $"app '{value}' is not an IdP URL suffix: letters, digits, '-', '_' and '.' only",
                _ => null,
            };
            if (problem is not null)
            {
                problems.Add(new Problem(scalar.Location, problem));
            }
        }
    }

    /// <summary>Replaces <c>${sp.name}</c> in every text field with what the started SP reported.</summary>
    public static TargetFile Resolve(TargetFile target, IReadOnlyDictionary<string, string> sp, IReadOnlyCollection<string>? allowMissing = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(sp);
        string R(string s) => SpVariable().Replace(s, m => sp.TryGetValue(m.Groups[1].Value, out var v) ? v
            : allowMissing?.Contains(m.Groups[1].Value) == true ? m.Value
            : throw new InputException(new SourceLocation("target file", 1, 1), $"the target file uses ${{sp.{m.Groups[1].Value}}}, which this SP does not report (it reports: {string.Join(", ", sp.Keys)})"));
        string? N(string? s) => s is null ? null : R(s);
        return target with
        {
            Scim = target.Scim is null ? null : target.Scim with { BaseUrl = R(target.Scim.BaseUrl), Token = R(target.Scim.Token) },
            Saml = target.Saml is null ? null : target.Saml with
            {
                EntityId = R(target.Saml.EntityId),
                AcsUrl = R(target.Saml.AcsUrl),
                LoginUrl = N(target.Saml.LoginUrl),
                Metadata = N(target.Saml.Metadata),
                SloUrl = N(target.Saml.SloUrl),
                RelayState = N(target.Saml.RelayState),
                Session = target.Saml.Session is null ? null : target.Saml.Session with { Url = N(target.Saml.Session.Url) },
            },
            Control = target.Control is null ? null : target.Control with { BaseUrl = R(target.Control.BaseUrl) },
        };
    }

    /// <summary>The capability names scenarios list in <c>needs:</c>, derived from what the target declares.</summary>
    public static IReadOnlySet<string> Capabilities(TargetFile target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var caps = new HashSet<string>(StringComparer.Ordinal);
        if (target.Scim is { } scim)
        {
            caps.Add(Capability.Scim);
            if (scim.Groups) { caps.Add(Capability.ScimGroups); }
            if (scim.PasswordSync) { caps.Add(Capability.ScimPasswordSync); }
        }
        if (target.Saml is { } saml)
        {
            caps.Add(Capability.Saml);
            if (saml.LoginUrl is not null) { caps.Add(Capability.SamlSpInitiated); }
            if (saml.SloUrl is not null) { caps.Add(Capability.SamlSlo); }
            if (saml.Session?.Url is not null) { caps.Add(Capability.SamlSessionPage); }
            if (saml.Links?.PasswordChange is not null) { caps.Add(Capability.SamlPasswordChangeLink); }
            if (saml.Links?.Logout is not null) { caps.Add(Capability.SamlLogoutLink); }
            if (saml.UserIdFromNameId) { caps.Add(Capability.SamlUserIdFromNameId); }
            if (saml.WantAssertionsSigned) { caps.Add(Capability.SamlWantAssertionsSigned); }
            if (saml.WantResponseSigned) { caps.Add(Capability.SamlWantResponseSigned); }
        }
        if (target.Profile is { } profile) { caps.Add(Capability.OfProfile(profile)); }
        if (target.Limits.UserNameMaxLength is not null) { caps.Add(Capability.LimitsUsernameLength); }
        if (target.Limits.RecordingsOnDeprovision is not null) { caps.Add(Capability.LimitsRecordings); }
        if (target.Control is { } control)
        {
            caps.Add(Capability.Control);
            foreach (var c in control.Capabilities)
            {
                caps.Add(Capability.OfControl(c));
            }
        }
        return caps;
    }

    private static string ExpandEnvironment(InputNode.Scalar scalar, Func<string, string?> environment, List<Problem> problems) =>
        EnvVariable().Replace(scalar.Value, m =>
        {
            var name = m.Groups[1].Value;
            var value = environment(name);
            if (value is null)
            {
                problems.Add(new Problem(scalar.Location, $"environment variable '{name}' is not set (the target file reads it with ${{{name}}})"));
                return "";
            }
            return value;
        });

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvVariable();

    [GeneratedRegex(@"\$\{sp\.([A-Za-z0-9_]+)\}")]
    private static partial Regex SpVariable();
}
