#!/usr/bin/env node
// The bundled CLI lives in dist/cli/ (built by `npm run build:cli`, run on install by `prepare`).
import('../dist/cli/hefen.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && /dist[\\/]cli[\\/]hefen\.js/.test(String(err.message))) {
    process.stderr.write('核分命令行尚未编译：请先运行 npm run build:cli\n');
    process.exit(2);
  }
  throw err;
});
