// Vite: the React app's build and dev server. In development /graphql is proxied to the API, as
// the production server (server/) does.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const api = process.env.GATEWAY_API_URL ?? 'http://localhost:4000/graphql';

export default defineConfig({
  plugins: [react()],
  server: {
    port: Number(process.env.PORT ?? 8080),
    proxy: { '/graphql': { target: new URL(api).origin, changeOrigin: false } },
  },
  build: {
    outDir: 'dist/public',
    // No source maps in the image: they would be served to anyone under /assets/.
    sourcemap: false,
  },
});
