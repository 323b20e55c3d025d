import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` proxies the API to a stack started with ./run (gateway on 8080, or TMS_GATEWAY).
const gateway = process.env.TMS_GATEWAY ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    // Straight into the jar's classpath folder: the gateway serves classpath:webapp/.
    outDir: 'target/classes/webapp',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Every asset is a file: the CSP allows no data: scripts or inline styles.
    assetsInlineLimit: 0,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': {
        target: gateway,
        ws: true,
        // The gateway's CORS allow-list does not know the dev server's origin: present the calls as same-origin.
        configure: (proxy) => {
          proxy.on('proxyReq', (req) => req.setHeader('origin', gateway));
          proxy.on('proxyReqWs', (req) => req.setHeader('origin', gateway));
        },
      },
      '/health': gateway,
      '/.well-known': gateway,
    },
  },
});
