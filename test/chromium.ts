import { execFileSync } from 'node:child_process';

/** The Chromium the browser tests drive: CHROMIUM_PATH, or Debian's `chromium` (installed by scripts/chromium.sh). */
export function chromiumExecutable(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim();
    } catch {
      // not this one
    }
  }
  throw new Error('no Chromium found: run scripts/chromium.sh (installs Debian\'s chromium) or set CHROMIUM_PATH');
}
