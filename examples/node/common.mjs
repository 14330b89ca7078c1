// Shared plumbing for the Node examples: HTTP through fetch, the mock's control
// plane, PHP-compatible form encoding, and checks that stop the run with a clear
// message. The signing code lives in each provider's own file.

import { isDeepStrictEqual } from 'node:util';
import { basename } from 'node:path';

export const MOCK_URL = (process.env.MOCK_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');

const name = basename(process.argv[1] || 'example', '.mjs');

export function fail(message) {
  console.error(`FAIL ${name}: ${message}`);
  process.exit(1);
}

export function expect(got, want, what) {
  if (!isDeepStrictEqual(got, want)) {
    fail(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  }
}

export function step(message) {
  console.log(`ok  ${message}`);
}

// http sends one request and never follows redirects.
export async function http(method, url, { body, headers = {} } = {}) {
  let res;
  try {
    res = await fetch(url, { method, body, headers, redirect: 'manual', signal: AbortSignal.timeout(15000) });
  } catch (err) {
    fail(`${method} ${url}: ${err.cause?.message || err.message}`);
  }
  return { status: res.status, headers: res.headers, body: await res.text() };
}

export function decode(res, what) {
  try {
    const data = JSON.parse(res.body);
    if (data && typeof data === 'object') return data;
  } catch {}
  fail(`${what}: the answer is not a JSON object (HTTP ${res.status}): ${res.body}`);
}

// admin calls /__admin and returns the decoded JSON answer; it sends
// MOCK_ADMIN_TOKEN when the server needs one.
export async function admin(method, path, json) {
  const headers = { 'Content-Type': 'application/json' };
  if (process.env.MOCK_ADMIN_TOKEN) headers.Authorization = `Bearer ${process.env.MOCK_ADMIN_TOKEN}`;
  const res = await http(method, MOCK_URL + path, {
    body: json === undefined ? undefined : JSON.stringify(json),
    headers,
  });
  if (Math.floor(res.status / 100) !== 2) fail(`${method} ${path}: HTTP ${res.status}: ${res.body}`);
  return JSON.parse(res.body);
}

// phpUrlencode encodes like PHP's urlencode: everything but A-Z a-z 0-9 - _ .
// as %XX (upper-case hex), space as +.
export function phpUrlencode(value) {
  return encodeURIComponent(String(value))
    .replace(/[!'()*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

// httpBuildQuery builds a form body like PHP's http_build_query for flat
// parameters, in the order given.
export function httpBuildQuery(params) {
  return Object.entries(params)
    .map(([k, v]) => `${phpUrlencode(k)}=${phpUrlencode(v)}`)
    .join('&');
}

export const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };
