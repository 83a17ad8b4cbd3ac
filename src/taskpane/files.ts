/** The bytes of a file the user picked (`Blob.arrayBuffer`, or a FileReader where it is missing). */
export async function readFileBytes(file: Blob): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === "function") return new Uint8Array(await file.arrayBuffer());
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = reader.result;
      if (result === null || typeof result === "string") reject(new Error("read"));
      else resolve(new Uint8Array(result));
    };
    reader.onerror = () => reject(reader.error ?? new Error("read"));
    reader.readAsArrayBuffer(file);
  });
}

/** The MIME type of an `.xlsx` workbook. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** An object URL of bytes to download (type given), or null where the browser cannot make one. */
export function objectUrlOf(bytes: Uint8Array, type: string): string | null {
  if (typeof URL === "undefined" || typeof URL.createObjectURL !== "function") return null;
  return URL.createObjectURL(new Blob([bytes.slice()], { type }));
}
