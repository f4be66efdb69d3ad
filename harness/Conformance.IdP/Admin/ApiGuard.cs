using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Conformance.IdP.Admin;

/// <summary>
/// What JumpCloud asks of an API caller, asked of the mock's admin and Directory Insights APIs: an <c>x-api-key</c>
/// header, so that no web page can drive them (a cross-site form cannot set a header), and a Host the IdP answers to,
/// so that a rebinding DNS name cannot reach them through a browser.
/// </summary>
internal sealed class ApiGuard(string apiKey, Func<string> baseUrl)
{
    public const string Header = "x-api-key";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(apiKey);

    /// <summary>Null when the request may go on; otherwise the status and reason to answer with.</summary>
    public (int Status, string Message)? Refusal(HttpRequest request)
    {
        if (!HostAllowed(request.Host))
        {
            return (StatusCodes.Status400BadRequest, $"Host '{request.Host}' is not this IdP's address.");
        }
        var presented = request.Headers[Header].ToString();
        return presented.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key)
            ? null
            : (StatusCodes.Status401Unauthorized, $"A valid {Header} header is required (printed by 'serve idp').");
    }

    private bool HostAllowed(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }
        var name = host.Host;
        return name is "127.0.0.1" or "localhost" or "[::1]"
            || (Uri.TryCreate(baseUrl(), UriKind.Absolute, out var own) && string.Equals(own.Host, name, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Runs the guard in front of every path under the given prefixes.</summary>
    public Func<HttpContext, Func<Task>, Task> Middleware(params string[] prefixes) => async (context, next) =>
    {
        if (prefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.Ordinal)) && Refusal(context.Request) is { } refused)
        {
            context.Response.StatusCode = refused.Status;
            await context.Response.WriteAsJsonAsync(new { message = refused.Message }).ConfigureAwait(false);
            return;
        }
        await next().ConfigureAwait(false);
    };
}
