"use strict";
// The SP control API (docs/sp-control-api.md) under {base}/_control. Loopback only, no token.
const crypto = require("node:crypto");
const express = require("express");
const { SAML_DEFAULTS, reset, newToken, setToken, findUserByUserName } = require("./state");
const { parseFault, publicFault } = require("./faults");
const { urls } = require("./saml");

const NOT_SUPPORTED = { detail: "not supported by the reference SP" };

function problem(res, status, detail) {
  res.status(status).json({ detail });
}

/** Validate a SamlSettings body against the known fields; returns [settings, null] or [null, reason]. */
function parseSamlSettings(body) {
  if (!body || typeof body !== "object" || Array.isArray(body)) return [null, "expected a JSON object"];
  const out = { ...SAML_DEFAULTS };
  const bools = ["enabled", "autoProvisioning", "pickUserIdFromNameId"];
  const strings = ["certificatePem", "loginUrl", "passwordChangeUrl", "logoutUrl", "userIdAttribute", "emailAttribute", "idpEntityId"];
  for (const key of bools) {
    if (body[key] === undefined) continue;
    if (typeof body[key] !== "boolean") return [null, `${key} must be true or false`];
    out[key] = body[key];
  }
  for (const key of strings) {
    if (body[key] === undefined) continue;
    if (body[key] !== null && typeof body[key] !== "string") return [null, `${key} must be a string or null`];
    out[key] = body[key] === "" ? null : body[key];
  }
  if (out.certificatePem) {
    try {
      const pem = out.certificatePem.includes("-----BEGIN")
        ? out.certificatePem
        : `-----BEGIN CERTIFICATE-----\n${out.certificatePem.replace(/\s+/g, "")}\n-----END CERTIFICATE-----\n`;
      new crypto.X509Certificate(pem); // eslint-disable-line no-new
      out.certificatePem = pem; // a bare base64 body is stored as PEM
    } catch {
      return [null, "certificatePem is not a valid X.509 certificate"];
    }
  }
  for (const key of ["loginUrl", "passwordChangeUrl", "logoutUrl"]) {
    if (out[key] && !/^https?:\/\//i.test(out[key])) return [null, `${key} must be an http(s) URL`];
  }
  if (!out.userIdAttribute) out.userIdAttribute = SAML_DEFAULTS.userIdAttribute;
  if (!out.emailAttribute) out.emailAttribute = SAML_DEFAULTS.emailAttribute;
  return [out, null];
}

function createControlRouter(state, samlRouter) {
  const router = express.Router();
  router.use(express.json({ limit: "1mb", type: () => true }));
  let faultIds = 0;

  router.post("/reset", (req, res) => {
    reset(state);
    samlRouter.requestCache.clear();
    res.status(204).end();
  });

  router.post("/token", (req, res) => {
    res.status(200).json({ token: newToken(state) });
  });

  // The harness puts the run's token back after a scenario that generated a new one.
  router.put("/token", (req, res) => {
    const token = req.body && req.body.token;
    if (typeof token !== "string" || token.length === 0) return problem(res, 400, 'The body must be {"token": "<a token issued before>"}.');
    setToken(state, token);
    return res.status(204).end();
  });

  router.put("/saml", (req, res) => {
    const [settings, reason] = parseSamlSettings(req.body);
    if (!settings) return problem(res, 400, reason);
    state.saml = settings;
    return res.status(204).end();
  });

  router.get("/saml", (req, res) => {
    const { entityId, acsUrl, loginLink } = urls(state);
    res.status(200).json({ ...state.saml, entityId, acsUrl, relayState: state.relayState, loginLink });
  });

  router.get("/sessions", (req, res) => res.status(200).json(state.sessions));
  router.get("/journal", (req, res) => res.status(200).json(state.journal));

  router.get("/users/:userName", (req, res) => {
    const user = findUserByUserName(state, req.params.userName);
    if (!user) return problem(res, 404, `no user '${req.params.userName}'`);
    const groups = [...state.groups.values()]
      .filter((g) => (g.members ?? []).some((m) => m.value === user.id))
      .map((g) => ({ value: g.id, display: g.displayName }));
    // Like the stub: say whether a password was synchronized, never what it is.
    const { password, ...visible } = user;
    return res.status(200).json({ ...visible, passwordSet: typeof password === "string" && password.length > 0, ...(groups.length ? { groups } : {}) });
  });

  router.put("/users/:userName/recordings", (req, res) => res.status(404).json(NOT_SUPPORTED));
  router.all("/defences", (req, res) => res.status(404).json(NOT_SUPPORTED));
  router.all("/defences/:name", (req, res) => res.status(404).json(NOT_SUPPORTED));

  router.post("/faults", (req, res) => {
    const [fault, reason] = parseFault(req.body, ++faultIds);
    if (!fault) return problem(res, 400, reason);
    state.faults.push(fault);
    return res.status(201).json(publicFault(fault));
  });
  router.get("/faults", (req, res) => res.status(200).json(state.faults.map(publicFault)));
  router.delete("/faults", (req, res) => {
    state.faults.length = 0;
    res.status(204).end();
  });

  router.use((req, res) => problem(res, 404, `no control endpoint ${req.method} ${req.path}`));
  // eslint-disable-next-line no-unused-vars
  router.use((err, req, res, next) => problem(res, err.status ?? 400, err.expose ? err.message : "bad request"));
  return router;
}

module.exports = { createControlRouter, parseSamlSettings };
