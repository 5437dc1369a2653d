import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the bare React Flow page of `npm run bench:ui` (bench/uiBench.ts builds it into a temporary directory). */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  logLevel: 'warn',
});
