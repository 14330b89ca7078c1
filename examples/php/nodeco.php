<?php
// NODE cloud (node.co.id) sandbox: list servers, read one, power it off, read it again.
// Sign: checksum = sha1(sha1(sha1(user_id . api_key . random))), sent with every call.

declare(strict_types=1);
require __DIR__ . '/common.php';

const USER_ID = '12312';
const API_KEY = 'hasdh6ghvhgFDa454565jasdbNBS'; // the documented sample key

function node_call(string $function, array $params = []): array
{
    $random = bin2hex(random_bytes(8));
    $checksum = sha1(sha1(sha1(USER_ID . API_KEY . $random)));
    $body = http_build_query(['user_id' => USER_ID, 'random' => $random, 'checksum' => $checksum] + $params);
    $res = http('POST', mock_url() . "/nodeco/api-sandbox/v1/$function", $body,
        ['Content-Type: application/x-www-form-urlencoded']);
    $answer = decode($res, $function);
    if (($answer['code'] ?? null) !== 'OK') {
        fail("$function: code " . var_export($answer['code'] ?? null, true) . ", message " . var_export($answer['message'] ?? null, true));
    }
    return $answer;
}

admin('POST', '/__admin/reset');

// A wrong checksum must be refused: proves the server really checks.
$bad = decode(http('POST', mock_url() . '/nodeco/api-sandbox/v1/get_server_list',
    http_build_query(['user_id' => USER_ID, 'random' => 'x1', 'checksum' => sha1('wrong')]),
    ['Content-Type: application/x-www-form-urlencoded']), 'get_server_list');
expect($bad['code'] ?? null, 'ERROR', 'bad checksum: code');
expect($bad['message'] ?? null, 'Invalid checksum.', 'bad checksum: message');
step('a wrong checksum is refused: Invalid checksum.');

$list = node_call('get_server_list')['data'];
expect($list['total_records'], 2, 'get_server_list total_records');
$labels = [];
foreach ($list['records'] as $record) {
    $labels[$record['server_id']] = $record['server_label'];
}
ksort($labels);
expect($labels, ['12345' => 'My Server One', '12346' => 'My Server Two'], 'get_server_list labels');
step('get_server_list: 2 servers, 12345 "My Server One", 12346 "My Server Two"');

$detail = node_call('get_server_detail', ['server_id' => '12346'])['data'];
expect($detail['server_label'], 'My Server Two', 'get_server_detail server_label');
expect($detail['package'], 'compute1', 'get_server_detail package');
expect($detail['ram'], 0.5, 'get_server_detail ram');
expect($detail['server_status'], 'on', 'get_server_detail server_status');
step('get_server_detail 12346: compute1, 0.5 GB RAM, status on');

$off = node_call('turn_server_off', ['server_id' => '12346']);
expect($off['message'], 'The server has been forcefully turned off.', 'turn_server_off message');
step('turn_server_off 12346: ' . $off['message']);

$label = node_call('change_server_label', ['server_id' => '12346', 'server_label' => 'Example Box']);
expect($label['message'], 'The server label has been changed.', 'change_server_label message');
step('change_server_label 12346: ' . $label['message']);

$detail = node_call('get_server_detail', ['server_id' => '12346'])['data'];
expect($detail['server_status'], 'off', 'get_server_detail server_status after turn_server_off');
expect($detail['server_label'], 'Example Box', 'get_server_detail server_label after change_server_label');
step('get_server_detail 12346 again: status off, label "Example Box"');
