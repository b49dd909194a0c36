import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The gate of scripts/proto-compat.sh, run on a copy of the project's proto/ and scripts/ with one .proto edited:
 * a change subscribers could not decode fails with buf's message naming the field; an added field passes.
 */
// proto/ stands alone (no imports from src/): the project root is two folders up.
const projectRoot = () => path.resolve(__dirname, '..', '..');

describe('the schema-evolution gate', () => {
  let copy: string;

  beforeEach(() => {
    copy = mkdtempSync(path.join(tmpdir(), 'mart-proto-gate-'));
    for (const dir of ['proto', 'scripts']) cpSync(path.join(projectRoot(), dir), path.join(copy, dir), { recursive: true, filter: (src) => !src.includes('generated') });
    mkdirSync(path.join(copy, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(realpathSync(path.join(projectRoot(), 'node_modules', '.bin', 'buf')), path.join(copy, 'node_modules', '.bin', 'buf'));
  });

  afterEach(() => rmSync(copy, { recursive: true, force: true }));

  const gate = (...args: string[]) => spawnSync('bash', [path.join(copy, 'scripts', 'proto-compat.sh'), ...args], { encoding: 'utf8' });
  const edit = (file: string, change: (text: string) => string) => {
    const at = path.join(copy, 'proto', file);
    writeFileSync(at, change(readFileSync(at, 'utf8')));
  };

  it('passes the contracts as they are', () => {
    const run = gate();
    expect(run.stderr + run.stdout).toBe('');
    expect(run.status).toBe(0);
  });

  it('fails a changed field type, naming the field and the message', () => {
    edit('mart/orders/v1/order.proto', (text) => text.replace(/message OrderPlaced \{\n {2}string order_id = 1;/, 'message OrderPlaced {\n  int64 order_id = 1;'));
    const run = gate();
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/Field "1" with name "order_id" on message "OrderPlaced" changed type from "string" to "int64"/);
    expect(run.stderr).toMatch(/not backward-compatible/);
  });

  it('fails a removed field that was not reserved', () => {
    edit('mart/payments/v1/payment.proto', (text) => text.replace(/\n {2}string decline_code = \d+;/, ''));
    const run = gate();
    expect(run.status).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/deleted field .*"decline_code"|Previously present field "\d+" with name "decline_code"/);
  });

  it('accepts a field added with a new number once the baseline records it, and then guards that field too', () => {
    edit('mart/orders/v1/order.proto', (text) => text.replace(/message OrderPlaced \{\n/, 'message OrderPlaced {\n  string sales_channel = 99;\n'));
    const unrecorded = gate();
    expect(unrecorded.status).not.toBe(0);
    expect(unrecorded.stderr).toMatch(/npm run proto:baseline/);

    expect(gate('update').status).toBe(0);
    expect(gate().status).toBe(0);

    edit('mart/orders/v1/order.proto', (text) => text.replace('string sales_channel = 99;', 'int32 sales_channel = 99;'));
    expect(gate().stdout).toMatch(/"sales_channel" on message "OrderPlaced" changed type/);
  });
});
