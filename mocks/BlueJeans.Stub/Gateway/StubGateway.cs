using System.Text;
using BlueJeans.Stub.Http;
using Conformance.Core.Http;
using Microsoft.AspNetCore.Http;

namespace BlueJeans.Stub.Gateway;

/// <summary>
/// ASP.NET Core middleware in front of WireMock: it journals every request to SCIM and the ACS on arrival (so the journal
/// order is the arrival order even when answers overlap) and lets each SCIM request claim its injected fault on arrival.
/// A fault that answers instead of the SP is then WireMock's (<see cref="FaultInjector"/>); the ones that change the
/// SP's own answer are applied here, around whichever mapping gives it: WireMock's <c>WithDelay</c> waits on the wall
/// clock, not the SP's <see cref="TimeProvider"/>, and its <c>WithFault</c> still sends a status line where a dropped
/// connection sends nothing.
/// </summary>
internal sealed class StubGateway(RequestJournal journal, FaultInjector faults, TimeProvider time, Redactor redactor)
{
    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        context.Request.Headers.Remove(FaultInjector.ClaimHeader);
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
        var fault = scimPath is null ? null : faults.Take(context.Request.Method, scimPath);
        var dropped = fault?.Fault.Kind == FaultKinds.Drop;
        var wrongContentType = fault?.Fault.Kind == FaultKinds.WrongContentType;
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

        try
        {
            switch (fault?.Fault.Kind)
            {
                case FaultKinds.Drop:
                    context.Abort();
                    return;
                case FaultKinds.Latency:
                    await Task.Delay(TimeSpan.FromMilliseconds(fault.Fault.DelayMs), time, context.RequestAborted);
                    break;
                case { } kind when FaultInjector.AnswersInstead(kind):
                    context.Request.Headers[FaultInjector.ClaimHeader] = fault.Claim;
                    break;
            }
            await next();
        }
        finally
        {
            if (fault is not null)
            {
                faults.Done(fault);
            }
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        request.Body.Position = 0;
        return body;
    }
}
