// Vite build of the reader web client into client/dist; in dev, proxies the API, sync and people sockets to the server.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const api = process.env.SCHOLIA_API ?? "http://127.0.0.1:3000";

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    chunkSizeWarningLimit: 800,
  },
  server: {
    port: 5173,
    proxy: {
      // The server refuses foreign Origins; present the dev server's requests as its own.
      "/api": { target: api, changeOrigin: true, headers: { origin: api } },
      "/yjs": { target: api, ws: true, changeOrigin: true, headers: { origin: api } },
      "/socket.io": { target: api, ws: true, changeOrigin: true, headers: { origin: api } },
    },
  },
});
