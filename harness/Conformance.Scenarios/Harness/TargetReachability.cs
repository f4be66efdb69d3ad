using System.Net.Sockets;
using Conformance.Results;
using Conformance.Scenarios.Loading;
using Conformance.Scenarios.Targets;

namespace Conformance.Scenarios.Harness;

/// <summary>
/// Before anything runs: every address the target names must accept a connection. A target nobody listens at is a
/// wrong target file (exit 2, naming the field), not 80 failed scenarios blaming an SP that was never there.
/// </summary>
public static class TargetReachability
{
    public static async Task CheckAsync(TargetFile target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var addresses = new List<(string Field, string? Url)>
        {
            ("scim.baseUrl", target.Scim?.BaseUrl),
            ("saml.acsUrl", target.Saml?.AcsUrl),
            ("control.baseUrl", target.Control?.BaseUrl),
        };
        var problems = new List<Problem>();
        foreach (var (field, url) in addresses.Where(a => a.Url is not null))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add(new Problem(new SourceLocation("target file", 1, 1), $"{field} '{url}' is not an http(s) URL"));
                continue;
            }
            using var client = new TcpClient();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await client.ConnectAsync(uri.Host, uri.Port, limit.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                problems.Add(new Problem(new SourceLocation("target file", 1, 1),
                    $"{field} {uri.GetLeftPart(UriPartial.Authority)} cannot be reached ({(ex is SocketException s ? s.SocketErrorCode.ToString() : $"no connection within {timeout.TotalSeconds:0} s")}): is the SP running, and is this its address?"));
            }
        }
        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }
    }
}
