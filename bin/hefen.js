#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm run build:cli`, run on install by `prepare`).
import('../dist/cli/main.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND') {
    process.stderr.write('核分命令行尚未编译：请先运行 npm run build:cli\n');
    process.exit(2);
  }
  throw err;
});
