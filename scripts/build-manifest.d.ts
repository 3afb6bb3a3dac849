// Types for build-manifest.js (plain ESM so webpack-cli can load it through webpack.config.js).

export declare const DEV_BASE_URL: string;
export declare class BaseUrlError extends Error {
  constructor(message: string);
}
export declare function normaliseBaseUrl(raw: string): string;
export declare function manifestUrls(xml: string): string[];
export declare function buildManifest(template: string, base: string): string;
export declare function baseUrlFromEnv(env: Record<string, string | undefined>): string;
