<?php
// HostDime API v1: list servers, read one, power-cycle it, list domains.
// Sign: api_hash = sha256(api_timestamp:api_unique:PRIVATE_KEY:method.name:json_encode(json_encode(PARAMS)))
// with PARAMS the method's own form fields in body order.

declare(strict_types=1);
require __DIR__ . '/common.php';

const PUBLIC_KEY = 'foobar';  // the documented sample pair
const PRIVATE_KEY = 'fazbaz';

function hostdime_call(string $method, array $params = []): mixed
{
    $timestamp = (string) time();
    $unique = bin2hex(random_bytes(16));
    $hashed = json_encode(json_encode($params, JSON_FORCE_OBJECT));
    $hash = hash('sha256', "$timestamp:$unique:" . PRIVATE_KEY . ":$method:$hashed");
    $body = http_build_query($params + [
        'api_key' => PUBLIC_KEY,
        'api_timestamp' => $timestamp,
        'api_unique' => $unique,
        'api_hash' => $hash,
    ]);
    $url = mock_url() . '/hostdime/v1/' . str_replace('.', '/', $method) . '.json';
    $answer = decode(http('POST', $url, $body, ['Content-Type: application/x-www-form-urlencoded']), $method);
    if (($answer['error'] ?? null) !== null) {
        fail("$method: error " . json_encode($answer['error']));
    }
    return $answer['response'];
}

admin('POST', '/__admin/reset');

// A wrong hash must be refused: proves the server really checks.
$bad = decode(http('POST', mock_url() . '/hostdime/v1/server/list.json', http_build_query([
    'api_key' => PUBLIC_KEY, 'api_timestamp' => (string) time(), 'api_unique' => bin2hex(random_bytes(16)),
    'api_hash' => hash('sha256', 'wrong'),
]), ['Content-Type: application/x-www-form-urlencoded']), 'server.list');
expect($bad['error'] ?? null, ['code' => 401, 'message' => 'Invalid API hash'], 'bad hash: error');
step('a wrong api_hash is refused: 401 Invalid API hash');

$servers = hostdime_call('server.list');
expect(array_column($servers, 'cuid'), ['S37', 'S38'], 'server.list cuids');
expect(array_column($servers, 'label'), ['web-01', 'db-01'], 'server.list labels');
step('server.list: S37 web-01, S38 db-01');

$server = hostdime_call('server.get', ['cuid' => 'S37']);
expect($server['name'], 'web01.example.com', 'server.get name');
expect($server['status'], 'active', 'server.get status');
expect($server['power'], 'on', 'server.get power');
expect($server['ip_main'], '198.51.100.37', 'server.get ip_main');
step('server.get S37: web01.example.com, active, power on, 198.51.100.37');

expect(hostdime_call('server.power.cycle', ['cuid' => 'S37']), true, 'server.power.cycle response');
step('server.power.cycle S37: true');

$server = hostdime_call('server.get', ['cuid' => 'S37']);
expect($server['power'], 'on', 'server.get power after the cycle');
step('server.get S37 after the cycle: power on');

$domains = hostdime_call('domain.list', ['status' => 'registered', 'order' => 'desc']);
expect($domains, [['domain' => 'example.com', 'status' => 'registered', 'created' => '2010-03-14', 'expires' => '2031-03-14']], 'domain.list status=registered');
step('domain.list status=registered: example.com, expires 2031-03-14');

$all = hostdime_call('domain.list');
expect(array_column($all, 'status', 'domain'), ['example.com' => 'registered', 'example.net' => 'expired'], 'domain.list');
step('domain.list: example.com registered, example.net expired');
