<?php
// GeniusPlugin reseller API: connection, autoregister a package (encrypted password),
// suspend it, list it, read the credit.
// Sign: hash = sha1(sha1(API_KEY) . domain . timestamp), timestamp = str_shuffle(time()).
// Passwords travel as gpfPassEncrypt: base64(IV . HMAC-SHA256(key, ciphertext) . AES-128-CBC(password)).

declare(strict_types=1);
require __DIR__ . '/common.php';

const API_KEY = 'gp-reseller-test-key-0001'; // fixture reseller 1: credit 1500.26, authorises 127.0.0.0/8

function gpfPassEncrypt(string $key, string $plain): string
{
    $iv = openssl_random_pseudo_bytes(openssl_cipher_iv_length('AES-128-CBC'));
    $ciphertext = openssl_encrypt($plain, 'AES-128-CBC', $key, OPENSSL_RAW_DATA, $iv);
    $hmac = hash_hmac('sha256', $ciphertext, $key, true);
    return base64_encode($iv . $hmac . $ciphertext);
}

function gp_call(string $endpoint, string $domain, array $params = [], ?string $hash = null): array
{
    $timestamp = str_shuffle((string) time());
    $fields = [
        'domain' => $domain,
        'hash' => $hash ?? sha1(sha1(trim(API_KEY)) . $domain . $timestamp),
        'timestamp' => $timestamp,
    ] + $params;
    $res = http('POST', mock_url() . "/geniusplugin/api/v1/$endpoint/", http_build_query($fields),
        ['Content-Type: application/x-www-form-urlencoded']);
    return decode($res, $endpoint);
}

admin('POST', '/__admin/reset');

// The documented test vector first, so a broken openssl setup shows up here.
$vector = base64_decode('AAECAwQFBgcICQoLDA0OD0vckbunc2IOtfkJbSDseri2kEsLUtys9E9CD5uypte/TxVhoQJWx1Jc14T8MoIKkQ==');
expect(openssl_decrypt(substr($vector, 48), 'AES-128-CBC', 'TESTKEY123', OPENSSL_RAW_DATA, substr($vector, 0, 16)), 'S3cret!pass', 'gpfPassEncrypt test vector');

expect(gp_call('connection', 'example.com', [], sha1('wrong')), ['status' => 'Invalid hash'], 'connection with a wrong hash');
step('a wrong hash is refused: Invalid hash');

expect(gp_call('connection', 'example.com'), ['status' => 'ok'], 'connection');
step('connection: ok');

$domain = 'shop-' . bin2hex(random_bytes(3)) . '.example';
$created = gp_call('autoregister', $domain, [
    'package' => '20k',
    'password' => gpfPassEncrypt(API_KEY, 'Str0ng-pass'),
    'uemail' => "owner@$domain",
]);
expect($created['status'] ?? null, 'ok', 'autoregister status');
if (!preg_match('/^[0-9a-f]{40}$/', $created['token'] ?? '')) {
    fail('autoregister: token is not 40 hex characters: ' . json_encode($created));
}
step("autoregister $domain (20k): ok, token {$created['token']}");

expect(gp_call('list', $domain), ['status' => 'active', 'exist' => 'exists'], 'list after autoregister');
step("list $domain: active");

expect(gp_call('suspended', $domain), ['status' => 'ok'], 'suspended');
step("suspended $domain: ok");

expect(gp_call('list', $domain), ['status' => 'suspended', 'exist' => 'exists'], 'list after suspended');
step("list $domain: suspended");

expect(gp_call('getcredit', 'example.com'), ['status' => 'OK - 1491.26'], 'getcredit');
step('getcredit: OK - 1491.26 (1500.26 - 9.00 for 20k)');
