/**
 * What the web build gives for `node:fs/promises` (webpack.config.js, createWebConfig): the only
 * importer is src/cli/template-xlsx.ts, whose file check the browser never calls. Goes away when
 * the template writer lives in src/xlsx/ without node imports.
 */
export function access(): Promise<never> {
  return Promise.reject(new Error('浏览器中不能访问文件系统。'));
}
