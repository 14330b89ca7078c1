// HostDime API v1: list servers, read one, power-cycle it, list domains.
// Sign: api_hash = sha256(api_timestamp:api_unique:PRIVATE_KEY:method.name:JSON.stringify(JSON.stringify(PARAMS)))
// with PARAMS the method's own form fields in body order (as the official hdcore-js wrapper does).

import { createHash, randomUUID } from 'node:crypto';
import { MOCK_URL, FORM, admin, decode, expect, fail, http, httpBuildQuery, step } from './common.mjs';

const PUBLIC_KEY = 'foobar'; // the documented sample pair
const PRIVATE_KEY = 'fazbaz';

const sha256 = (s) => createHash('sha256').update(s).digest('hex');

function signedBody(method, params, hash) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const unique = randomUUID();
  const signed = JSON.stringify(JSON.stringify(params));
  return httpBuildQuery({
    ...params,
    api_key: PUBLIC_KEY,
    api_timestamp: timestamp,
    api_unique: unique,
    api_hash: hash ?? sha256(`${timestamp}:${unique}:${PRIVATE_KEY}:${method}:${signed}`),
  });
}

async function post(method, body) {
  const url = `${MOCK_URL}/hostdime/v1/${method.replaceAll('.', '/')}.json`;
  return decode(await http('POST', url, { body, headers: FORM }), method);
}

async function call(method, params = {}) {
  const answer = await post(method, signedBody(method, params));
  if (answer.error !== null) fail(`${method}: error ${JSON.stringify(answer.error)}`);
  return answer.response;
}

await admin('POST', '/__admin/reset');

const bad = await post('server.list', signedBody('server.list', {}, sha256('wrong')));
expect(bad.error, { code: 401, message: 'Invalid API hash' }, 'bad hash: error');
step('a wrong api_hash is refused: 401 Invalid API hash');

const servers = await call('server.list');
expect(servers.map((s) => [s.cuid, s.label]), [['S37', 'web-01'], ['S38', 'db-01']], 'server.list');
step('server.list: S37 web-01, S38 db-01');

let server = await call('server.get', { cuid: 'S37' });
expect([server.name, server.status, server.power, server.ip_main], ['web01.example.com', 'active', 'on', '198.51.100.37'], 'server.get');
step('server.get S37: web01.example.com, active, power on, 198.51.100.37');

expect(await call('server.power.cycle', { cuid: 'S37' }), true, 'server.power.cycle response');
step('server.power.cycle S37: true');

server = await call('server.get', { cuid: 'S37' });
expect(server.power, 'on', 'server.get power after the cycle');
step('server.get S37 after the cycle: power on');

const registered = await call('domain.list', { status: 'registered', order: 'desc' });
expect(registered, [{ domain: 'example.com', status: 'registered', created: '2010-03-14', expires: '2031-03-14' }], 'domain.list status=registered');
step('domain.list status=registered: example.com, expires 2031-03-14');

const all = await call('domain.list');
expect(all.map((d) => [d.domain, d.status]), [['example.com', 'registered'], ['example.net', 'expired']], 'domain.list');
step('domain.list: example.com registered, example.net expired');
