# syntax=docker/dockerfile:1
# The base is a build argument so the image can be built where the official Node image cannot be
# pulled (CI makes a local stand-in with .ci/local-node-base). Any Debian-based Node 20+ image works.
ARG BASE=node:20-bookworm-slim

# Build: the compiler toolchain, so better-sqlite3 compiles from source against the base's own
# Node headers when no prebuilt binary can be downloaded; then the TypeScript; then the dev dependencies
# are pruned away.
FROM ${BASE} AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV npm_config_nodedir=/usr/local \
    npm_config_update_notifier=false \
    npm_config_fund=false \
    npm_config_audit=false
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build && npm prune --omit=dev && npm cache clean --force

# Runtime: compiled JavaScript and production dependencies only; no compiler, runs as `node`.
FROM ${BASE} AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    SHIPSHAPE_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY app.yml schema.json ./
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
