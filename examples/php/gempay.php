<?php
// Gempay top-up: product list, order, status check until the order succeeds.
// Sign: products  Authorization: Bearer <api_key>
//       order     Authorization: Bearer sha256(api_key . ref_id . price), X-API-Key, X-Request-Time
//       status    Authorization: Bearer sha256(api_key . trx_id)

declare(strict_types=1);
require __DIR__ . '/common.php';

const API_KEY = 'gempay-test-key-0001'; // fixture reseller account, balance 1 000 000

function gempay_call(string $method, string $path, array $headers, ?array $body = null): array
{
    $headers[] = 'Content-Type: application/json';
    $res = http($method, mock_url() . "/gempay/api/$path", $body === null ? null : json_encode($body), $headers);
    $answer = decode($res, $path);
    if ($res['status'] !== 200 || ($answer['status'] ?? null) !== 'success') {
        fail("$path: HTTP {$res['status']}: {$res['body']}");
    }
    return $answer;
}

admin('POST', '/__admin/reset');

$products = gempay_call('GET', 'products', ['Authorization: Bearer ' . API_KEY]);
expect($products['message'], 'Berhasil mendapatkan list product', 'products message');
$ml = null;
foreach ($products['data'] as $product) {
    if ($product['kode'] === '1') {
        $ml = $product;
    }
}
if ($ml === null) {
    fail('products: product 1 is not listed');
}
expect($ml['produk'], 'Mobile Legends Diamonds', 'product 1 name');
expect($ml['harga'], 15000, 'product 1 reseller price');
expect($ml['status'], 'Aktif', 'product 1 status');
step('products: 1 "Mobile Legends Diamonds" at 15000 (reseller), Aktif');

$refId = 'REF-PHP-' . bin2hex(random_bytes(4));
$price = (string) $ml['harga'];

// A hash over the wrong price must be refused: proves the server really checks.
$res = http('POST', mock_url() . '/gempay/api/order', json_encode(['user_id' => '123456', 'zone' => '1234', 'produk_id' => '1', 'ref_id' => $refId]), [
    'Authorization: Bearer ' . hash('sha256', API_KEY . $refId . '1'),
    'X-API-Key: ' . API_KEY,
    'X-Request-Time: ' . time(),
    'Content-Type: application/json',
]);
expect([$res['status'], decode($res, 'order')['message'] ?? null], [401, 'Invalid hash combination'], 'order with a wrong hash');
step('an order hashed over the wrong price is refused: 401 Invalid hash combination');

$order = gempay_call('POST', 'order', [
    'Authorization: Bearer ' . hash('sha256', API_KEY . $refId . $price),
    'X-API-Key: ' . API_KEY,
    'X-Request-Time: ' . time(),
], ['user_id' => '123456', 'zone' => '1234', 'produk_id' => '1', 'ref_id' => $refId]);
expect($order['message'], 'Order created successfully', 'order message');
expect($order['data']['status'], 'Pending', 'order status');
expect($order['data']['harga'], 15000, 'order harga');
$orderId = $order['data']['order_id'];
if (!preg_match('/^INV-[A-Z0-9]{9}$/', $orderId)) {
    fail("order: order_id $orderId is not INV- and 9 letters or digits");
}
step("order $refId: $orderId, Pending, 15000");

$status = fn (string $trxId) => gempay_call('POST', 'cek-status',
    ['Authorization: Bearer ' . hash('sha256', API_KEY . $trxId)], ['trx_id' => $trxId])['data'];

$pending = $status($refId);
expect([$pending['order_id'], $pending['status'], $pending['keterangan']], [$orderId, 'Pending', 'Pesanan sedang diproses'], 'cek-status before the delay');
step('cek-status by ref_id: Pending, Pesanan sedang diproses');

$clock = admin('POST', '/__admin/clock', ['advance' => '6s']);
step('mock clock advanced 6 s to ' . $clock['now']);

$done = $status($orderId);
expect([$done['status'], $done['keterangan'], $done['nickname']], ['Success', 'Pembelian berhasil', 'Player123456'], 'cek-status after the delay');
step('cek-status by order_id: Success, Pembelian berhasil, Player123456');

$user = admin('GET', '/__admin/gempay/users/' . API_KEY);
expect($user['balance'], 985000, 'balance after the order');
step('balance: 985000 (1000000 - 15000)');
