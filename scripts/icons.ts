// Renders public/icon.svg into the PNG icons and favicon.ico that a browser or a home-screen shortcut asks for.
// Run after changing the SVG: `npx tsx scripts/icons.ts` (needs a Chromium: Debian's /usr/bin/chromium or
// Playwright's own). The outputs are committed; nothing at build or run time depends on this script.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { chromium } from "@playwright/test";

const dir = new URL("../public/", import.meta.url);
const svg = readFileSync(new URL("icon.svg", dir), "utf8");
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

async function png(size: number): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  try {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace("<svg ", `<svg width="${size}" height="${size}" `)}</body></html>`);
    return await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  } finally {
    await browser.close();
  }
}

/** An .ico holding PNG images (every browser since IE Vista reads PNG-in-ICO). */
function ico(images: { size: number; data: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, data }, i) => {
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e);
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt16LE(1, e + 4); // colour planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...images.map((i) => i.data)]);
}

const out: Record<string, number> = { "apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512 };
for (const [file, size] of Object.entries(out)) writeFileSync(new URL(file, dir), await png(size));
writeFileSync(new URL("favicon.ico", dir), ico([{ size: 16, data: await png(16) }, { size: 32, data: await png(32) }, { size: 48, data: await png(48) }]));
console.log("wrote public/{apple-touch-icon.png,icon-192.png,icon-512.png,favicon.ico}");
