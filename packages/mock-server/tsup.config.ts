import { definePackageConfig } from '../../tsup.config.base';

// The mock server runs on Node (http, ws, node:crypto), so it builds for Node.
export default definePackageConfig({ index: 'src/index.ts', cli: 'src/cli.ts' }, { platform: 'node' });
