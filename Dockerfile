# Scholia server image: the web client built in a first stage, then Node 20 with production dependencies only.
FROM node:20-bookworm-slim AS client
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma prisma
RUN npm ci --no-audit --no-fund
COPY client client
COPY shared shared
RUN npm run build:client

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Install first (cached layer); postinstall generates the Prisma client from the schema.
COPY package.json package-lock.json prisma.config.ts ./
COPY scripts/prisma-generate.mjs scripts/
COPY prisma prisma
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY server server
COPY shared shared
COPY scripts scripts
COPY --from=client /app/client/dist client/dist
ENV HOST=0.0.0.0 PORT=3000 DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:3000/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# node itself, not `npm start`: `docker stop`'s SIGTERM reaches the server, which closes its connections and exits.
CMD ["node", "--import", "tsx", "server/index.ts"]
