import { gzipSync } from "fflate";

/**
 * Writes a zip the way exceljs's JSZip does (same entries in the same order, same header fields:
 * DOS platform, version 1.0 needed, UTC DOS date, directory entries stored, files deflated), with a
 * faster deflate: the web-standard `CompressionStream` where there is one (Node 18+, current
 * browsers: native zlib, level 6, in zlib's own threads), else, and for small files, fflate (pure
 * JavaScript, level 6). JSZip's deflate is pako, pure JavaScript and several times slower; the
 * compressed bytes differ, the files they inflate to don't.
 *
 * Each file is compressed as gzip, whose trailer carries the CRC-32 the zip needs: no checksum is
 * computed here.
 */

/** An entry: a file with its bytes, or a directory (name ending with `/`, no data). */
export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array | null;
}

/** How files are deflated; `"fflate"` forces the pure JavaScript path (tests, comparisons). */
export type Deflater = "platform" | "fflate";

interface Deflated {
  /** Raw deflate data. */
  readonly data: Uint8Array;
  readonly crc: number;
  /** Inflated size. */
  readonly size: number;
}

interface GzipStreamLike {
  readonly readable: ReadableStream<Uint8Array>;
  readonly writable: WritableStream<Uint8Array>;
}
/** The platform's `CompressionStream` or `DecompressionStream`, for gzip. */
export type GzipStreamConstructor = new (format: "gzip") => GzipStreamLike;

/** The platform's (de)compression stream, if it has one that does gzip. */
export function platformStream(
  name: "CompressionStream" | "DecompressionStream"
): GzipStreamConstructor | null {
  const ctor = (
    globalThis as {
      CompressionStream?: GzipStreamConstructor;
      DecompressionStream?: GzipStreamConstructor;
    }
  )[name];
  if (!ctor) return null;
  try {
    new ctor("gzip");
    return ctor;
  } catch {
    return null;
  }
}

/** Runs `data` through a new gzip stream, handing each output chunk to `onChunk` (which may throw). */
export async function throughStream(
  ctor: GzipStreamConstructor,
  data: Uint8Array,
  onChunk: (chunk: Uint8Array) => void
): Promise<void> {
  const stream = new ctor("gzip");
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  await Promise.all([
    (async () => {
      await writer.write(data);
      await writer.close();
    })(),
    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        onChunk(value);
      }
    })(),
  ]);
}

async function gzipWith(ctor: GzipStreamConstructor, data: Uint8Array): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  await throughStream(ctor, data, (chunk) => {
    chunks.push(chunk);
    length += chunk.length;
  });
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The raw deflate data and CRC-32 of a gzip member (RFC 1952) of `size` bytes once inflated. */
function fromGzip(gz: Uint8Array, size: number): Deflated {
  const view = new DataView(gz.buffer, gz.byteOffset, gz.byteLength);
  if (gz.length < 18 || gz[0] !== 0x1f || gz[1] !== 0x8b || gz[2] !== 8)
    throw new Error("gzip: unexpected header");
  const flags = gz[3] ?? 0;
  let at = 10;
  if (flags & 0x04) at += 2 + view.getUint16(at, true); // FEXTRA
  if (flags & 0x08) while (at < gz.length && gz[at++] !== 0); // FNAME
  if (flags & 0x10) while (at < gz.length && gz[at++] !== 0); // FCOMMENT
  if (flags & 0x02) at += 2; // FHCRC
  const end = gz.length - 8;
  if (at > end || view.getUint32(end + 4, true) !== size >>> 0)
    throw new Error("gzip: unexpected trailer");
  return { data: gz.subarray(at, end), crc: view.getUint32(end, true), size };
}

const encoder = new TextEncoder();

/**
 * Below this size a file is deflated by fflate at once: a platform stream costs more to set up (a
 * zlib instance, its buffers, a round trip to zlib's threads) than fflate takes on a small file.
 */
const PLATFORM_MIN_SIZE = 32_768;

function isAscii(name: string): boolean {
  for (let i = 0; i < name.length; i++) if (name.charCodeAt(i) > 0x7f) return false;
  return true;
}

/**
 * A zip being written: each file is deflated as soon as it is added (on the platform, in zlib's
 * threads, while the caller goes on rendering the next parts), `finish` lays out the archive.
 */
export class ZipWriter {
  private readonly names: string[] = [];
  private readonly parts = new Map<string, Promise<Deflated> | null>();
  private readonly gzip: GzipStreamConstructor | null;

  constructor(
    deflater: Deflater = "platform",
    private readonly date: Date = new Date()
  ) {
    this.gzip = deflater === "fflate" ? null : platformStream("CompressionStream");
  }

  /** Adds a file, or a directory (`data` null). A name added again keeps its place, as in JSZip. */
  add(name: string, data: Uint8Array | null): void {
    if (!this.parts.has(name)) this.names.push(name);
    if (!data) {
      this.parts.set(name, null);
      return;
    }
    const size = data.length;
    const deflated =
      this.gzip && size >= PLATFORM_MIN_SIZE
        ? gzipWith(this.gzip, data).then((gz) => fromGzip(gz, size))
        : Promise.resolve(fromGzip(gzipSync(data, { level: 6 }), size));
    // Awaited in finish(); a failure is reported there, not as an unhandled rejection here.
    deflated.catch(() => undefined);
    this.parts.set(name, deflated);
  }

  has(name: string): boolean {
    return this.parts.has(name);
  }

  /** The archive's bytes, its entries in the order they were first added. */
  async finish(): Promise<Uint8Array> {
    const names = this.names;
    const deflated = await Promise.all(names.map((n) => this.parts.get(n) ?? null));
    if (names.length > 0xffff) throw new Error("zip: too many entries (zip64 not written)");

    const date = this.date;
    const dosTime =
      (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
    const dosDate =
      ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
    const encoded = names.map((n) => encoder.encode(n));

    let size = 22;
    names.forEach((_, i) => {
      size += 30 + 46 + 2 * (encoded[i]?.length ?? 0) + (deflated[i]?.data.length ?? 0);
    });
    if (size > 0xffffffff) throw new Error("zip: too large (zip64 not written)");
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    const offsets: number[] = [];
    let at = 0;

    /** The fields the local header and the central directory share (26 bytes from `p`). */
    const common = (p: number, i: number): void => {
      const d = deflated[i];
      view.setUint16(p, 10, true); // version needed to extract: 1.0, as JSZip writes
      view.setUint16(p + 2, isAscii(names[i] ?? "") ? 0 : 0x0800, true); // UTF-8 name
      view.setUint16(p + 4, d ? 8 : 0, true); // deflated, or stored (a directory)
      view.setUint16(p + 6, dosTime, true);
      view.setUint16(p + 8, dosDate, true);
      view.setUint32(p + 10, d ? d.crc : 0, true);
      view.setUint32(p + 14, d ? d.data.length : 0, true);
      view.setUint32(p + 18, d ? d.size : 0, true);
      view.setUint16(p + 22, encoded[i]?.length ?? 0, true);
      view.setUint16(p + 24, 0, true); // no extra field
    };

    names.forEach((_, i) => {
      offsets.push(at);
      view.setUint32(at, 0x04034b50, true);
      common(at + 4, i);
      const name = encoded[i] as Uint8Array;
      out.set(name, at + 30);
      at += 30 + name.length;
      const d = deflated[i];
      if (d) {
        out.set(d.data, at);
        at += d.data.length;
      }
    });
    const directory = at;
    names.forEach((_, i) => {
      view.setUint32(at, 0x02014b50, true);
      view.setUint16(at + 4, 0x0014, true); // made by: DOS, 2.0
      common(at + 6, i);
      view.setUint16(at + 32, 0, true); // comment length
      view.setUint16(at + 34, 0, true); // disk
      view.setUint16(at + 36, 0, true); // internal attributes
      view.setUint32(at + 38, deflated[i] ? 0 : 0x10, true); // DOS directory attribute
      view.setUint32(at + 42, offsets[i] ?? 0, true);
      const name = encoded[i] as Uint8Array;
      out.set(name, at + 46);
      at += 46 + name.length;
    });
    view.setUint32(at, 0x06054b50, true);
    view.setUint16(at + 8, names.length, true);
    view.setUint16(at + 10, names.length, true);
    view.setUint32(at + 12, at - directory, true);
    view.setUint32(at + 16, directory, true);
    return out;
  }
}

/** The zip of the entries, in their order. */
export function zipEntries(
  entries: readonly ZipEntry[],
  options: { readonly deflater?: Deflater; readonly date?: Date } = {}
): Promise<Uint8Array> {
  const zip = new ZipWriter(options.deflater, options.date);
  for (const e of entries) zip.add(e.name, e.data);
  return zip.finish();
}
