import * as React from "react";
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { planSummary } from "./planSummary";
import { PlanSchema } from "../domain/plan/schema";
import embeddedPlan from "../../seeds/pays-segali-2021-2025.json";

const plan = planSummary(PlanSchema.parse(embeddedPlan));

function render(hostMessage: string | null): void {
  const container = document.getElementById("container");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App plan={plan} hostMessage={hostMessage} />
    </FluentProvider>
  );
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => {
    render(
      info.host === Office.HostType.Excel
        ? null
        : "Ouvrez ce complément dans Excel pour travailler sur un classeur."
    );
  });
} else {
  render("Office n'est pas disponible : ouvrez ce complément dans Excel.");
}
