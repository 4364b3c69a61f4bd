# syntax=docker/dockerfile:1
# lbpath container image: Next.js standalone output on node:20-bookworm-slim, non-root, and happy with a
# read-only root filesystem (it writes only to /tmp and /app/.next/cache, both emptyDir volumes in
# deploy/deployment.yaml). Build: docker build -t registry.example.com/lbpath:0.1.0 .
ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Dependencies, from the lockfile exactly.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. Build. LBPATH_STANDALONE=1 switches next.config.js to `output: "standalone"`: .next/standalone holds
#    server.js plus only the node_modules files the server traces to.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    LBPATH_STANDALONE=1 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# public/ may be empty, and git keeps no empty directories; the runtime stage copies it either way.
RUN mkdir -p public && npx next build

# 3. Runtime: no npm, no sources, no build tools.
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true \
    HOSTNAME=0.0.0.0 \
    HOST=0.0.0.0 \
    PORT=3000
# A fixed numeric UID/GID, the same as runAsUser/runAsGroup in deploy/deployment.yaml.
RUN groupadd --system --gid 10001 lbpath \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin lbpath \
 && rm -rf /usr/local/lib/node_modules/npm /usr/local/bin/npm /usr/local/bin/npx /usr/local/lib/node_modules/corepack /usr/local/bin/corepack
# Application files stay owned by root: the app user can read them but never change them.
COPY --from=build /app/.next/standalone ./
COPY --from=build /app/.next/static ./.next/static
COPY --from=build /app/public ./public
# The only places written at run time; volumes replace them when the root filesystem is read-only.
RUN mkdir -p .next/cache /tmp && chown 10001:10001 .next/cache
USER 10001:10001
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/healthz`).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# server.js handles SIGTERM itself (drains requests, then exits); no shell in between to swallow it.
CMD ["node", "server.js"]
