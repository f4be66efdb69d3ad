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

    /// <summary>
    /// The guard in front of the APIs (<paramref name="keyed"/>: key and Host) and of the Admin Portal
    /// (<paramref name="hostOnly"/>: Host; its forms carry anti-forgery tokens and its cookie is SameSite strict).
    /// </summary>
    public Func<HttpContext, Func<Task>, Task> Middleware(string[] keyed, string[] hostOnly) => async (context, next) =>
    {
        bool Under(string[] prefixes) => prefixes.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.Ordinal));
        var refused = Under(keyed) ? Refusal(context.Request)
            : Under(hostOnly) && !HostAllowed(context.Request.Host) ? (StatusCodes.Status400BadRequest, $"Host '{context.Request.Host}' is not this IdP's address.")
            : null;
        if (refused is { } answer)
        {
            context.Response.StatusCode = answer.Status;
            await context.Response.WriteAsJsonAsync(new { message = answer.Message }).ConfigureAwait(false);
            return;
        }
        await next().ConfigureAwait(false);
    };
}
