import type { NextFunction, Request, Response } from 'express';
import helmet, { type HelmetOptions } from 'helmet';
import { answersJson } from './http-exception.filter.js';

/**
 * The security headers of every response, one configuration for all that the service serves: the API,
 * /health, the API docs (Swagger UI at /api/docs) and a web app at / (a Vite build: its own scripts and
 * styles, requests to this origin only). Helmet's defaults, with these Content-Security-Policy choices:
 * - scripts and connections: this origin only, no inline scripts (Swagger UI and a Vite build load theirs
 *   from files);
 * - styles: this origin and inline styles (Swagger UI sets `style` attributes and writes <style> tags);
 * - images: this origin and data: URLs (Swagger UI's icons);
 * - frames: only this origin may frame a page (frame-ancestors 'self', X-Frame-Options: SAMEORIGIN);
 * - no upgrade-insecure-requests: served over plain HTTP on a LAN name, it would send every request to https.
 * Strict-Transport-Security is helmet's (max-age one year, includeSubDomains), on every response: browsers
 * act on it only when it came over HTTPS (a TLS proxy in front).
 */
export const SECURITY_HEADERS: Readonly<HelmetOptions> = {
  contentSecurityPolicy: {
    directives: {
      'script-src': ["'self'"],
      'connect-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'style-src': ["'self'", "'unsafe-inline'"],
      'frame-ancestors': ["'self'"],
      'upgrade-insecure-requests': null,
    },
  },
  xFrameOptions: { action: 'sameorigin' },
  referrerPolicy: { policy: 'no-referrer' },
};

/** Express middleware setting SECURITY_HEADERS; mounted first, so errors and static files get them too. */
export const securityHeaders = () => helmet(SECURITY_HEADERS);

/**
 * `Cache-Control: no-store` on every response of the API and /health, errors included: they carry incident
 * data for a signed-in user (and change with every write), so neither a browser nor a proxy may keep a copy.
 * Mounted beside securityHeaders, so that errors of the body parsers get it too; a web app's files at / keep
 * their own caching.
 */
export const noStoreForApi = () => (request: Request, response: Response, next: NextFunction) => {
  if (answersJson(request.path)) response.setHeader('Cache-Control', 'no-store');
  next();
};
