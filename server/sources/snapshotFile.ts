import "server-only";
import { readFile } from "node:fs/promises";
import type { Snapshot } from "@/server/core/model/snapshot";
import { SnapshotSchema, describeSnapshotError } from "@/server/core/model/snapshotSchema";
import { SourceError } from "./errors";
import type { ClusterSource, ClusterSourceKind } from "./types";

/** Reads and checks a snapshot file; the error names the file and the first bad field. */
export async function loadSnapshotFile(path: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new SourceError("SNAPSHOT_UNREADABLE", `Cannot read snapshot file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`, "Check LBPATH_SNAPSHOT points at a file lbpath can read.");
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new SourceError("SNAPSHOT_INVALID", `Snapshot file ${path} is not valid JSON.`, "Capture it again with `npm run capture`.");
  }
  const parsed = SnapshotSchema.safeParse(json);
  if (!parsed.success) throw new SourceError("SNAPSHOT_INVALID", `Snapshot file ${path} does not match the snapshot format: ${describeSnapshotError(parsed.error)}.`, "Capture it again with `npm run capture`, or see docs/api.md for the format.");
  return json as Snapshot;
}

/** A saved snapshot (or a demo scenario) served as a cluster: read once, then the same object forever. */
export class FileCluster implements ClusterSource {
  private loaded?: Promise<Snapshot>;
  constructor(
    readonly name: string,
    readonly kind: ClusterSourceKind,
    private readonly path: string,
    readonly title?: string,
    readonly story?: string,
  ) {}
  snapshot(): Promise<Snapshot> {
    this.loaded ??= loadSnapshotFile(this.path).then((s) => ({ ...s, cluster: { ...s.cluster, name: this.name } }));
    // A failed read is not cached, so fixing the file fixes the cluster without a restart.
    this.loaded.catch(() => (this.loaded = undefined));
    return this.loaded;
  }
  ready() {
    return true;
  }
}
