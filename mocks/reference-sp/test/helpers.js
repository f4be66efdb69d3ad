"use strict";
// Test helpers: start the reference SP as a child process (as the C# harness does), talk HTTP to it,
// and build SAML Responses signed with xml-crypto (node-saml's own signing/verifying library).
const { spawn, execFileSync } = require("node:child_process");
const crypto = require("node:crypto");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const readline = require("node:readline");

const SERVER = path.join(__dirname, "..", "server.js");

/** Start `node server.js --port 0`; resolve with {base, child, stop()} once the first stdout line is read. */
function startSp({ env = {} } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SERVER, "--port", "0"], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => { stderr += d; });
    const lines = readline.createInterface({ input: child.stdout });
    const timer = setTimeout(() => reject(new Error(`no listening line within 10 s; stderr: ${stderr}`)), 10000);
    child.once("exit", (code) => { clearTimeout(timer); reject(new Error(`exited early (${code}): ${stderr}`)); });
    lines.once("line", (first) => {
      clearTimeout(timer);
      const match = /^listening (http:\/\/127\.0\.0\.1:(\d+))$/.exec(first);
      if (!match) return reject(new Error(`unexpected first line: ${first}`));
      const stop = () => new Promise((res) => {
        if (child.exitCode !== null || child.signalCode !== null) return res(child.exitCode);
        child.once("exit", (code, signal) => res(code ?? signal));
        child.kill("SIGTERM");
      });
      child.removeAllListeners("exit");
      return resolve({ base: match[1], port: Number(match[2]), firstLine: first, child, stop, stderr: () => stderr });
    });
  });
}

async function http(method, url, { headers = {}, body, json, form, redirect = "manual" } = {}) {
  const init = { method, headers: { ...headers }, redirect };
  if (json !== undefined) {
    init.body = JSON.stringify(json);
    if (!init.headers["Content-Type"]) init.headers["Content-Type"] = "application/scim+json";
  } else if (form !== undefined) {
    init.body = new URLSearchParams(form).toString();
    init.headers["Content-Type"] = "application/x-www-form-urlencoded";
  } else if (body !== undefined) {
    init.body = body;
  }
  const res = await fetch(url, init);
  const text = await res.text();
  let parsed;
  try { parsed = text ? JSON.parse(text) : undefined; } catch { parsed = undefined; }
  return { status: res.status, headers: res.headers, text, json: parsed };
}

function opensslAvailable() {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** A throw-away self-signed RSA key and certificate (made with openssl at test time, never committed). */
function makeKeyPair(cn = "reference-sp-test-idp") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "refsp-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
      "-subj", `/CN=${cn}`, "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
    return {
      key: fs.readFileSync(path.join(dir, "key.pem"), "utf8"),
      cert: fs.readFileSync(path.join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const iso = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
const newId = () => `_${crypto.randomBytes(16).toString("hex")}`;

/** A SAML 2.0 Response as JumpCloud sends it (unsigned); every field can be overridden. */
function buildResponse(o) {
  const now = o.now ?? Date.now();
  const responseId = o.responseId ?? newId();
  const assertionId = o.assertionId ?? newId();
  const inResponseTo = o.inResponseTo ? ` InResponseTo="${o.inResponseTo}"` : "";
  const destination = o.destination === null ? "" : ` Destination="${o.destination ?? o.acsUrl}"`;
  const notOnOrAfter = iso(o.notOnOrAfter ?? now + 5 * 60 * 1000);
  const notBefore = iso(o.notBefore ?? now - 60 * 1000);
  const attributes = Object.entries(o.attributes ?? {}).map(([name, value]) =>
    `<saml:Attribute Name="${name}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified">` +
    `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${value}</saml:AttributeValue></saml:Attribute>`).join("");
  return `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${responseId}" Version="2.0" IssueInstant="${iso(now)}"${destination}${inResponseTo}>` +
    `<saml:Issuer>${o.issuer}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion ID="${assertionId}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${o.issuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${o.nameId}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData NotOnOrAfter="${notOnOrAfter}" Recipient="${o.recipient ?? o.acsUrl}"${inResponseTo}/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">` +
    `<saml:AudienceRestriction><saml:Audience>${o.audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${o.sessionIndex ?? newId()}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : "") +
    `</saml:Assertion></samlp:Response>`;
}

/** Sign the Assertion, then the Response (RSA-SHA256, SHA-256, exclusive c14n, Signature right after Issuer). */
function signResponse(xml, { key, cert }, { assertion = true, response = true } = {}) {
  const { SignedXml } = require("xml-crypto");
  const sign = (input, target) => {
    const sig = new SignedXml({
      privateKey: key,
      publicCert: cert,
      signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    });
    sig.addReference({
      xpath: `//*[local-name(.)='${target}']`,
      transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
      digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    });
    sig.computeSignature(input, {
      prefix: "ds",
      location: { reference: `//*[local-name(.)='${target}']/*[local-name(.)='Issuer']`, action: "after" },
    });
    return sig.getSignedXml();
  };
  let out = xml;
  if (assertion) out = sign(out, "Assertion");
  if (response) out = sign(out, "Response");
  return out;
}

const b64 = (s) => Buffer.from(s, "utf8").toString("base64");

module.exports = { startSp, http, opensslAvailable, makeKeyPair, buildResponse, signResponse, b64, newId };
