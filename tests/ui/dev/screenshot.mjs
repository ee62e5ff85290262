// DEV AID ONLY: screenshots of UI URLs for design review.
// Usage: node tests/ui/dev/screenshot.mjs <out-dir> <name>=<url> [...]  (append "@@click=<selector>", "@@wait=ms", ...)
import { launchBrowser } from '../lib/browser.mjs';
import path from 'node:path';
import { mkdir } from 'node:fs/promises';

const [outDir, ...shots] = process.argv.slice(2);
await mkdir(outDir, { recursive: true });
const browser = await launchBrowser();
try {
  const page = await browser.context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') console.log('console error:', m.text()); });
  page.on('pageerror', (e) => console.log('page error:', e.message));
  for (const shot of shots) {
    const [name, spec] = shot.split(/=(.*)/s);
    const [url, ...actions] = spec.split('@@');
    await page.goto(url);
    await page.waitForTimeout(800);
    for (const action of actions) {
      const [kind, arg] = action.split(/=(.*)/s);
      if (kind === 'click') await page.click(arg);
      if (kind === 'wait') await page.waitForTimeout(Number(arg));
      if (kind === 'select') { const [sel, val] = arg.split('|'); await page.selectOption(sel, val); }
      if (kind === 'fill') { const [sel, val] = arg.split('|'); await page.fill(sel, val); }
      await page.waitForTimeout(300);
    }
    await page.screenshot({ path: path.join(outDir, `${name}.png`) });
    console.log('saved', name);
  }
} finally {
  await browser.close();
}
