import { ensureCodeServer, packageExtension } from './codeServer';

/** Once per `npm run test:e2e`: installs code-server if .cache/ has none, then builds and packs the .vsix under test. */
export default function setup(): void {
  ensureCodeServer();
  packageExtension();
}
