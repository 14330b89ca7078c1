// NODE cloud (node.co.id) sandbox: list servers, read one, power it off, read it again.
// Sign: checksum = sha1(sha1(sha1(user_id + api_key + random))), sent with every call.

import { createHash, randomBytes } from 'node:crypto';
import { MOCK_URL, FORM, admin, decode, expect, fail, http, httpBuildQuery, step } from './common.mjs';

const USER_ID = '12312';
const API_KEY = 'hasdh6ghvhgFDa454565jasdbNBS'; // the documented sample key

const sha1 = (s) => createHash('sha1').update(s).digest('hex');

async function nodeCall(fn, params = {}) {
  const random = randomBytes(8).toString('hex');
  const checksum = sha1(sha1(sha1(USER_ID + API_KEY + random)));
  const body = httpBuildQuery({ user_id: USER_ID, random, checksum, ...params });
  const answer = decode(await http('POST', `${MOCK_URL}/nodeco/api-sandbox/v1/${fn}`, { body, headers: FORM }), fn);
  if (answer.code !== 'OK') fail(`${fn}: code ${JSON.stringify(answer.code)}, message ${JSON.stringify(answer.message)}`);
  return answer;
}

await admin('POST', '/__admin/reset');

// A wrong checksum must be refused: proves the server really checks.
const bad = decode(await http('POST', `${MOCK_URL}/nodeco/api-sandbox/v1/get_server_list`, {
  body: httpBuildQuery({ user_id: USER_ID, random: 'x1', checksum: sha1('wrong') }),
  headers: FORM,
}), 'get_server_list');
expect([bad.code, bad.message], ['ERROR', 'Invalid checksum.'], 'bad checksum');
step('a wrong checksum is refused: Invalid checksum.');

const list = (await nodeCall('get_server_list')).data;
expect(list.total_records, 2, 'get_server_list total_records');
const labels = Object.fromEntries(Object.values(list.records).map((r) => [r.server_id, r.server_label]));
expect(labels, { 12345: 'My Server One', 12346: 'My Server Two' }, 'get_server_list labels');
step('get_server_list: 2 servers, 12345 "My Server One", 12346 "My Server Two"');

let detail = (await nodeCall('get_server_detail', { server_id: '12346' })).data;
expect([detail.server_label, detail.package, detail.ram, detail.server_status], ['My Server Two', 'compute1', 0.5, 'on'], 'get_server_detail');
step('get_server_detail 12346: compute1, 0.5 GB RAM, status on');

const off = await nodeCall('turn_server_off', { server_id: '12346' });
expect(off.message, 'The server has been forcefully turned off.', 'turn_server_off message');
step(`turn_server_off 12346: ${off.message}`);

const label = await nodeCall('change_server_label', { server_id: '12346', server_label: 'Example Box' });
expect(label.message, 'The server label has been changed.', 'change_server_label message');
step(`change_server_label 12346: ${label.message}`);

detail = (await nodeCall('get_server_detail', { server_id: '12346' })).data;
expect([detail.server_status, detail.server_label], ['off', 'Example Box'], 'get_server_detail after the changes');
step('get_server_detail 12346 again: status off, label "Example Box"');
