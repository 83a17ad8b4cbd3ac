import type { CellStyle, StyleName } from "./model";

/** Colours of the statuses (fill, font), shared by the conditional formats and the legend. */
export const STATUS_COLORS = {
  atteint: { fill: "C6EFCE", color: "006100" },
  non_atteint: { fill: "FFC7CE", color: "9C0006" },
  en_cours: { fill: "FFEB9C", color: "7F6000" },
  a_renseigner: { fill: "EDEDED", color: "404040" },
  saisie_invalide: { fill: "F4B183", color: "7F1D00" },
  qualitatif: { fill: "DDEBF7", color: "1F4E79" },
} as const;

/** Input cells look different from computed cells: pale yellow with a border, unlocked. */
export const INPUT_FILL = "FFF9E1";
export const COMPUTED_FILL = "F2F2F2";
export const HEADER_FILL = "1F5C99";
export const GANTT_FILL = "2E75B6";
export const TODAY_FILL = "FFC000";

export const STYLES: Readonly<Record<StyleName, CellStyle>> = {
  title: { bold: true, size: 16, color: "1F3864" },
  subtitle: { italic: true, size: 11, color: "404040" },
  heading: { bold: true, size: 12, color: "1F3864", fill: "DDEBF7" },
  header: {
    bold: true,
    color: "FFFFFF",
    fill: HEADER_FILL,
    wrap: true,
    vertical: "middle",
    border: "thin",
  },
  text: { vertical: "top", border: "thin" },
  textWrap: { vertical: "top", wrap: true, border: "thin" },
  input: { fill: INPUT_FILL, border: "thin", unlocked: true, vertical: "top" },
  inputWrap: { fill: INPUT_FILL, border: "thin", unlocked: true, wrap: true, vertical: "top" },
  computed: { fill: COMPUTED_FILL, border: "thin", vertical: "top" },
  status: {
    fill: COMPUTED_FILL,
    border: "thin",
    bold: true,
    horizontal: "center",
    vertical: "top",
  },
  link: { color: "0563C1", underline: true },
  note: { italic: true, color: "595959", wrap: true, vertical: "top" },
  legendInput: { fill: INPUT_FILL, border: "thin" },
  legendComputed: { fill: COMPUTED_FILL, border: "thin" },
  gantt: { border: "thin", horizontal: "center" },
};
