// Gempay top-up: product list, order, status check until the order succeeds.
// Sign: products  Authorization: Bearer <api_key>
//       order     Authorization: Bearer sha256(api_key + ref_id + price), X-API-Key, X-Request-Time
//       status    Authorization: Bearer sha256(api_key + trx_id)

import { createHash, randomBytes } from 'node:crypto';
import { MOCK_URL, admin, decode, expect, fail, http, step } from './common.mjs';

const API_KEY = 'gempay-test-key-0001'; // fixture reseller account, balance 1 000 000

const sha256 = (s) => createHash('sha256').update(s).digest('hex');
const now = () => String(Math.floor(Date.now() / 1000));

async function raw(method, path, headers, body) {
  const res = await http(method, `${MOCK_URL}/gempay/api/${path}`, {
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { ...headers, 'Content-Type': 'application/json' },
  });
  return { status: res.status, answer: decode(res, path), body: res.body };
}

async function call(method, path, headers, body) {
  const res = await raw(method, path, headers, body);
  if (res.status !== 200 || res.answer.status !== 'success') fail(`${path}: HTTP ${res.status}: ${res.body}`);
  return res.answer;
}

await admin('POST', '/__admin/reset');

const products = await call('GET', 'products', { Authorization: `Bearer ${API_KEY}` });
expect(products.message, 'Berhasil mendapatkan list product', 'products message');
const ml = products.data.find((p) => p.kode === '1') ?? fail('products: product 1 is not listed');
expect([ml.produk, ml.harga, ml.status], ['Mobile Legends Diamonds', 15000, 'Aktif'], 'product 1');
step('products: 1 "Mobile Legends Diamonds" at 15000 (reseller), Aktif');

const refId = `REF-NODE-${randomBytes(4).toString('hex')}`;
const orderBody = { user_id: '123456', zone: '1234', produk_id: '1', ref_id: refId };
const orderHeaders = (price) => ({
  Authorization: `Bearer ${sha256(API_KEY + refId + price)}`,
  'X-API-Key': API_KEY,
  'X-Request-Time': now(),
});

// A hash over the wrong price must be refused: proves the server really checks.
const refused = await raw('POST', 'order', orderHeaders('1'), orderBody);
expect([refused.status, refused.answer.message], [401, 'Invalid hash combination'], 'order with a wrong hash');
step('an order hashed over the wrong price is refused: 401 Invalid hash combination');

const order = await call('POST', 'order', orderHeaders(String(ml.harga)), orderBody);
expect([order.message, order.data.status, order.data.harga], ['Order created successfully', 'Pending', 15000], 'order');
const orderId = order.data.order_id;
if (!/^INV-[A-Z0-9]{9}$/.test(orderId)) fail(`order: order_id ${orderId} is not INV- and 9 letters or digits`);
step(`order ${refId}: ${orderId}, Pending, 15000`);

const status = async (trxId) =>
  (await call('POST', 'cek-status', { Authorization: `Bearer ${sha256(API_KEY + trxId)}` }, { trx_id: trxId })).data;

const pending = await status(refId);
expect([pending.order_id, pending.status, pending.keterangan], [orderId, 'Pending', 'Pesanan sedang diproses'], 'cek-status before the delay');
step('cek-status by ref_id: Pending, Pesanan sedang diproses');

const clock = await admin('POST', '/__admin/clock', { advance: '6s' });
step(`mock clock advanced 6 s to ${clock.now}`);

const done = await status(orderId);
expect([done.status, done.keterangan, done.nickname], ['Success', 'Pembelian berhasil', 'Player123456'], 'cek-status after the delay');
step('cek-status by order_id: Success, Pembelian berhasil, Player123456');

const user = await admin('GET', `/__admin/gempay/users/${API_KEY}`);
expect(user.balance, 985000, 'balance after the order');
step('balance: 985000 (1000000 - 15000)');
