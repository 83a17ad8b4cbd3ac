import * as React from "react";

/**
 * Moves the focus to an action's result once it is shown: `token` grows each time the user acts
 * (0 before any action), `target` finds the element to focus (a message, the first problem, a list).
 * A component mounted after the action (loaded lazily) still focuses its result on mount.
 */
export function useFocusAfter(token: number, target: () => HTMLElement | null): void {
  const handled = React.useRef(0);
  const find = React.useRef(target);
  find.current = target;
  React.useEffect(() => {
    if (token <= handled.current) return;
    const element = find.current();
    if (!element) return;
    handled.current = token;
    element.focus();
  });
}
