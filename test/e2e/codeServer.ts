import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * code-server (a real VS Code, 4.100.3) for the end-to-end tests: installed once into .cache/ by
 * ../shared/tools/install-code-server.sh (offline: npm registry and Debian packages only), started
 * on a free loopback port with a fresh user-data dir, extensions dir and workspace, with the
 * packaged .vsix installed through code-server's own --install-extension (the path a user takes).
 */
export const ROOT = path.resolve(__dirname, '../..');
export const CODE_SERVER_DIR = path.join(ROOT, '.cache', 'code-server');
export const CODE_SERVER_BIN = path.join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
export const INSTALL_SCRIPT = path.resolve(ROOT, '../shared/tools/install-code-server.sh');
/** Screenshots and measurements of the e2e run (git-ignored). */
export const E2E_RESULTS = path.join(ROOT, 'test-results', 'e2e');

/** dist/<name>-<version>.vsix, the file `npm run package` writes (scripts/package.mjs). */
export function vsixPath(): string {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(ROOT, 'dist', `${manifest.name}-${manifest.version}.vsix`);
}

/** Installs code-server into .cache/code-server unless it is there already. Throws if the install script fails. */
export function ensureCodeServer(): void {
  if (existsSync(CODE_SERVER_BIN)) return;
  if (!existsSync(INSTALL_SCRIPT)) throw new Error(`code-server is not installed in ${CODE_SERVER_DIR} and ${INSTALL_SCRIPT} is missing`);
  run('bash', [INSTALL_SCRIPT, CODE_SERVER_DIR]);
}

/** Builds the bundles and packs the .vsix (`npm run package`). Throws if either step fails. */
export function packageExtension(): void {
  run('npm', ['run', 'package']);
  if (!existsSync(vsixPath())) throw new Error(`npm run package did not write ${vsixPath()}`);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

/** Workbench settings that keep the window free of start pages, tips, update checks and telemetry. */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
};

export interface CodeServerOptions {
  /** Files copied into the workspace: workspace-relative destination -> source (file or folder) relative to the repository root. */
  readonly files: Readonly<Record<string, string>>;
  /** Extra user settings (merged over the quiet defaults). */
  readonly settings?: Readonly<Record<string, unknown>>;
}

export interface CodeServer {
  /** Workbench URL with the workspace folder open. */
  readonly url: string;
  /** Absolute path of the (temporary) workspace folder. */
  readonly workspace: string;
  /** Process id of the code-server server process; the extension hosts are its children. */
  readonly pid: number;
  /** Stops code-server and every process it started, and deletes the temporary folders. */
  close(): Promise<void>;
}

/**
 * Starts code-server on 127.0.0.1 (port chosen by the OS, read from its log) with the packaged
 * extension installed, and resolves once it listens. Rejects if it exits or does not listen
 * within 60 s (with its log in the message).
 */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const root = mkdtempSync(path.join(tmpdir(), 'softness-e2e-'));
  const [extensions, data, workspace] = ['ext', 'data', 'workspace'].map((name) => path.join(root, name));
  for (const [target, source] of Object.entries(options.files))
    cpSync(path.join(ROOT, source), path.join(workspace, target), { recursive: true });
  mkdirSync(path.join(data, 'User'), { recursive: true });
  writeFileSync(path.join(data, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  // --config keeps code-server from writing ~/.config/code-server/config.yaml.
  const common = ['--config', path.join(root, 'config.yaml'), '--user-data-dir', data, '--extensions-dir', extensions];
  const install = spawnSync(CODE_SERVER_BIN, [...common, '--install-extension', vsixPath()], { encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`code-server --install-extension ${vsixPath()} failed:\n${install.stdout}${install.stderr}`);

  const args = [
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    '127.0.0.1:0',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    workspace,
  ];
  // Its own process group, so that close() also stops the extension hosts and file watchers.
  const child = spawn(CODE_SERVER_BIN, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await listeningPort(child);
  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`,
    workspace,
    pid: child.pid!,
    async close() {
      await stopGroup(child);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Resolves to the port of code-server's "HTTP server listening on http://127.0.0.1:PORT/" log line. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let log = '';
    const fail = (why: string): void => {
      clearTimeout(timer);
      reject(new Error(`code-server ${why}; its log:\n${log}`));
    };
    const timer = setTimeout(() => fail('did not listen within 60 s'), 60_000);
    const read = (chunk: Buffer): void => {
      log += chunk.toString();
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => fail(`exited (code ${code})`));
  });
}

/** SIGTERM to the whole process group, SIGKILL after 5 s if it is still there. */
async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // the group is already gone
    }
  };
  signal('SIGTERM');
  const timeout = new Promise((resolve) => setTimeout(resolve, 5000));
  await Promise.race([exited, timeout]);
  signal('SIGKILL'); // the file watchers outlive their parent's SIGTERM
}
