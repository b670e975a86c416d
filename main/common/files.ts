// A local file the UI hands to main: a path (Electron) or a file staged in the browser host.
import { z } from 'zod';

export const fileRefSchema = z.union([
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('staged'), id: z.string().regex(/^stg_[a-z0-9]{16,40}$/) }).strict(),
]);
export type FileRef = z.infer<typeof fileRefSchema>;
