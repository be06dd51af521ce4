// Builds Beatbook's front-end assets into build/static (git-ignored), which Django
// collects as a static folder. GOV.UK Frontend, Leaflet and axe-core come from
// node_modules (installed by `npm ci`); nothing is fetched from a CDN.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const leaflet = join(root, "node_modules", "leaflet", "dist");

mkdirSync(out, { recursive: true });
cpSync(join(govuk, "assets"), join(out, "govuk", "assets"), { recursive: true });
cpSync(join(govuk, "govuk-frontend.min.js"), join(out, "govuk", "govuk-frontend.min.js"));
cpSync(leaflet, join(out, "leaflet"), { recursive: true });
mkdirSync(join(out, "axe"), { recursive: true });
cpSync(join(root, "node_modules", "axe-core", "axe.min.js"), join(out, "axe", "axe.min.js"));

const css = sass.compile(join(root, "frontend", "scss", "app.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
mkdirSync(join(out, "beatbook"), { recursive: true });
writeFileSync(join(out, "beatbook", "app.css"), css.css);
for (const script of ["init.js", "hotspot-map.js"]) {
  cpSync(join(root, "frontend", "js", script), join(out, "beatbook", script));
}
console.log(`assets built in ${out}`);
