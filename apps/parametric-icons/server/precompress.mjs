// Writes .br and .gz next to each compressible built file, once at image build time, so the
// static server never compresses per request. Usage: node precompress.mjs <folder>
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const COMPRESSIBLE = /\.(html|js|mjs|css|json|map|svg|txt|xml|webmanifest|wasm)$/;
// Below this size the encoded response is rarely smaller once headers are counted.
const MIN_BYTES = 1024;

export const precompress = (dir) => {
  const written = [];
  const walk = (folder) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && COMPRESSIBLE.test(entry.name) && statSync(full).size >= MIN_BYTES) {
        const raw = readFileSync(full);
        const variants = [
          [".br", brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })],
          [".gz", gzipSync(raw, { level: 9 })],
        ];
        for (const [suffix, encoded] of variants) {
          // An encoding that does not shrink the file would only cost CPU on the client.
          if (encoded.length < raw.length) {
            writeFileSync(full + suffix, encoded);
            written.push(full + suffix);
          }
        }
      }
    }
  };
  walk(dir);
  return written;
};

const dir = process.argv[2];
if (!dir || !statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
  console.error(`precompress: "${dir ?? ""}" is not a folder; pass the built web app folder.`);
  process.exit(1);
}
console.log(`precompress: wrote ${precompress(dir).length} compressed variants in ${dir}`);
