using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using BlueJeans.Stub.Http;
using BlueJeans.Stub.Scim;
using Conformance.Core.Http;
using Microsoft.AspNetCore.Http;

namespace BlueJeans.Stub.Gateway;

/// <summary>
/// ASP.NET Core middleware in front of WireMock: it journals every request to SCIM and the ACS on arrival
/// (so the journal order is the arrival order even when answers overlap), applies injected faults, and
/// checks the SCIM bearer token before any SCIM mapping — static ones included — can answer.
/// </summary>
internal sealed class StubGateway(RequestJournal journal, FaultInjector faults, ScimToken token, TimeProvider time, Redactor redactor)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path.Value ?? "";
        var scimPath = StubPaths.ScimRelative(path);
        if (scimPath is null && !string.Equals(path, StubPaths.Acs, StringComparison.Ordinal))
        {
            await next();
            return;
        }

        var entry = journal.Begin(
            context.Request.Method,
            path,
            context.Request.QueryString.Value ?? "",
            redactor.Redact(await ReadBodyAsync(context.Request)) ?? "",
            time.GetUtcNow());
        var wrongContentType = false;
        var dropped = false;
        context.Response.OnStarting(() =>
        {
            // Kestrel still starts a response for an aborted request; the client never sees it.
            if (dropped)
            {
                return Task.CompletedTask;
            }
            if (wrongContentType)
            {
                context.Response.ContentType = StubResponses.HtmlContentType;
            }
            entry.Status = context.Response.StatusCode;
            return Task.CompletedTask;
        });

        if (scimPath is not null)
        {
            if (faults.Take(context.Request.Method, scimPath) is { } fault)
            {
                switch (fault.Kind)
                {
                    case FaultKinds.Latency:
                        await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), time, context.RequestAborted);
                        break;
                    case FaultKinds.WrongContentType:
                        wrongContentType = true;
                        break;
                    case FaultKinds.Drop:
                        dropped = true;
                        context.Abort();
                        return;
                    case FaultKinds.MalformedJson:
                        await WriteAsync(context, fault.Status ?? 200, "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":1,\"Resources\":[{\"id\":", StubResponses.ScimContentType);
                        return;
                    default:
                        await WriteStatusFaultAsync(context, fault);
                        return;
                }
            }
            if (!token.Accepts(context.Request.Headers.Authorization))
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await WriteAsync(context, 401, ScimErrors.Body(401, null, "A valid bearer token is required. Generate one on the BlueJeans admin console (GENERATE TOKEN).").ToJsonString(), StubResponses.ScimContentType);
                return;
            }
        }
        await next();
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return body;
    }

    private static Task WriteStatusFaultAsync(HttpContext context, StubFault fault)
    {
        var status = fault.Status ?? 500;
        if (fault.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }
        JsonNode body = ScimErrors.Body(status, null, $"Injected fault: {status}.");
        return WriteAsync(context, status, body.ToJsonString(), StubResponses.ScimContentType);
    }

    private static async Task WriteAsync(HttpContext context, int status, string body, string contentType)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        await context.Response.WriteAsync(body, context.RequestAborted);
    }
}
