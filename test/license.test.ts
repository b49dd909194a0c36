import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

describe('the license', () => {
  it('is MIT in the LICENSE file, package.json, the OpenAPI and AsyncAPI documents and the README alike', () => {
    expect(read('LICENSE')).toMatch(/^MIT License\n/);
    expect((JSON.parse(read('package.json')) as { license: string }).license).toBe('MIT');
    const tsoa = JSON.parse(read('tsoa.json')) as { spec: { spec: { info: { license: { name: string } } } } };
    expect(tsoa.spec.spec.info.license.name).toBe('MIT');
    expect(read('src/messaging/asyncapi.ts')).toContain("license: { name: 'MIT'");
    expect(read('README.md')).toContain('[MIT License](LICENSE)');
  });
});
