using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Conformance.IdP.Pages;

/// <summary>Plain, accessible pages with the ids browser tests use (#username, #password, #login, #error, a.tile).</summary>
internal static class Html
{
    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Document(string title, string body) =>
        $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{E(title)}} · JumpCloud (mock)</title>
        <style>
        body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:48rem;padding:0 1rem;color:#1b1f24}
        label{display:block;margin-top:1rem} input{font-size:1rem;padding:.4rem;width:20rem}
        button{margin-top:1rem;font-size:1rem;padding:.5rem 1.2rem}
        #error{color:#a00;border-left:4px solid #a00;padding:.5rem 1rem;background:#fee}
        .tiles{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0}
        a.tile{display:block;width:10rem;padding:1rem;border:1px solid #ccd;border-radius:.5rem;text-decoration:none;color:inherit;border-top:.5rem solid var(--tile-color,#4a6ee0)}
        </style></head>
        <body>
        <header><p>JumpCloud <small>(conformance mock IdP)</small></p></header>
        <main>
        <h1>{{E(title)}}</h1>
        {{body}}
        </main>
        </body>
        </html>

        """;

    public static Task WriteAsync(HttpContext context, int status, string title, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(Document(title, body), Encoding.UTF8);
    }

    /// <summary>An error page; nothing on it links or redirects anywhere the request named.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string title, string message) =>
        WriteAsync(context, status, title, $"<p id=\"error\" role=\"alert\">{E(message)}</p>\n<p><a href=\"/userconsole\">Back to the User Console</a></p>");

    public static string LoginForm(string? pending, string? returnPath, string? error, string? username)
    {
        var body = new StringBuilder();
        if (error is not null)
        {
            body.Append("<p id=\"error\" role=\"alert\">").Append(E(error)).Append("</p>\n");
        }
        body.Append("<form id=\"login-form\" method=\"post\" action=\"/login\">\n");
        body.Append("<label for=\"username\">Username or email</label>\n<input id=\"username\" name=\"username\" autocomplete=\"username\" required value=\"").Append(E(username)).Append("\">\n");
        body.Append("<label for=\"password\">Password</label>\n<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\n");
        if (pending is not null)
        {
            body.Append("<input type=\"hidden\" name=\"pending\" value=\"").Append(E(pending)).Append("\">\n");
        }
        if (returnPath is not null)
        {
            body.Append("<input type=\"hidden\" name=\"return\" value=\"").Append(E(returnPath)).Append("\">\n");
        }
        body.Append("<button id=\"login\" type=\"submit\">Log in</button>\n</form>");
        return body.ToString();
    }
}
