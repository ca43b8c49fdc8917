import packageJson from '../../package.json';

/** The engine version recorded in model provenance and printed by `softness --version`. */
export const version: string = packageJson.version;
