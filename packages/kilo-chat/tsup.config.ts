import { definePackageConfig } from '../../tsup.config.base';

export default definePackageConfig({"index":"src/index.ts","schemas":"src/schemas-entry.ts","types":"src/types.ts"});
