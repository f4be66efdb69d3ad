"use strict";
// Fault injection on SCIM requests (control API POST/DELETE /_control/faults).

const KINDS = new Set(["status", "latency", "drop", "malformed-json", "wrong-content-type"]);

/** Validate a Fault body; returns [fault, null] or [null, reason]. */
function parseFault(body, nextId) {
  if (!body || typeof body !== "object" || Array.isArray(body)) return [null, "expected a JSON object"];
  const kind = body.kind ?? "status";
  if (!KINDS.has(kind)) return [null, `unknown kind '${kind}' (one of ${[...KINDS].join(", ")})`];
  const int = (name, dflt, min = 0) => {
    const v = body[name] ?? dflt;
    if (v === null || v === undefined) return v;
    if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer >= ${min}`);
    return v;
  };
  try {
    const fault = {
      id: nextId,
      method: typeof body.method === "string" && body.method.trim() ? body.method.trim().toUpperCase() : null,
      path: typeof body.path === "string" && body.path.trim() ? body.path.trim() : null,
      kind,
      status: int("status", kind === "status" ? 500 : null, 100),
      retryAfterSeconds: int("retryAfterSeconds", null),
      delayMs: int("delayMs", kind === "latency" ? 1000 : 0),
      times: int("times", 0),
      remaining: null,
    };
    if (fault.status !== null && fault.status !== undefined && fault.status > 599) throw new Error("status must be < 600");
    fault.remaining = fault.times === 0 ? Infinity : fault.times;
    return [fault, null];
  } catch (err) {
    return [null, err.message];
  }
}

function publicFault(f) {
  const { remaining, ...rest } = f;
  return { ...rest, remaining: remaining === Infinity ? null : remaining };
}

/** The SCIM-relative path ("/Users/123") of a request under the SCIM base. */
function pathMatches(faultPath, scimPath) {
  if (!faultPath) return true;
  let p = faultPath.replace(/\/+$/, "");
  const base = "/scim/v2";
  if (p.toLowerCase().startsWith(base)) p = p.slice(base.length);
  if (!p.startsWith("/")) p = `/${p}`;
  const a = scimPath.toLowerCase().replace(/\/+$/, "") || "/";
  const b = p.toLowerCase() || "/";
  return b === "/" || a === b || a.startsWith(`${b}/`);
}

/** Express middleware for the SCIM router: apply the first matching fault, if any. */
function faultMiddleware(state) {
  return (req, res, next) => {
    const fault = state.faults.find((f) => f.remaining > 0 &&
      (!f.method || f.method === req.method) && pathMatches(f.path, req.path));
    if (!fault) return next();
    fault.remaining -= 1;
    if (fault.retryAfterSeconds !== null && fault.retryAfterSeconds !== undefined) {
      res.set("Retry-After", String(fault.retryAfterSeconds));
    }
    const act = () => {
      switch (fault.kind) {
        case "latency":
          return next();
        case "drop":
          res.locals.dropped = true;
          req.socket.destroy();
          return undefined;
        case "malformed-json":
          res.status(fault.status ?? 200).type("application/scim+json")
            .send('{"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":1,"Resources":[{"id":');
          return undefined;
        case "wrong-content-type":
          res.status(fault.status ?? 200).type("text/html")
            .send("<!DOCTYPE html><html><body><h1>Service temporarily unavailable</h1></body></html>");
          return undefined;
        case "status":
        default: {
          const status = fault.status ?? 500;
          res.status(status).type("application/scim+json").send(JSON.stringify({
            schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
            status: String(status),
            detail: `injected fault (${status})`,
          }));
          return undefined;
        }
      }
    };
    if (fault.delayMs > 0) setTimeout(act, fault.delayMs);
    else act();
    return undefined;
  };
}

module.exports = { parseFault, publicFault, faultMiddleware };
