export type * from "./project.js";
