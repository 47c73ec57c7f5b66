// Handlebars from its single-file build: the same compiler and runtime as the
// package's main entry, which loads them as ~45 modules (source-map included,
// used only for source maps we never ask for) and takes twice as long to start.
import { createRequire } from "node:module";
import type HandlebarsNamespace from "handlebars";

const Handlebars = createRequire(import.meta.url)(
  "handlebars/dist/handlebars.js",
) as typeof HandlebarsNamespace;

export default Handlebars;
