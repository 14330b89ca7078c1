// GeniusPlugin reseller API: connection, autoregister a package (encrypted password),
// suspend it, list it, read the credit.
// Sign: hash = sha1(sha1(API_KEY) + domain + timestamp), timestamp = the digits of the Unix time, shuffled.
// Passwords travel as gpfPassEncrypt: base64(IV + HMAC-SHA256(key, ciphertext) + AES-128-CBC(password)),
// the AES key being the key string cut or NUL-padded to 16 bytes, as PHP's openssl_encrypt does.

import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import { MOCK_URL, FORM, admin, decode, expect, fail, http, httpBuildQuery, step } from './common.mjs';

const API_KEY = 'gp-reseller-test-key-0001'; // fixture reseller 1: credit 1500.26, authorises 127.0.0.0/8

const sha1 = (s) => createHash('sha1').update(s).digest('hex');

function aesKey(key) {
  const out = Buffer.alloc(16); // NUL-padded
  Buffer.from(key).copy(out, 0, 0, 16); // truncated
  return out;
}

function gpfPassEncrypt(key, plain, iv = randomBytes(16)) {
  const cipher = createCipheriv('aes-128-cbc', aesKey(key), iv);
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const hmac = createHmac('sha256', key).update(ciphertext).digest();
  return Buffer.concat([iv, hmac, ciphertext]).toString('base64');
}

function shuffledTime() {
  const digits = String(Math.floor(Date.now() / 1000)).split('');
  for (let i = digits.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [digits[i], digits[j]] = [digits[j], digits[i]];
  }
  return digits.join('');
}

async function call(endpoint, domain, params = {}, hash) {
  const timestamp = shuffledTime();
  const body = httpBuildQuery({
    domain,
    hash: hash ?? sha1(sha1(API_KEY.trim()) + domain + timestamp),
    timestamp,
    ...params,
  });
  return decode(await http('POST', `${MOCK_URL}/geniusplugin/api/v1/${endpoint}/`, { body, headers: FORM }), endpoint);
}

await admin('POST', '/__admin/reset');

// The documented test vector first: key TESTKEY123, IV 00..0f, password S3cret!pass.
expect(gpfPassEncrypt('TESTKEY123', 'S3cret!pass', Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex')),
  'AAECAwQFBgcICQoLDA0OD0vckbunc2IOtfkJbSDseri2kEsLUtys9E9CD5uypte/TxVhoQJWx1Jc14T8MoIKkQ==', 'gpfPassEncrypt test vector');
const vector = Buffer.from('AAECAwQFBgcICQoLDA0OD0vckbunc2IOtfkJbSDseri2kEsLUtys9E9CD5uypte/TxVhoQJWx1Jc14T8MoIKkQ==', 'base64');
const decipher = createDecipheriv('aes-128-cbc', aesKey('TESTKEY123'), vector.subarray(0, 16));
expect(Buffer.concat([decipher.update(vector.subarray(48)), decipher.final()]).toString(), 'S3cret!pass', 'test vector decrypts');

expect(await call('connection', 'example.com', {}, sha1('wrong')), { status: 'Invalid hash' }, 'connection with a wrong hash');
step('a wrong hash is refused: Invalid hash');

expect(await call('connection', 'example.com'), { status: 'ok' }, 'connection');
step('connection: ok');

const domain = `shop-${randomBytes(3).toString('hex')}.example`;
const created = await call('autoregister', domain, {
  package: '20k',
  password: gpfPassEncrypt(API_KEY, 'Str0ng-pass'),
  uemail: `owner@${domain}`,
});
expect(created.status, 'ok', 'autoregister status');
if (!/^[0-9a-f]{40}$/.test(created.token ?? '')) fail(`autoregister: token is not 40 hex characters: ${JSON.stringify(created)}`);
step(`autoregister ${domain} (20k): ok, token ${created.token}`);

expect(await call('list', domain), { status: 'active', exist: 'exists' }, 'list after autoregister');
step(`list ${domain}: active`);

expect(await call('suspended', domain), { status: 'ok' }, 'suspended');
step(`suspended ${domain}: ok`);

expect(await call('list', domain), { status: 'suspended', exist: 'exists' }, 'list after suspended');
step(`list ${domain}: suspended`);

expect(await call('getcredit', 'example.com'), { status: 'OK - 1491.26' }, 'getcredit');
step('getcredit: OK - 1491.26 (1500.26 - 9.00 for 20k)');
