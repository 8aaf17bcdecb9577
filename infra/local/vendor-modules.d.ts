// Type declarations for the two emulators that ship without them, limited to what the sandbox
// uses: dynalite (DynamoDB on LevelDB) and s3rver (S3 on the file system).

declare module "dynalite" {
  import type { Server } from "node:http";

  interface DynaliteOptions {
    /** LevelDB directory; in memory when omitted. */
    path?: string;
    createTableMs?: number;
    deleteTableMs?: number;
    updateTableMs?: number;
  }

  function dynalite(options?: DynaliteOptions): Server;
  export default dynalite;
}

declare module "s3rver" {
  import type { EventEmitter } from "node:events";
  import type { IncomingMessage, ServerResponse } from "node:http";

  interface S3rverOptions {
    directory: string;
    silent?: boolean;
    allowMismatchedSignatures?: boolean;
    vhostBuckets?: boolean;
  }

  /** s3rver's own notification for a written object (eventVersion 2.0, us-east-1, unencoded key). */
  interface S3rverEvent {
    Records: Array<{
      eventName: string;
      s3: {
        bucket: { name: string };
        object: { key: string; size?: number; eTag?: string };
      };
    }>;
  }

  class S3rver extends EventEmitter {
    constructor(options: S3rverOptions);
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    on(event: "event", listener: (event: S3rverEvent) => void): this;
    off(event: "event", listener: (event: S3rverEvent) => void): this;
  }

  export default S3rver;
  export type { S3rverEvent };
}
