import { realpathSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { isMap, isSeq, parseDocument, type YAMLMap } from "yaml";
import { writeFileAtomic } from "../lib/fs-atomic";

/** Tags the deploy workflow produces (`sha-` + 7 hex) or a release version; nothing else reaches prod. */
const TAG_PATTERN = /^(sha-[0-9a-f]{7}|v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?)$/;
const IMAGE_PATTERN = /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/;
const OWNER_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export const REGISTRY = "ghcr.io";
export const DEFAULT_OWNER = "parametric-portal";

export interface ImageUpdate {
  readonly image: string;
  readonly tag: string;
}

export class TagUpdateError extends Error {
  override readonly name = "TagUpdateError";
}

/** Parses one `--image api=sha-abc1234` argument. */
export const parseImageArg = (arg: string): ImageUpdate => {
  const [image, tag, ...rest] = arg.split("=");
  if (!image || tag === undefined || rest.length > 0) {
    throw new TagUpdateError(`--image "${arg}" must look like <image>=<tag>, e.g. api=sha-abc1234.`);
  }
  if (!IMAGE_PATTERN.test(image)) {
    throw new TagUpdateError(`--image "${arg}": "${image}" is not an image name (lower-case, e.g. api).`);
  }
  if (!TAG_PATTERN.test(tag)) {
    throw new TagUpdateError(
      `--image "${arg}": tag "${tag}" is neither sha-<7 lower-case hex> (e.g. sha-abc1234) nor a semver (e.g. 1.2.3).`,
    );
  }
  return { image, tag };
};

/** GHCR paths are lower-case while GitHub owners may not be; the workflow passes the raw owner. */
export const normaliseOwner = (owner: string): string => {
  const lower = owner.toLowerCase();
  if (!OWNER_PATTERN.test(lower)) {
    throw new TagUpdateError(`--owner "${owner}" is not a GitHub user or organisation name.`);
  }
  return lower;
};

const entryName = (entry: YAMLMap): string => {
  const name = entry.get("name");
  return typeof name === "string" ? name : "";
};

/**
 * Sets `newTag` (and, for a fork's registry, `newName`) of the named images in a kustomization's
 * `images:` list. Edits the YAML document in place so comments, ordering and quoting survive.
 * `skipMissing` leaves out images the list does not have (the dev overlay need not run every app
 * prod runs) instead of refusing them.
 */
export const updateImageTags = (
  source: string,
  updates: readonly ImageUpdate[],
  owner?: string,
  skipMissing = false,
): string => {
  const document = parseDocument(source);
  if (document.errors.length > 0) {
    throw new TagUpdateError(`The kustomization is not valid YAML: ${document.errors[0]?.message}`);
  }
  const images = document.get("images", true);
  if (!isSeq(images)) {
    throw new TagUpdateError("The kustomization has no `images:` list; add one entry per image first.");
  }
  const entries = images.items.filter(isMap);
  const seen = new Set<string>();
  for (const { image, tag } of updates) {
    if (seen.has(image)) throw new TagUpdateError(`--image ${image} is given twice; give each image once.`);
    seen.add(image);
    const entry = entries.find((candidate) => entryName(candidate).split("/").at(-1) === image);
    if (!entry && skipMissing) continue;
    if (!entry) {
      const known = entries.map(entryName).join(", ");
      throw new TagUpdateError(
        `No image named "${image}" in the kustomization's images list (it has: ${known}).`,
      );
    }
    entry.set("newTag", tag);
    if (owner !== undefined) {
      const wanted = `${REGISTRY}/${normaliseOwner(owner)}/${image}`;
      if (wanted === entryName(entry)) entry.delete("newName");
      else entry.set("newName", wanted);
    }
  }
  return document.toString();
};

const usage =
  "Usage: update-image-tags --file infrastructure/overlays/prod/kustomization.yaml --image api=sha-abc1234 [--image parametric-icons=sha-abc1234] [--owner <github owner>] [--skip-missing]";

export const main = async (argv: readonly string[]): Promise<void> => {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      file: { type: "string" },
      image: { type: "string", multiple: true },
      owner: { type: "string" },
      "skip-missing": { type: "boolean", default: false },
    },
    strict: true,
  });
  if (!values.file || !values.image || values.image.length === 0) {
    throw new TagUpdateError(`--file and at least one --image are required. ${usage}`);
  }
  const updates = values.image.map(parseImageArg);
  let source: string;
  try {
    source = await readFile(values.file, "utf8");
  } catch (error) {
    throw new TagUpdateError(`Cannot read ${values.file}: ${(error as Error).message}`);
  }
  const updated = updateImageTags(source, updates, values.owner, values["skip-missing"]);
  // The deploy job commits this file: a short write must never become a pushed, broken overlay.
  if (updated !== source) writeFileAtomic(values.file, updated);
  const summary = updates.map((u) => `${u.image}=${u.tag}`).join(" ");
  console.log(
    updated === source ? `${values.file} already has ${summary}` : `${values.file}: set ${summary}`,
  );
};

// Node runs the real path of a symlinked script, so compare real paths.
if (process.argv[1] && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: Error) => {
    console.error(`update-image-tags: ${error.message}`);
    process.exit(1);
  });
}
