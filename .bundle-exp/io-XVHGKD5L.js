import "./chunk-4VNS5WPM.js";

// dist/cli/io.js
function processIO() {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd()
  };
}
export {
  processIO
};
