"use strict";
const express = require("express");
const { createScimRouter } = require("./scim");
const { createSamlRouter, urls } = require("./saml");
const { createControlRouter } = require("./control");
const { faultMiddleware } = require("./faults");

const SCIM_BASE = "/scim/v2";
const SCIM_JSON_TYPES = ["application/scim+json", "application/json"];

function scimError(res, status, scimType, detail) {
  res.status(status).type("application/scim+json").send(JSON.stringify({
    schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"],
    status: String(status),
    ...(scimType ? { scimType } : {}),
    detail,
  }));
}

function decodeQuery(raw) {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** Journal every request that reaches SCIM or the ACS: method, path, query, status, body, at. */
function journal(state) {
  return (req, res, next) => {
    const at = new Date().toISOString();
    const queryIndex = req.originalUrl.indexOf("?");
    const entry = {
      method: req.method,
      path: queryIndex >= 0 ? req.originalUrl.slice(0, queryIndex) : req.originalUrl,
      query: queryIndex >= 0 ? decodeQuery(req.originalUrl.slice(queryIndex + 1)) : "",
      status: null,
      body: null,
      at,
    };
    let done = false;
    const record = () => {
      if (done) return;
      done = true;
      entry.status = res.locals.dropped || !res.headersSent ? 0 : res.statusCode;
      entry.body = req.rawBody ?? null;
      state.journal.push(entry);
    };
    res.on("finish", record);
    res.on("close", record);
    next();
  };
}

/** Read the SCIM body once (kept raw for the journal) and parse JSON, so scimmy-routers' own parser skips it. */
function scimBody(req, res, next) {
  const chunks = [];
  let size = 0;
  let failed = false;
  req.on("data", (chunk) => {
    size += chunk.length;
    if (size > 2 * 1024 * 1024) {
      failed = true;
      req.destroy();
      return;
    }
    chunks.push(chunk);
  });
  req.on("error", () => { failed = true; });
  req.on("end", () => {
    if (failed) return;
    const raw = Buffer.concat(chunks).toString("utf8");
    req.rawBody = raw.length ? raw : null;
    req._body = true; // tell body-parser (inside scimmy-routers) that the body is already read
    req.body = undefined;
    const type = (req.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
    if (raw.length && SCIM_JSON_TYPES.includes(type)) {
      try {
        req.body = JSON.parse(raw);
      } catch (err) {
        return scimError(res, 400, "invalidSyntax", `Request body is not valid JSON: ${err.message}`);
      }
    }
    return next();
  });
}

function createApp(state, { log = () => {} } = {}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "simple");

  const samlRouter = createSamlRouter(state, log);

  app.use("/_control", createControlRouter(state, samlRouter));

  app.use(SCIM_BASE, journal(state), faultMiddleware(state), scimBody, createScimRouter(state));

  app.use("/saml/acs", journal(state));
  app.use("/saml", samlRouter);

  app.get("/", (req, res) => {
    const { entityId, acsUrl, loginLink } = urls(state);
    res.type("html").send(`<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>Reference SP</title></head><body>` +
      `<h1>Reference SP</h1><ul><li>SCIM base: ${state.baseUrl}${SCIM_BASE}</li><li>SAML entity id / metadata: ${entityId}</li>` +
      `<li>ACS: ${acsUrl}</li><li><a id="login" href="${loginLink}">Sign in with SSO</a></li></ul></body></html>\n`);
  });

  app.use((req, res) => res.status(404).type("text/plain").send("Not Found\n"));

  // Last resort. scimmy-routers passes 5xx errors on after it has answered; never answer twice.
  // eslint-disable-next-line no-unused-vars
  app.use((err, req, res, next) => {
    log(`error on ${req.method} ${req.path}: ${err && err.message}`);
    if (res.headersSent) return;
    if (req.originalUrl.startsWith(SCIM_BASE)) {
      const status = err.status ?? err.statusCode ?? 500;
      scimError(res, status, null, status >= 500 ? "internal error" : String(err.message));
    } else {
      res.status(err.status ?? 500).type("text/plain").send("error\n");
    }
  });
  return app;
}

module.exports = { createApp, SCIM_BASE };
