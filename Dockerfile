# One image runs both processes: `node dist/host/main.js` (API) and `node dist/relay/main.js` (relay).
FROM node:26-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# npm ci's postinstall applies patches/ (patch-package) to dependencies.
COPY patches ./patches
RUN npm ci --ignore-scripts=false
COPY tsconfig.json tsconfig.build.json tsoa.json ./
COPY proto ./proto
COPY scripts ./scripts
COPY src ./src
COPY host ./host
COPY modules ./modules
COPY migrations ./migrations
COPY relay ./relay
RUN npm run build && npm prune --omit=dev

FROM node:26-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/proto ./proto
USER node
EXPOSE 3000
CMD ["node", "dist/host/main.js"]
