<?php
// Zipay merchant API: balance, create an invoice, pay it on the hosted payment page,
// check its status, verify it (which credits the merchant), balance again.
// Sign: body = http_build_query($params); headers api_key and
//       api_sign = base64_encode(hash_hmac('sha256', body, SECRET, true)).

declare(strict_types=1);
require __DIR__ . '/common.php';

// The documented sample pair (account 10025, terminal 1001).
const API_KEY = '4f3c12fa0a1d1ac8b026298b980f16b2';
const SECRET = 'f7d36fd7f60ab0bac12051e0c3240508585dba741e126669bfbc06e002b9df6ac4e457b6';

function zipay_call(string $method, array $params = [], int $wantStatus = 200, ?string $sign = null): array
{
    $body = http_build_query($params);
    $res = http('POST', mock_url() . "/zipay/api/$method", $body, [
        'api_key: ' . API_KEY,
        'api_sign: ' . ($sign ?? base64_encode(hash_hmac('sha256', $body, SECRET, true))),
        'Content-Type: application/x-www-form-urlencoded',
    ]);
    $answer = decode($res, $method);
    if ($res['status'] !== $wantStatus) {
        fail("$method: HTTP {$res['status']}, want $wantStatus: {$res['body']}");
    }
    return $answer;
}

function usd_balance(): string
{
    foreach (zipay_call('balance')['items'] as $item) {
        if ($item['coin']['currency'] === 'USD') {
            return $item['amount'];
        }
    }
    fail('balance: no USD wallet');
}

admin('POST', '/__admin/reset');

$bad = zipay_call('balance', [], 403, base64_encode(hash_hmac('sha256', 'something else', SECRET, true)));
expect($bad['errors'] ?? null, ['auth' => 'INVALID_API_SIGN'], 'balance with a wrong api_sign');
step('a wrong api_sign is refused: 403 INVALID_API_SIGN');

expect(usd_balance(), '1000', 'USD balance before');
step('balance: USD 1000');

$invoiceNumber = 'PHP-' . bin2hex(random_bytes(4));
$invoice = zipay_call('create-invoice', [
    'terminal_number' => 1001,
    'amount' => '100.99',
    'currency' => 'USD',
    'invoice_number' => $invoiceNumber,
    'callback' => 'http://shop.example/back?order=42',
    'description' => 'Order #42 ~ 2 items',
])['result'];
$trackid = $invoice['trackid'];
expect($invoice['redirect'], mock_url() . "/zipay/invoice_v1/$trackid", 'create-invoice redirect');
step("create-invoice $invoiceNumber: trackid $trackid");

$status = zipay_call('invoice-status', ['trackid' => $trackid])['result'];
expect($status['status'], 'unpaid', 'invoice-status before payment');
step('invoice-status: unpaid');

// The payer's browser: open the payment page, press Pay.
$page = http('GET', $invoice['redirect']);
expect($page['status'], 200, 'payment page HTTP status');
if (!str_contains($page['body'], 'Example Shop') || !str_contains($page['body'], '100.99')) {
    fail('payment page does not show the terminal name and the amount');
}
$paid = http('POST', $invoice['redirect'], 'action=pay', ['Content-Type: application/x-www-form-urlencoded']);
expect($paid['status'], 302, 'Pay HTTP status');
expect($paid['headers']['location'] ?? null, "http://shop.example/back?order=42&trackid=$trackid&invoice_number=$invoiceNumber", 'Pay redirect');
step('payment page: Example Shop, 100.99; Pay redirects to the callback');

$status = zipay_call('invoice-status', ['trackid' => $trackid])['result'];
expect($status['status'], 'pending', 'invoice-status after payment');
step('invoice-status: pending');

$verified = zipay_call('invoice-verify', ['trackid' => $trackid])['result'];
expect($verified['status'], 'completed', 'invoice-verify status');
step('invoice-verify: completed');

expect(usd_balance(), '1100.99', 'USD balance after');
step('balance: USD 1100.99');
