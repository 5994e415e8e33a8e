// The hand-written half of the Node binding's types: options, errors, streams, helpers.
// generated/index.d.ts (from the spec) adds the Docker class, the groups and the models.

import type { Readable } from "node:stream";
import type {
  ContainerAttachOptions,
  ContainerCreateBody,
  CreateImageInfo,
  ExecStartConfig,
  ImageInspect,
} from "../generated/index";

/** `new Docker(options)`. */
export interface DockerOptions {
  /** `unix:///var/run/docker.sock` (default), `tcp://host:2375`, `http://host:port/v1.45`. */
  url?: string;
  /** `auto` negotiates with the engine; `1.41`... pins. Default `1.45`. */
  version?: string;
  /**
   * Milliseconds a call may go without hearing from the engine (for its answer, then between
   * two chunks of a stream): a `TimeoutError` after that. Default: no limit (a `wait` or a
   * followed log may rightly take hours).
   */
  timeout?: number;
  /** TLS to a `tcp://` or `https://` engine (`DOCKER_TLS_VERIFY`, `DOCKER_CERT_PATH`). */
  tls?: TlsOptions;
}

/**
 * TLS settings; every key optional. Files are read when the client is made: a bad one throws
 * `InvalidArgumentError` then, not at the first call.
 */
export interface TlsOptions {
  /** A folder of `ca.pem`, `cert.pem` and `key.pem` (each used if present), as `DOCKER_CERT_PATH`. */
  certPath?: string;
  /** The CA file that signs the engine's certificate (wins over `certPath`); none: the system's roots. */
  ca?: string;
  /** The client certificate file for mTLS (needs `key`). */
  cert?: string;
  /** The client key file. */
  key?: string;
  /** Check the engine's certificate and name; default `true`. */
  verify?: boolean;
}

/** The last argument of every call. */
export interface CallOptions {
  /** Aborting cancels the request (the Rust future is dropped, the connection freed). */
  signal?: AbortSignal;
}

/** A raw request body: bytes, text, a file or a stream (`Readable`), sent as read. */
export type PayloadInput = Buffer | Uint8Array | string | { file: string } | AsyncIterable<Buffer | Uint8Array | string>;

/** `HEAD /containers/{id}/archive`. */
export interface PathStat {
  name: string;
  size: number;
  mode: number;
  mtime: string;
  linkTarget: string;
}

export type ErrorKind =
  | "BadRequest" | "Unauthorized" | "Forbidden" | "NotFound" | "Conflict" | "ServerError"
  | "Unavailable" | "VersionUnsupported" | "Stream" | "Decode" | "Connect" | "Timeout"
  | "Cancelled" | "InvalidArgument" | "NonZeroExit";

/** Every error of this client. */
export declare class DockerError extends Error {
  /** The kind of error. */
  readonly code: ErrorKind;
  /** The HTTP status, when the daemon answered. */
  readonly statusCode: number | undefined;
  /** The operationId of the call. */
  readonly operation: string | undefined;
  /** For `Connect` errors: `SocketNotFound`, `PermissionDenied`, `Refused`, `Other`. */
  readonly connectCause: string | undefined;
  /** For `NonZeroExit` errors: the exit code. */
  readonly exitCode: number | undefined;
  /** One line: operation, kind, status and message. */
  readonly detail: string;
}
export declare class BadRequestError extends DockerError {}
export declare class UnauthorizedError extends DockerError {}
export declare class ForbiddenError extends DockerError {}
export declare class NotFoundError extends DockerError {}
export declare class ConflictError extends DockerError {}
export declare class ServerError extends DockerError {}
export declare class UnavailableError extends DockerError {}
export declare class VersionUnsupportedError extends DockerError {}
export declare class StreamError extends DockerError {}
export declare class DecodeError extends DockerError {}
export declare class ConnectError extends DockerError {}
export declare class TimeoutError extends DockerError {}
export declare class CancelledError extends DockerError {}
export declare class InvalidArgumentError extends DockerError {}
export declare class NonZeroExitError extends DockerError {
  readonly exitCode: number;
}

/** A chunk of container output. `console` is the raw output of a TTY. */
export interface OutputChunk {
  stream: "stdout" | "stderr" | "console" | "stdin";
  data: Buffer;
}

/** A stream of the engine; it starts with the first read and ends its request when closed. */
export interface DockerStream<T> extends AsyncIterable<T> {
  /** The next item, or `null` at the end. */
  next(): Promise<T | null>;
  /** Ends the stream and its connection. */
  close(): void;
  /** A Node `Readable` (of Buffers for byte streams: pipe it to a file). */
  toReadable(): Readable;
}
/** Container output (logs, attach, exec start). */
export interface OutputStream extends DockerStream<OutputChunk> {
  collect(): Promise<OutputChunk[]>;
}
/** JSON lines (events, stats, progress). */
export interface JsonStream<T> extends DockerStream<T> {
  collect(): Promise<T[]>;
}
/** Raw bytes (export, save, archive). */
export interface ByteStream extends DockerStream<Buffer> {
  collect(): Promise<Buffer>;
}
/** A hijacked attach or exec: write stdin while reading the output. */
export interface AttachedStream extends OutputStream {
  write(data: Buffer | Uint8Array | string): Promise<void>;
  /** Closes stdin only (half-close); the output goes on. */
  closeStdin(): Promise<void>;
}

export interface RegistryAuth {
  username?: string;
  password?: string;
  serveraddress?: string;
}

/** What `containers.run` and `exec.run` give. */
export interface CommandOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The output in order, adjacent chunks of one stream merged. */
  chunks: Array<{ stream: "stdout" | "stderr" | "console"; data: string }>;
}

export interface RunOptions {
  /** `missing` (default), `always`, `never`. */
  pull?: "missing" | "always" | "never";
  auth?: RegistryAuth;
  name?: string;
  env?: string[];
  workdir?: string;
  user?: string;
  labels?: Record<string, string>;
  tty?: boolean;
  /** Written to stdin, then stdin is closed. */
  stdin?: string;
  /** Remove the container afterwards, also after an error. */
  remove?: boolean;
  /** A non-zero exit raises `NonZeroExitError` instead of being data. */
  check?: boolean;
  /** A ContainerCreate body for anything else (`HostConfig`...). */
  body?: ContainerCreateBody;
}

export interface ExecRunOptions {
  stdin?: string;
  tty?: boolean;
  env?: string[];
  workdir?: string;
  user?: string;
  privileged?: boolean;
  check?: boolean;
}

export interface BuildDirOptions {
  /** The Dockerfile, relative to the folder. Default `Dockerfile`. */
  dockerfile?: string;
  tag?: string;
  buildargs?: Record<string, string>;
  labels?: Record<string, string>;
  gzip?: boolean;
  nocache?: boolean;
  pull?: boolean;
}

/** The options of `ContainerAttach` (the stdin is written through the answer instead). */
export type AttachStdinOptions = Omit<ContainerAttachOptions, "input">;

export interface ContainerHelpers {
  /** Pulls if missing, creates, attaches, starts, waits; the exit code is data unless `check`. */
  run(image: string, cmd?: string[], options?: RunOptions, call?: CallOptions): Promise<CommandOutput & { id: string }>;
  /** Copies a host file or folder into the folder `containerDir` of the container. */
  copyTo(id: string, hostPath: string, containerDir: string, call?: CallOptions): Promise<void>;
  /** Copies a container file or folder into the host folder `hostDir`. */
  copyFrom(id: string, containerPath: string, hostDir: string, call?: CallOptions): Promise<void>;
  /** Attaches with stdin: the connection is hijacked. */
  attachStdin(id: string, options?: AttachStdinOptions, call?: CallOptions): Promise<AttachedStream>;
}

export interface ExecHelpers {
  /** Creates and starts an exec, writes `stdin`, waits; the exit code is data unless `check`. */
  run(id: string, cmd: string[], options?: ExecRunOptions, call?: CallOptions): Promise<CommandOutput>;
  /** Starts an exec (created with `AttachStdin`) with stdin: the connection is hijacked. */
  startStdin(id: string, config?: ExecStartConfig, call?: CallOptions): Promise<AttachedStream>;
}

/** `images.pull(image, options)`. */
export interface PullOptions {
  auth?: RegistryAuth;
  /** `os[/arch[/variant]]`. */
  platform?: string;
  progress?: (message: CreateImageInfo) => void;
}

export interface ImageHelpers {
  /**
   * Pulls `name[:tag|@digest]`; answers the image's inspection once it is there. `progress` is
   * called with each progress message of the pull (`Pulling fs layer`, `Downloading`...); if it
   * throws, the pull still ends and then the promise rejects with that error.
   */
  pull(image: string, options?: PullOptions, call?: CallOptions): Promise<ImageInspect>;
  /** Builds an image from a folder of this host (`.dockerignore` applied). */
  buildFromDir(path: string, options?: BuildDirOptions, call?: CallOptions): Promise<{ imageId: string; log: string[] }>;
}
