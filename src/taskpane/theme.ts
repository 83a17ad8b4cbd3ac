/** Light or dark, from the Office theme's body background (`#RRGGBB`); light when unknown. */
export function themeKind(bodyBackgroundColor: string | null | undefined): "light" | "dark" {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec((bodyBackgroundColor ?? "").trim());
  if (!m) return "light";
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => parseInt(h ?? "ff", 16) / 255) as [
    number,
    number,
    number,
  ];
  // Relative luminance (sRGB approximation): dark backgrounds are below the middle grey.
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance < 0.5 ? "dark" : "light";
}

/** The Office theme's body background, where Office.js provides it. */
export function officeBodyBackground(): string | null {
  try {
    return typeof Office !== "undefined"
      ? (Office.context?.officeTheme?.bodyBackgroundColor ?? null)
      : null;
  } catch {
    return null;
  }
}
