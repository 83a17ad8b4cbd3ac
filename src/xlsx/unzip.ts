import { inflateSync, unzipSync } from "fflate";
import { platformStream, throughStream, type GzipStreamConstructor } from "./zip";

/**
 * Reads the files of a zip, inflating the large ones with the platform's `DecompressionStream`
 * (native zlib, in its own threads, several at once) and the small ones with fflate. fflate alone
 * (pure JavaScript, one file after the other) was a third of reading a workbook. The central
 * directory is read here because fflate does not hand out a file's raw deflate data; anything this
 * reader does not handle (Zip64, another compression method, an inconsistent directory) goes to
 * fflate's `unzipSync`, as before.
 *
 * A platform-inflated file is checked against the CRC-32 and size of the directory (as gzip's
 * trailer), so a damaged part is refused rather than read as something else.
 */

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/** Below this size fflate inflates at once: a platform stream costs more to set up. */
const PLATFORM_MIN_SIZE = 32_768;

const decoder = new TextDecoder();

/** The central directory's entries; null when it is not one this reader handles (fflate will). */
function centralDirectory(zip: Uint8Array): Entry[] | null {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  const stop = Math.max(0, zip.length - 22 - 0xffff);
  while (end >= stop && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < stop) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) return null; // Zip64
  const entries: Entry[] = [];
  for (let k = 0; k < count; k++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const entry: Entry = {
      name: decoder.decode(zip.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    // Encrypted, or sizes in a Zip64 field: fflate decides.
    if (flags & 1 || entry.size === 0xffffffff || entry.compressedSize === 0xffffffff) return null;
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** A file's raw (stored or deflated) data, from its local header; null when out of the zip. */
function rawData(zip: Uint8Array, e: Entry): Uint8Array | null {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const at = e.localOffset;
  if (at + 30 > zip.length || view.getUint32(at, true) !== 0x04034b50) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + e.compressedSize;
  return end <= zip.length ? zip.subarray(start, end) : null;
}

async function gunzipWith(
  ctor: GzipStreamConstructor,
  raw: Uint8Array,
  e: Entry
): Promise<Uint8Array> {
  // A gzip member around the raw deflate data (RFC 1952): 10-byte header, data, CRC-32, size.
  const gz = new Uint8Array(10 + raw.length + 8);
  gz.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
  gz.set(raw, 10);
  const view = new DataView(gz.buffer);
  view.setUint32(10 + raw.length, e.crc, true);
  view.setUint32(14 + raw.length, e.size, true);
  const out = new Uint8Array(e.size);
  let length = 0;
  await throughStream(ctor, gz, (chunk) => {
    if (length + chunk.length > out.length) throw new Error("zip: larger than its directory says");
    out.set(chunk, length);
    length += chunk.length;
  });
  if (length !== out.length) throw new Error("zip: smaller than its directory says");
  return out;
}

/** A zip's file names (directories left out); throws when the bytes are no zip. */
export function zipFileNames(zip: Uint8Array): string[] {
  const entries = centralDirectory(zip);
  if (entries) return entries.map((e) => e.name).filter((n) => !n.endsWith("/"));
  const names: string[] = [];
  unzipSync(zip, {
    filter: (f) => {
      if (!f.name.endsWith("/")) names.push(f.name);
      return false;
    },
  });
  return names;
}

/** The named files of a zip, inflated (names as the zip spells them; missing ones left out). */
export async function unzipFiles(
  zip: Uint8Array,
  names: ReadonlySet<string>
): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  const entries = centralDirectory(zip);
  const gunzip = platformStream("DecompressionStream");
  const wanted = entries?.filter((e) => names.has(e.name)) ?? [];
  const raws = wanted.map((e) => rawData(zip, e));
  if (!entries || wanted.some((e, i) => !raws[i] || (e.method !== 0 && e.method !== 8))) {
    const files = unzipSync(zip, { filter: (f) => names.has(f.name) });
    for (const [name, bytes] of Object.entries(files)) out.set(name, bytes);
    return out;
  }
  await Promise.all(
    wanted.map(async (e, i) => {
      const raw = raws[i] as Uint8Array;
      let bytes: Uint8Array;
      if (e.method === 0) bytes = raw;
      else if (gunzip && e.size >= PLATFORM_MIN_SIZE) bytes = await gunzipWith(gunzip, raw, e);
      else bytes = inflateSync(raw, { out: new Uint8Array(e.size) });
      out.set(e.name, bytes);
    })
  );
  return out;
}
