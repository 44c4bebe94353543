// Prisma CLI configuration (Prisma 7 reads the connection URL from here, not from schema.prisma).
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx dev/seed.ts',
  },
  datasource: {
    // Only the CLI's migrate/introspect commands need it; `prisma generate` does not.
    url: process.env.DATABASE_URL ?? 'mysql://unset@localhost:3306/unset',
  },
});
