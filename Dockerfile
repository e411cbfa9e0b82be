# Image for the API, the workers and the migration job (docker-compose.yml picks the command).

FROM node:22-bookworm-slim AS build
WORKDIR /app
# @scarf/scarf (pulled in by a dependency) reports installs unless told not to.
ENV SCARF_ANALYTICS=false
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY web ./web
COPY scripts/build.mjs scripts/build-web.mjs ./scripts/
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
# Memory (README: Memory): argon2's allocator (mimalloc) gives back its 19 MiB per password hash at once instead of
# keeping it on each libuv thread; glibc keeps two arenas, not one per thread (the Temporal core's among them), and
# gives large blocks back when freed instead of raising its thresholds.
ENV MIMALLOC_PURGE_DELAY=0 MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 MALLOC_TRIM_THRESHOLD_=131072
WORKDIR /app
# LibreOffice headless and fonts with Vietnamese diacritics (Liberation Serif: Times New Roman's metrics) for the
# documents' PDF; without them the API still answers DOCX.
RUN apt-get update && apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-liberation2 \
    fonts-crosextra-carlito fonts-crosextra-caladea && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY templates ./templates
USER node
EXPOSE 3000
CMD ["node", "dist/src/api/main.js"]
