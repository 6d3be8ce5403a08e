import { definePackageConfig } from '../../tsup.config.base';

export default definePackageConfig({"index":"src/index.ts","presence":"src/presence.ts","types":"src/types.ts"});
