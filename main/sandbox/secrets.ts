// The sandbox's credentials and keys: random, generated once per data dir and kept there (0600), so every data
// dir has its own and none is a constant in the code.
import { randomBytes, randomUUID } from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './http/atomic-file.js';

export const SECRETS_FILE = 'sandbox-secrets.json';

const secretsSchema = z.object({
  version: z.literal(1),
  generic: z.object({ username: z.string().min(1), password: z.string().min(16) }),
  library: z.object({
    domain: z.string().min(1),
    user: z.object({ id: z.string().min(1), password: z.string().min(16) }),
    otherUser: z.object({ id: z.string().min(1), password: z.string().min(16) }),
    appId: z.string().min(1),
    otherAppId: z.string().min(1),
  }),
  twilio: z.object({
    accountSid: z.string().regex(/^AC[0-9a-f]{32}$/),
    authToken: z.string().regex(/^[0-9a-f]{32}$/),
    apiKeySid: z.string().regex(/^SK[0-9a-f]{32}$/),
    apiKeySecret: z.string().min(32),
  }),
  cdnSigningKey: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SandboxSecrets = z.infer<typeof secretsSchema>;

function token(length: number): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length);
  return [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
}

function hex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

function generateSecrets(): SandboxSecrets {
  return {
    version: 1,
    generic: { username: `demo-${hex(3)}`, password: token(20) },
    library: {
      domain: 'mediadesk-demo',
      user: { id: randomUUID(), password: token(24) },
      otherUser: { id: randomUUID(), password: token(24) },
      appId: 'mediadesk-demo-app',
      otherAppId: 'partner-demo-app',
    },
    twilio: { accountSid: `AC${hex(16)}`, authToken: hex(16), apiKeySid: `SK${hex(16)}`, apiKeySecret: token(32) },
    cdnSigningKey: hex(32),
  };
}

export async function loadOrCreateSecrets(dataDir: string): Promise<SandboxSecrets> {
  const file = path.join(dataDir, SECRETS_FILE);
  const text = await fsp.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text !== null) {
    const parsed = secretsSchema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    // Kept aside for a person to look at; the sandbox goes on with new credentials.
    await fsp.rename(file, `${file}.corrupt-${Date.now()}`);
  }
  const secrets = generateSecrets();
  await writeFileAtomic(file, `${JSON.stringify(secrets, null, 2)}\n`, 0o600);
  return secrets;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
