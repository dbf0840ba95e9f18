import { Logger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import { AppModule, type AppModuleOptions } from './app.module.js';
import type { AppConfig } from './config/config.js';
import { noStoreForApi, securityHeaders } from './common/security-headers.js';
import { createValidationPipe, refuseUndecodablePaths } from './common/validation.pipe.js';
import { serveWebApp } from './web-app/web-app.middleware.js';

export const API_PREFIX = 'api/v1';
const API_PREFIX_OPTIONS = { exclude: ['health'] };

/**
 * Runs in the browser (Swagger UI serialises it into its init script): a signed-in session must send
 * its CSRF token with every write, so fetch it from the session endpoint first. Self-contained on purpose.
 */
export const addCsrfHeader = async (request: { url: string; method?: string; headers: Record<string, string> }) => {
  const method = (request.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD' || request.headers.Authorization || request.url.includes('/auth/sign-in')) return request;
  const response = await fetch('/api/v1/auth/session', { credentials: 'same-origin' });
  if (response.ok) {
    const session = (await response.json()) as { csrfToken?: string | null };
    if (session.csrfToken) request.headers['X-CSRF-Token'] = session.csrfToken;
  }
  return request;
};

/**
 * Nest mounts its not-found handler under the global prefix (and on the paths excluded from it) only, so a
 * request for any other path (`/nope`, a web app's missing asset) fell through to Express's own HTML page.
 * This adapter mounts the same handler at the root as well. Nest registers it after the controllers' routes
 * and after what modules mount when they start (a static web app, its fallback to index.html), so only
 * requests nothing else answered reach it, and their 404 comes from the exception filter like every error.
 */
class ExpressAdapterWithRootNotFound extends ExpressAdapter {
  override setNotFoundHandler(...args: Parameters<ExpressAdapter['setNotFoundHandler']>): unknown {
    const result: unknown = super.setNotFoundHandler(...args);
    const [handler, prefix] = args;
    // Without a prefix Nest mounts it at the root itself.
    if (prefix) this.use(handler);
    return result;
  }
}

/** Builds the HTTP application exactly as `npm start` serves it; e2e tests use the same function. */
export async function createApp(
  options: AppModuleOptions & {
    sessionSecret: string;
    logger?: LoggerService | false;
    /** The built web app to serve at / (main.ts: dist/web); without it, / and other client routes are 404s. */
    webAppDir?: string;
  },
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(options), new ExpressAdapterWithRootNotFound(), {
    logger: options.logger,
    bodyParser: false,
  });
  app.set('trust proxy', options.config.trustProxy);
  // First, so that every response has the headers: errors of the body parsers, static files and the docs too.
  app.use(securityHeaders());
  app.use(noStoreForApi());
  app.use(refuseUndecodablePaths());
  app.use(cookieParser(options.sessionSecret));
  app.useBodyParser('json', { limit: '1mb' });
  app.useBodyParser('urlencoded', { limit: '1mb', extended: false });
  app.setGlobalPrefix(API_PREFIX, API_PREFIX_OPTIONS);
  app.useGlobalPipes(createValidationPipe());

  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
    swaggerOptions: { persistAuthorization: true, requestInterceptor: addCsrfHeader },
  });
  if (options.webAppDir && !serveWebApp(app, options.webAppDir).built) {
    new Logger('WebApp').warn(`No web app in ${options.webAppDir}: / answers 503 with how to build it (npm run build)`);
  }
  return app;
}

/** The OpenAPI document of `app`'s routes: what /api/docs shows and the web app's API types are generated from. */
export function createOpenApiDocument(app: NestExpressApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hindsight API')
      .setDescription(
        'Incident history, milestones, timelines, retrospectives and action items. Timestamps are ISO 8601 with an offset; ' +
          'a timestamp without one is refused (400). Updates carry the `version` you read; a stale one is refused (409).',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token: npx hindsight token create --name NAME --role ROLE' })
      .addCookieAuth('hindsight_session', { type: 'apiKey', in: 'cookie', description: 'Browser session from POST /api/v1/auth/sign-in (writes also need X-CSRF-Token)' })
      .build(),
  );
}

/**
 * The OpenAPI document without a database or a server: Nest's preview mode registers the modules and
 * their controllers but instantiates no provider (so nothing connects anywhere). `npm run api:types`
 * generates the web app's types from it; the e2e test checks it equals the document a running service serves.
 */
export async function createOpenApiDocumentOffline(config: AppConfig): Promise<OpenAPIObject> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ config, databaseUrl: 'postgres://offline.invalid/none' }),
    { preview: true, logger: false, bodyParser: false },
  );
  try {
    app.setGlobalPrefix(API_PREFIX, API_PREFIX_OPTIONS);
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}
