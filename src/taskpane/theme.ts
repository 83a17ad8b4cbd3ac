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

/** The pane's look: Office's light or dark theme, or the system's high contrast (forced colours). */
export type PaneLook = "light" | "dark" | "contrast";

/** Whether the system forces its colours (Windows high contrast, in WebView2 and Edge). */
export function forcedColors(): boolean {
  try {
    return typeof window !== "undefined" && typeof window.matchMedia === "function"
      ? window.matchMedia("(forced-colors: active)").matches
      : false;
  } catch {
    return false;
  }
}

/** The look to show now: high contrast first, then the Office theme's background. */
export function currentLook(): PaneLook {
  return forcedColors() ? "contrast" : themeKind(officeBodyBackground());
}

/** How often the Office theme is read again where no event says it changed (ms). */
export const THEME_POLL_MS = 2000;

/**
 * Calls back when the look changes. Excel has no theme-changed event (`Office.EventType.
 * OfficeThemeChanged` is Outlook's, Mailbox 1.14): `Office.context.officeTheme` is read again every
 * `THEME_POLL_MS` (a property read, no request to Excel), and the system's high contrast is followed by
 * its media query. Returns the unsubscribe.
 */
export function watchLook(
  onChange: (look: PaneLook) => void,
  pollMs: number = THEME_POLL_MS
): () => void {
  let last = currentLook();
  const check = (): void => {
    const look = currentLook();
    if (look !== last) {
      last = look;
      onChange(look);
    }
  };
  const timer = setInterval(check, pollMs);
  let query: MediaQueryList | null = null;
  try {
    query =
      typeof window !== "undefined" && typeof window.matchMedia === "function"
        ? window.matchMedia("(forced-colors: active)")
        : null;
  } catch {
    query = null;
  }
  query?.addEventListener?.("change", check);
  return () => {
    clearInterval(timer);
    query?.removeEventListener?.("change", check);
  };
}
