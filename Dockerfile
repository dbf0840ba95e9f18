# Hindsight service image. docker-compose.yml runs it against a PostgreSQL container.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json vite.config.mjs ./
COPY scripts/build-web.mjs ./scripts/
COPY scripts/web ./scripts/web
COPY src ./src
COPY migrations ./migrations
RUN npm run build

FROM node:20-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/var/lib/hindsight/data REPORTS_DIR=/var/lib/hindsight/reports
WORKDIR /app
COPY package.json package-lock.json ./
# Optional dependencies stay: they are the platform's prebuilt binaries (the chart renderer's Skia, @napi-rs/canvas-*,
# and the embedded PostgreSQL used when DATABASE_URL is unset). No install scripts are needed for either; the charts'
# font ships as a package (dejavu-fonts-ttf), so the slim image needs no system fonts.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY bin ./bin
RUN mkdir -p /var/lib/hindsight/data /var/lib/hindsight/reports && chown -R node:node /var/lib/hindsight
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
