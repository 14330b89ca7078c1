// Zipay merchant API: balance, create an invoice, pay it on the hosted payment page,
// check its status, verify it (which credits the merchant), balance again.
// Sign: body = the form as PHP's http_build_query builds it; headers api_key and
//       api_sign = base64(HMAC-SHA256(key = SECRET, message = body)).

import { createHmac, randomBytes } from 'node:crypto';
import { MOCK_URL, FORM, admin, decode, expect, fail, http, httpBuildQuery, step } from './common.mjs';

// The documented sample pair (account 10025, terminal 1001).
const API_KEY = '4f3c12fa0a1d1ac8b026298b980f16b2';
const SECRET = 'f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6';

const sign = (body) => createHmac('sha256', SECRET).update(body).digest('base64');

async function call(method, params = {}, wantStatus = 200, signature) {
  const body = httpBuildQuery(params);
  const res = await http('POST', `${MOCK_URL}/zipay/api/${method}`, {
    body,
    headers: { ...FORM, api_key: API_KEY, api_sign: signature ?? sign(body) },
  });
  const answer = decode(res, method);
  if (res.status !== wantStatus) fail(`${method}: HTTP ${res.status}, want ${wantStatus}: ${res.body}`);
  return answer;
}

async function usdBalance() {
  const usd = (await call('balance')).items.find((i) => i.coin.currency === 'USD');
  return usd ? usd.amount : fail('balance: no USD wallet');
}

await admin('POST', '/__admin/reset');

const bad = await call('balance', {}, 403, sign('something else'));
expect(bad.errors, { auth: 'INVALID_API_SIGN' }, 'balance with a wrong api_sign');
step('a wrong api_sign is refused: 403 INVALID_API_SIGN');

expect(await usdBalance(), '1000', 'USD balance before');
step('balance: USD 1000');

const invoiceNumber = `NODE-${randomBytes(4).toString('hex')}`;
const invoice = (await call('create-invoice', {
  terminal_number: 1001,
  amount: '100.99',
  currency: 'USD',
  invoice_number: invoiceNumber,
  callback: 'http://shop.example/back?order=42',
  description: 'Order #42 ~ 2 items',
})).result;
const trackid = invoice.trackid;
expect(invoice.redirect, `${MOCK_URL}/zipay/invoice_v1/${trackid}`, 'create-invoice redirect');
step(`create-invoice ${invoiceNumber}: trackid ${trackid}`);

expect((await call('invoice-status', { trackid })).result.status, 'unpaid', 'invoice-status before payment');
step('invoice-status: unpaid');

// The payer's browser: open the payment page, press Pay.
const page = await http('GET', invoice.redirect);
expect(page.status, 200, 'payment page HTTP status');
if (!page.body.includes('Example Shop') || !page.body.includes('100.99')) fail('payment page does not show the terminal name and the amount');
const paid = await http('POST', invoice.redirect, { body: 'action=pay', headers: FORM });
expect(paid.status, 302, 'Pay HTTP status');
expect(paid.headers.get('location'), `http://shop.example/back?order=42&trackid=${trackid}&invoice_number=${invoiceNumber}`, 'Pay redirect');
step('payment page: Example Shop, 100.99; Pay redirects to the callback');

expect((await call('invoice-status', { trackid })).result.status, 'pending', 'invoice-status after payment');
step('invoice-status: pending');

expect((await call('invoice-verify', { trackid })).result.status, 'completed', 'invoice-verify status');
step('invoice-verify: completed');

expect(await usdBalance(), '1100.99', 'USD balance after');
step('balance: USD 1100.99');
