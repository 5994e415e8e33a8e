// A typed use of the API, checked by `tsc --strict --noEmit` (make test-node).
import {
  Docker,
  NotFoundError,
  DockerError,
  type ContainerSummary,
  type OutputChunk,
  type ImageInspect,
  type TlsOptions,
} from "../index";
import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";

async function main(): Promise<void> {
  const docker: Docker = Docker.fromEnv();
  const tls: TlsOptions = { certPath: "/certs", verify: true };
  const secure = new Docker({ url: "tcp://127.0.0.1:2376", tls });
  console.log(await secure.system.ping());
  const pulled: ImageInspect = await docker.images.pull("busybox:latest", {
    progress: (m) => console.log(m.status, m.progress),
  });
  console.log(pulled.Id);
  const version: string = await docker.apiVersion();
  const containers: ContainerSummary[] = await docker.containers.list({ all: true, filters: { status: ["running"] } });
  for (const c of containers) {
    const names: string[] | undefined = c.Names;
    console.log(version, names, c.State);
  }
  const created = await docker.containers.create({ Image: "busybox:latest", Cmd: ["echo", "hi"] }, { name: "typed" });
  // Models mirror the spec, where every field may be absent.
  const id = created.Id;
  if (id === undefined) throw new Error("no Id");
  await docker.containers.start(id);
  for await (const chunk of docker.containers.logs(id, { follow: true, stdout: true })) {
    const c: OutputChunk = chunk;
    process.stdout.write(c.data);
  }
  const controller = new AbortController();
  const wait = await docker.containers.wait(id, { condition: "not-running" }, { signal: controller.signal });
  console.log(wait.StatusCode);
  await pipeline(docker.images.get("busybox:latest").toReadable(), createWriteStream("/tmp/busybox.tar"));
  const run = await docker.containers.run("busybox:latest", ["sh", "-c", "exit 3"], { remove: true });
  const code: number = run.exitCode;
  const image: ImageInspect = await docker.images.inspect("busybox:latest");
  console.log(code, image.Id);
  try {
    await docker.containers.inspect("nope");
  } catch (e) {
    if (e instanceof NotFoundError) console.log(e.statusCode, e.code, e.message);
    else if (e instanceof DockerError) throw e;
  }
  // @ts-expect-error: options are typed
  await docker.containers.list({ all: "yes" });
}

void main();
