// Types for electron-runtime.mjs (a plain script so `npm start` runs it without a build), checked by the tests.
export declare const RETRY_HINT: string;
export declare function electronBinary(electronDir: string): string | undefined;
export declare function skipRequested(env: NodeJS.ProcessEnv): boolean;
export declare function bytesDownloaded(tempRoot: string): number;
export declare function formatBytes(bytes: number): string;
export declare function reasonFromOutput(output: string): string;
export declare function ensureElectronRuntime(options: {
  electronDir: string;
  env?: NodeJS.ProcessEnv;
  report?: (line: string, final: boolean) => void;
  tickMs?: number;
  stallMs?: number;
}): Promise<{ ok: true; binary: string; downloaded: boolean } | { ok: false; reason: string }>;
export declare function fallbackMessage(reason: string): string;
