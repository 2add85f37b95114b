// Copies the built files of the pinned front-end packages into wwwroot/lib.
// Run after changing package.json: `npm ci && npm run lib`.
import { cpSync, rmSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const lib = join(root, "wwwroot", "lib");
const copies = [
  ["bootstrap/dist/css/bootstrap.min.css", "bootstrap/css/bootstrap.min.css"],
  ["bootstrap/dist/css/bootstrap.min.css.map", "bootstrap/css/bootstrap.min.css.map"],
  ["bootstrap/dist/js/bootstrap.bundle.min.js", "bootstrap/js/bootstrap.bundle.min.js"],
  ["bootstrap/dist/js/bootstrap.bundle.min.js.map", "bootstrap/js/bootstrap.bundle.min.js.map"],
  ["bootstrap/LICENSE", "bootstrap/LICENSE"],
  ["bootstrap-icons/font/bootstrap-icons.min.css", "bootstrap-icons/font/bootstrap-icons.min.css"],
  ["bootstrap-icons/font/fonts", "bootstrap-icons/font/fonts"],
  ["bootstrap-icons/LICENSE", "bootstrap-icons/LICENSE"],
  ["sortablejs/Sortable.min.js", "sortablejs/Sortable.min.js"],
  ["sortablejs/LICENSE", "sortablejs/LICENSE"],
];

rmSync(lib, { recursive: true, force: true });
for (const [from, to] of copies) {
  const target = join(lib, to);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, "node_modules", from), target, { recursive: true });
}
console.log(`copied ${copies.length} entries to ${lib}`);
