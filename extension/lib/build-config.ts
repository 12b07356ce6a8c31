/**
 * What the build was made for (wxt.config.ts reads VIGIE_SERVICE_URL at build time): the crowd service of the
 * deployment the extension comes from, so a fresh install syncs and reports with no setup (issue 10). `npm start`
 * builds for the local service it starts. Empty in a build made without it (and in unit tests).
 */
declare const __VIGIE_SERVICE_URL__: string | undefined;

export const BUILT_SERVICE_URL: string = typeof __VIGIE_SERVICE_URL__ === 'string' ? __VIGIE_SERVICE_URL__ : '';
