<?php
// Shared plumbing for the PHP examples: HTTP through curl, the mock's control
// plane, and checks that stop the run with a clear message. The signing code
// lives in each provider's own file, written as that provider's docs describe.

declare(strict_types=1);

function mock_url(): string
{
    $url = getenv('MOCK_URL');
    return rtrim($url !== false && $url !== '' ? $url : 'http://127.0.0.1:8080', '/');
}

/** @return array{status:int, body:string, headers:array<string,string>} */
function http(string $method, string $url, ?string $body = null, array $headers = []): array
{
    $ch = curl_init($url);
    $respHeaders = [];
    curl_setopt_array($ch, [
        CURLOPT_CUSTOMREQUEST => $method,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_FOLLOWLOCATION => false,
        CURLOPT_TIMEOUT => 15,
        CURLOPT_HTTPHEADER => $headers,
        CURLOPT_HEADERFUNCTION => function ($ch, string $line) use (&$respHeaders): int {
            $parts = explode(':', $line, 2);
            if (count($parts) === 2) {
                $respHeaders[strtolower(trim($parts[0]))] = trim($parts[1]);
            }
            return strlen($line);
        },
    ]);
    if ($body !== null) {
        curl_setopt($ch, CURLOPT_POSTFIELDS, $body);
    }
    $out = curl_exec($ch);
    if ($out === false) {
        fail("$method $url: " . curl_error($ch));
    }
    $status = (int) curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
    curl_close($ch);
    return ['status' => $status, 'body' => (string) $out, 'headers' => $respHeaders];
}

/** Calls /__admin and returns the decoded JSON answer; sends MOCK_ADMIN_TOKEN when the server needs one. */
function admin(string $method, string $path, ?array $json = null): array
{
    $headers = ['Content-Type: application/json'];
    $token = getenv('MOCK_ADMIN_TOKEN');
    if ($token !== false && $token !== '') {
        $headers[] = 'Authorization: Bearer ' . $token;
    }
    $res = http($method, mock_url() . $path, $json === null ? null : json_encode($json), $headers);
    if (intdiv($res['status'], 100) !== 2) {
        fail("$method $path: HTTP {$res['status']}: {$res['body']}");
    }
    return json_decode($res['body'], true);
}

function decode(array $res, string $what): array
{
    $data = json_decode($res['body'], true);
    if (!is_array($data)) {
        fail("$what: the answer is not a JSON object (HTTP {$res['status']}): {$res['body']}");
    }
    return $data;
}

function fail(string $message): never
{
    fwrite(STDERR, "FAIL " . basename($_SERVER['SCRIPT_NAME'] ?? 'example', '.php') . ": $message\n");
    exit(1);
}

function expect(mixed $got, mixed $want, string $what): void
{
    if ($got !== $want) {
        fail("$what: got " . var_export($got, true) . ", want " . var_export($want, true));
    }
}

function step(string $message): void
{
    echo "ok  $message\n";
}
