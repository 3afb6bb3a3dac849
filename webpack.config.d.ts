// Types for webpack.config.js (plain ESM so webpack-cli loads it without a TypeScript loader).
import type { Configuration, ResolveOptions, RuleSetRule } from 'webpack';

export declare const ADDIN_OUTPUT_DIR: string;
export declare const TASKPANE_HTML: string;
export declare const RESOLVE: ResolveOptions;
export declare function typescriptRule(production: boolean): RuleSetRule;
export declare function createConfig(options?: {
  mode?: 'production' | 'development';
  entry?: string;
  outDir?: string;
  /** Where the manifest's addresses point (https only); default https://localhost:3000. */
  baseUrl?: string;
}): Configuration;
export declare const WEB_OUTPUT_DIR: string;
export declare const WEB_HTML: string;
export declare function scriptSafe(js: string): string;
export declare function inlineWebPage(template: string, pageJs: string, workerJs: string): string;
export declare function createWebConfig(options?: { mode?: 'production' | 'development'; outDir?: string }): Configuration;
declare const config: (env: unknown, argv?: { mode?: string }) => Configuration[];
export default config;
