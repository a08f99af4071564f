import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The app is loaded from ui/dist by the Tauri shell through a custom protocol:
// relative asset URLs, everything bundled, nothing fetched from the network.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // antd is large; the bundle is read from disk, so one big chunk is fine.
    chunkSizeWarningLimit: 2500,
  },
  server: {
    port: 1420,
    strictPort: true,
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 30000,
    hookTimeout: 30000,
  },
});
