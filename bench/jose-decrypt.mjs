// node jose decrypting a file of compact JWEs in one process, for bench/jwe.sh:
//   node bench/jose-decrypt.mjs TOKENS (--secret-hex HEX | --key PRIVATE.pem)
// Prints the tokens per second. jose comes from tests/fixtures/jwe/jose/node_modules
// (npm ci --prefix tests/fixtures/jwe/jose).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../tests/fixtures/jwe/jose/package.json', import.meta.url));
const { compactDecrypt, importPKCS8 } = await import(require.resolve('jose'));

const [file, how, value] = process.argv.slice(2);
const tokens = readFileSync(file, 'utf8').split('\n').filter(Boolean);
const key = how === '--secret-hex'
  ? Buffer.from(value, 'hex')
  : await importPKCS8(readFileSync(value, 'utf8'), 'RSA-OAEP-256');
const start = process.hrtime.bigint();
let bytes = 0;
for (const token of tokens) {
  const { plaintext } = await compactDecrypt(token, key);
  bytes += plaintext.length;
}
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
console.log(`node jose compactDecrypt, 1 process: ${Math.round(tokens.length / seconds).toLocaleString('en')} tokens/s (${seconds.toFixed(2)} s for ${tokens.length}, ${bytes} plaintext bytes)`);
