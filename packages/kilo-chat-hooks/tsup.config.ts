import { definePackageConfig } from '../../tsup.config.base';

export default definePackageConfig({"index":"src/index.ts"});
