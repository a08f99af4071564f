// Runs every end-to-end test file, one at a time, each in its own `node --test`.
//
// A file whose WebDriver session was lost — WebKitWebDriver or the webview gone
// ("invalid session id", a dropped socket) — is run once more, and the loss is
// reported: on a loaded machine the driver occasionally dies under a test that
// passes alone. An assertion that fails, or a second loss, fails the run. The
// full output of every attempt is kept in target/e2e/<file>.log.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const logs = path.resolve(here, '..', '..', 'target', 'e2e');
mkdirSync(logs, { recursive: true });

const SESSION_LOST = /invalid session id|UND_ERR_SOCKET|ECONNREFUSED 127\.0\.0\.1:4444|session not created/;
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.test.mjs'))
  .filter((f) => only.length === 0 || only.includes(f))
  .sort();

function attempt(file, n) {
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', file], { cwd: here, encoding: 'utf8', maxBuffer: 64 << 20 });
  const output = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  writeFileSync(path.join(logs, `${file}.${n}.log`), output);
  process.stdout.write(output);
  return { ok: r.status === 0, lost: SESSION_LOST.test(output) };
}

const failed = [];
const retried = [];
for (const file of files) {
  let result = attempt(file, 1);
  if (!result.ok && result.lost) {
    retried.push(file);
    console.log(`\n!! ${file}: the WebDriver session was lost; running it once more (log: target/e2e/${file}.1.log)\n`);
    result = attempt(file, 2);
  }
  if (!result.ok) failed.push(file);
}

console.log(`\ne2e: ${files.length - failed.length} of ${files.length} files passed`);
if (retried.length > 0) console.log(`e2e: session lost and retried: ${retried.join(', ')}`);
if (failed.length > 0) {
  console.log(`e2e: failed: ${failed.join(', ')}`);
  process.exit(1);
}
