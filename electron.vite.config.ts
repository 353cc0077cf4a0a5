import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          // The Electron entry, and the same core served to a browser under plain Node.
          index: resolve('src/main/index.ts'),
          browser: resolve('src/main/browser-host/main.ts'),
          // The CRM import reads files in a worker thread; it loads this bundle by name.
          'import-worker': resolve('src/main/import/import-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // Sandboxed preloads must be CommonJS in one file.
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: resolve('src/renderer'),
    build: {
      rollupOptions: {
        input: { index: resolve('src/renderer/index.html') },
        // zod ships comments Rollup cannot place; they are harmless and would bury real warnings.
        onwarn(warning, warn) {
          if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
          warn(warning);
        },
      },
    },
    plugins: [react()],
  },
});
