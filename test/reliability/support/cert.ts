// A self-signed certificate for an https server on 127.0.0.1: made with openssl at test time when it is installed,
// else the committed test-only pair in ../fixtures (see its README).
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');

export interface TestCertificate {
  cert: string;
  key: string;
  source: 'openssl' | 'fixture';
}

export async function selfSignedCertificate(): Promise<TestCertificate> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'md-rel-cert-'));
  try {
    const keyFile = path.join(dir, 'key.pem');
    const certFile = path.join(dir, 'cert.pem');
    // prettier-ignore
    await run('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', keyFile, '-out', certFile,
      '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { timeout: 10_000 });
    return { cert: await fs.readFile(certFile, 'utf8'), key: await fs.readFile(keyFile, 'utf8'), source: 'openssl' };
  } catch {
    return {
      cert: await fs.readFile(path.join(FIXTURES, 'self-signed-127.0.0.1.crt'), 'utf8'),
      key: await fs.readFile(path.join(FIXTURES, 'self-signed-127.0.0.1.key'), 'utf8'),
      source: 'fixture',
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
