export type * from "./kube-object.js";
export type * from "./project.js";
