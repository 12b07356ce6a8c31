/** `wxt` dev mode would launch a browser; the team runs Chromium itself (test/e2e), so keep it off. */
import { defineWebExtConfig } from 'wxt';

export default defineWebExtConfig({ disabled: true });
