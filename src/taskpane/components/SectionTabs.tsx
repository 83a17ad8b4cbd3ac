import * as React from "react";
import { makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { SelectSection } from "./handlers";

const useStyles = makeStyles({
  list: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalXXS,
    rowGap: tokens.spacingVerticalXXS,
  },
  tab: {
    appearance: "none",
    border: "none",
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    backgroundColor: "transparent",
    color: tokens.colorNeutralForeground2,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    padding: `${tokens.spacingVerticalSNudge} ${tokens.spacingHorizontalS}`,
    cursor: "pointer",
    borderRadius: `${tokens.borderRadiusMedium} ${tokens.borderRadiusMedium} 0 0`,
    ":hover": {
      backgroundColor: tokens.colorSubtleBackgroundHover,
      color: tokens.colorNeutralForeground1,
    },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: `calc(-1 * ${tokens.strokeWidthThick})`,
    },
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
  },
});

export interface SectionTabsProps<S extends string> {
  readonly label: string;
  readonly sections: readonly S[];
  readonly names: Readonly<Record<S, string>>;
  readonly selected: S;
  readonly onSelect: SelectSection<S>;
}

/**
 * The pane's sections as tabs (WAI-ARIA tabs pattern): one Tab stop, the arrow keys (Home, End) move
 * to a section and show it. Written here rather than Fluent's TabList, whose focus helpers are
 * focusable elements hidden from screen readers (axe-core's `aria-hidden-focus`).
 */
export function SectionTabs<S extends string>({
  label,
  sections,
  names,
  selected,
  onSelect,
}: SectionTabsProps<S>): React.JSX.Element {
  const styles = useStyles();
  const list = React.useRef<HTMLDivElement>(null);
  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    const index = sections.indexOf(selected);
    const last = sections.length - 1;
    const next =
      e.key === "ArrowRight"
        ? index === last
          ? 0
          : index + 1
        : e.key === "ArrowLeft"
          ? index === 0
            ? last
            : index - 1
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    const section = sections[next];
    if (section === undefined) return;
    onSelect(section);
    list.current?.querySelectorAll<HTMLButtonElement>('[role="tab"]').item(next)?.focus();
  };
  return (
    <div ref={list} role="tablist" aria-label={label} className={styles.list} onKeyDown={onKeyDown}>
      {sections.map((s) => (
        <button
          key={s}
          type="button"
          role="tab"
          id={`onglet-${s}`}
          aria-controls={`section-${s}`}
          aria-selected={s === selected}
          tabIndex={s === selected ? 0 : -1}
          className={mergeClasses(styles.tab, s === selected && styles.selected)}
          onClick={() => onSelect(s)}
        >
          {names[s]}
        </button>
      ))}
    </div>
  );
}

/** The panel of a section: labelled by its tab (`SectionTabs` gives them their ids), hidden unless selected. */
export function SectionPanel({
  section,
  selected,
  className,
  children,
}: {
  readonly section: string;
  readonly selected: string;
  readonly className?: string;
  readonly children: React.ReactNode;
}): React.JSX.Element {
  return (
    <div
      role="tabpanel"
      id={`section-${section}`}
      aria-labelledby={`onglet-${section}`}
      hidden={section !== selected}
      className={className}
    >
      {children}
    </div>
  );
}
