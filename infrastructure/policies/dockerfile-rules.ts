import {
  DockerfileParser,
  type Instruction,
  type ModifiableInstruction,
  type Property,
} from "dockerfile-ast";

/** What one app's Dockerfile must provide; everything else is common to both images. */
export interface DockerfileExpectations {
  /** Image name: the build must run tools/ops/docker/docker-bundle-<image>.sh (shared with the bundle test). */
  readonly image: string;
  readonly port: number;
  readonly healthPath: string;
  readonly nodeMajor: number;
  /** From package.json's packageManager, so the image builds with the same pnpm as developers. */
  readonly pnpmVersion: string;
  /** Build arguments the Dockerfile must declare (e.g. VITE_API_URL). */
  readonly buildArgs?: readonly string[];
}

interface Stage {
  readonly from: Instruction;
  readonly name: string | undefined;
  readonly body: Instruction[];
}

const SECRET_NAME = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_KEY|ENCRYPTION_KEY|_KEY$)/i;
const EXACT_TAG = /^\d+\.\d+\.\d+(-[a-z0-9.]+)?$/;

const stagesOf = (instructions: Instruction[]): Stage[] => {
  const stages: Stage[] = [];
  for (const instruction of instructions) {
    if (instruction.getKeyword() === "FROM") {
      const args = instruction.getArguments().map((a) => a.getValue());
      const asIndex = args.findIndex((a) => a.toUpperCase() === "AS");
      stages.push({ from: instruction, name: asIndex >= 0 ? args[asIndex + 1] : undefined, body: [] });
    } else {
      stages.at(-1)?.body.push(instruction);
    }
  }
  return stages;
};

const flagsOf = (instruction: Instruction): string[] =>
  "getFlags" in instruction
    ? (instruction as ModifiableInstruction)
        .getFlags()
        .map((flag) => `${flag.getName()}=${flag.getValue() ?? ""}`)
    : [];

/** The RUN/CMD text without flags, on one line. */
const commandOf = (instruction: Instruction): string =>
  (instruction as ModifiableInstruction)
    .getArguments()
    .map((a) => a.getValue())
    .join(" ");

const propertiesOf = (instruction: Instruction): Property[] => {
  if (instruction.getKeyword() === "ARG") {
    const property = (instruction as unknown as { getProperty(): Property | null }).getProperty();
    return property ? [property] : [];
  }
  if (instruction.getKeyword() === "ENV") {
    return (instruction as unknown as { getProperties(): Property[] }).getProperties();
  }
  return [];
};

/** Checks a Dockerfile against the delivery rules; returns one readable sentence per violation. */
export const checkDockerfile = (content: string, expect: DockerfileExpectations): string[] => {
  const problems: string[] = [];
  const dockerfile = DockerfileParser.parse(content);
  const stages = stagesOf(dockerfile.getInstructions());
  const final = stages.at(-1);
  if (!final || stages.length < 2)
    return ["It must be multi-stage: a build stage and a small runtime stage."];

  const stageNames = new Set<string>();
  for (const stage of stages) {
    const from = dockerfile
      .getFROMs()
      .find((f) => f.getRange().start.line === stage.from.getRange().start.line);
    const image = from?.getImageName() ?? "";
    if (!stageNames.has(image)) {
      const tag = from?.getImageTag() ?? "";
      if (!EXACT_TAG.test(tag) && !from?.getImageDigest()) {
        problems.push(
          `FROM ${from?.getImage()} is not pinned: use an exact version tag (e.g. 24.21.0-alpine).`,
        );
      }
      if (image === "node" && !(tag.startsWith(`${expect.nodeMajor}.`) && tag.includes("alpine"))) {
        problems.push(`FROM ${from?.getImage()} must be node:${expect.nodeMajor}.x.y-alpine.`);
      }
    }
    if (stage.name) stageNames.add(stage.name);
  }

  for (const instruction of dockerfile.getInstructions()) {
    for (const property of propertiesOf(instruction)) {
      if (SECRET_NAME.test(property.getName())) {
        problems.push(
          `${instruction.getKeyword()} ${property.getName()} looks like a secret: secrets go in at run time, never into image layers.`,
        );
      }
    }
  }

  const runs = stages.flatMap((s) => s.body.filter((i) => i.getKeyword() === "RUN"));
  const cached = (pattern: RegExp) =>
    runs.some((r) => pattern.test(commandOf(r)) && flagsOf(r).some((f) => f.startsWith("mount=type=cache")));
  if (!cached(/\bpnpm fetch\b/))
    problems.push("`pnpm fetch` must run with a BuildKit cache mount for the store.");
  if (!cached(/\bpnpm install\b.*--offline/)) {
    problems.push("`pnpm install --offline --frozen-lockfile` must run with the same cache mount.");
  }
  if (!runs.some((r) => commandOf(r).includes(`pnpm@${expect.pnpmVersion}`))) {
    problems.push(
      `The build must install pnpm@${expect.pnpmVersion}, the version in package.json's packageManager.`,
    );
  }
  if (!runs.some((r) => commandOf(r).includes(`sh tools/ops/docker/docker-bundle-${expect.image}.sh /out`))) {
    problems.push(
      `The build must run tools/ops/docker/docker-bundle-${expect.image}.sh /out, the script its test runs.`,
    );
  }
  const declaredArgs = new Set(
    stages.flatMap((s) =>
      s.body.filter((i) => i.getKeyword() === "ARG").flatMap((i) => propertiesOf(i).map((p) => p.getName())),
    ),
  );
  for (const arg of expect.buildArgs ?? []) {
    if (!declaredArgs.has(arg)) problems.push(`The build must declare ARG ${arg}.`);
  }

  const finalOf = (keyword: string) => final.body.filter((i) => i.getKeyword() === keyword);
  for (const copy of finalOf("COPY")) {
    if (!flagsOf(copy).some((f) => f.startsWith("from="))) {
      problems.push(
        "The runtime stage must COPY only from the build stage (--from), never sources from the context.",
      );
    }
  }
  if (finalOf("RUN").length > 0)
    problems.push("The runtime stage must not RUN anything: it only receives the bundle.");
  const user = finalOf("USER").at(-1);
  const uid = user ? commandOf(user).split(":")[0] : undefined;
  if (!uid || !/^[1-9]\d*$/.test(uid)) {
    problems.push(
      "The runtime stage must end with a numeric non-root USER (e.g. USER 1000:1000) for runAsNonRoot.",
    );
  }
  if (!finalOf("EXPOSE").some((i) => commandOf(i).split(/\s+/).includes(String(expect.port)))) {
    problems.push(`The runtime stage must EXPOSE ${expect.port}.`);
  }
  const healthcheck = finalOf("HEALTHCHECK").at(-1);
  const probe = healthcheck ? commandOf(healthcheck) : "";
  if (!(/\bwget\b/.test(probe) && probe.includes(expect.healthPath))) {
    problems.push(
      `The runtime stage needs a HEALTHCHECK that fetches ${expect.healthPath} with busybox wget.`,
    );
  }
  const cmd = finalOf("CMD").at(-1);
  if (!cmd || !/^\s*\[/.test(cmd.getRawArgumentsContent() ?? "")) {
    problems.push("The runtime stage needs an exec-form CMD so node is PID 1 and receives SIGTERM.");
  }
  return problems;
};

/** The shell command of the last stage's HEALTHCHECK, so tests can run it against the real server. */
export const healthcheckCommand = (content: string): string => {
  const final = stagesOf(DockerfileParser.parse(content).getInstructions()).at(-1);
  const healthcheck = final?.body.filter((i) => i.getKeyword() === "HEALTHCHECK").at(-1);
  const words = healthcheck
    ? (healthcheck as ModifiableInstruction).getArguments().map((a) => a.getValue())
    : [];
  if (words[0] !== "CMD") throw new Error("The runtime stage has no HEALTHCHECK CMD.");
  return words.slice(1).join(" ");
};
