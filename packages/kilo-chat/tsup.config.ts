import { definePackageConfig } from '../../tsup.config.base';

export default definePackageConfig({"index":"src/index.ts","schemas":"src/schemas.ts","types":"src/types.ts"});
