/** Set by pwa/vite.config.ts `define`: the build's identity (a second build for the update test differs). */
declare const __VIGIE_BUILD__: string;
