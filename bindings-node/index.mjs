// docker-engine-api: the ESM entry (the same objects as the CommonJS one).
import cjs from './index.js';

export const {
  Docker, DockerStream, AttachedStream, DockerError, BadRequestError, UnauthorizedError,
  ForbiddenError, NotFoundError, ConflictError, ServerError, UnavailableError,
  VersionUnsupportedError, StreamError, DecodeError, ConnectError, TimeoutError, CancelledError,
  InvalidArgumentError, NonZeroExitError,
} = cjs;
export default cjs;
