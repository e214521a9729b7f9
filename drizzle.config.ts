import { defineConfig } from 'drizzle-kit';

// Generates the committed SQL migrations from every module's Drizzle tables.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/modules/*/*.table.ts',
  out: './migrations',
});
