// Lint with the Office add-in configuration, plus the project's dependency rule (docs/architecture.md):
// the domain (plan, targets, engine, sheet layouts) is pure TypeScript and imports nothing from Office,
// React, the DOM, exceljs or Node; src/app holds the workflows the shells share; the shells (cli,
// taskpane, office, bench) never import each other.
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";
import globals from "globals";
import { builtinModules } from "node:module";

// Every Node built-in module, `node:`-prefixed or bare (`util`, `zlib`, `buffer`, `fs/promises`...):
// the bare names are matched exactly (a pattern `domain/*` would match our own `../domain/...`).
const nodeModules = ["node:*"];
const nodeBuiltins = builtinModules.map((name) => ({
  name,
  message: "Module de Node : interdit dans cette couche (voir docs/architecture.md).",
}));
const uiModules = ["react", "react-dom", "react/*", "react-dom/*", "@fluentui/*"];
const officeModules = ["office-*", "@microsoft/office-js", "@types/office-js"];
const fileFormatModules = ["exceljs", "jszip", "fflate", "saxes"];
const hostModules = [...uiModules, ...officeModules, ...fileFormatModules, ...nodeModules];

// The layers under src/, by folder. A relative import names the folder it reaches (`../office/read`,
// `../../office`, `../src/office/service`): each pattern matches the folder and what is in it.
// A layer outside one's own is reached through `..` (our folders `src/domain/messages/cli.ts` or
// `office.ts` are not the shells): `../cli`, `../../office/read`, `../src/office/service`...
const folder = (name) =>
  [1, 2, 3, 4].flatMap((depth) => {
    const up = "../".repeat(depth);
    return [`${up}${name}`, `${up}${name}/**`, `${up}src/${name}`, `${up}src/${name}/**`];
  });
const LAYERS = {
  domain: "src/domain",
  app: "src/app",
  xlsx: "src/xlsx",
  office: "src/office",
  fake: "src/fake-excel",
  taskpane: "src/taskpane",
  cli: "src/cli",
  node: "src/node",
  entry: "src/entry",
  docx: "src/docx",
};
const FOLDER_OF = {
  domain: "domain",
  app: "app",
  xlsx: "xlsx",
  office: "office",
  fake: "fake-excel",
  taskpane: "taskpane",
  cli: "cli",
  node: "node",
  entry: "entry",
  docx: "docx",
  bench: "bench",
  tools: "tools",
};

/**
 * What each layer may not import. The domain is pure; `src/app/` holds the workflows the shells
 * share; the shells (cli, taskpane, office, bench) never import each other: the composition roots
 * (`src/entry/`) put the task pane over the Office.js adapter.
 */
const FORBIDDEN = {
  domain: {
    node: true,
    modules: hostModules,
    layers: ["app", "xlsx", "office", "fake", "taskpane", "cli", "node", "entry", "bench", "tools"],
    message: "Le domaine est pur : il n'importe ni hôte, ni adaptateur, ni interface.",
  },
  app: {
    node: true,
    modules: [...uiModules, ...officeModules, ...nodeModules, "exceljs", "jszip"],
    layers: ["office", "fake", "taskpane", "cli", "node", "entry", "bench", "tools"],
    message:
      "src/app est partagé par la ligne de commande et le complément : ni Node, ni Office, ni React.",
  },
  xlsx: {
    node: true,
    modules: [...uiModules, ...officeModules, ...nodeModules],
    layers: ["app", "office", "fake", "taskpane", "cli", "node", "entry", "bench", "tools"],
    message:
      "L'adaptateur .xlsx rend le modèle du domaine et tourne aussi dans le volet : rien d'autre.",
  },
  office: {
    node: true,
    modules: [...uiModules, ...nodeModules, "exceljs", "jszip"],
    layers: ["xlsx", "fake", "taskpane", "cli", "node", "entry", "bench", "tools"],
    message: "L'adaptateur Office.js ne dépend que du domaine et de src/app.",
  },
  fake: {
    node: true,
    modules: [...uiModules, ...nodeModules],
    layers: ["app", "xlsx", "taskpane", "cli", "node", "entry", "bench", "tools"],
    message: "L'émulateur d'Excel ne connaît que l'interface de l'adaptateur Office.js.",
  },
  taskpane: {
    node: true,
    modules: [...officeModules, ...nodeModules, "exceljs", "jszip"],
    layers: ["xlsx", "office", "fake", "cli", "node", "entry", "bench", "tools"],
    message:
      "Le volet passe par src/app (son port) : jamais par l'adaptateur ni par une autre interface.",
  },
  cli: {
    modules: [...uiModules, ...officeModules],
    layers: ["office", "fake", "taskpane", "entry", "bench", "tools"],
    message: "La ligne de commande passe par src/app : jamais par une autre interface.",
  },
  docx: {
    node: true,
    modules: [...uiModules, ...officeModules, ...nodeModules, "exceljs"],
    layers: ["app", "xlsx", "office", "fake", "taskpane", "cli", "node", "entry", "bench", "tools"],
    message:
      "L'adaptateur .docx écrit le bilan du domaine et tourne aussi dans le volet : rien d'autre.",
  },
  node: {
    modules: [...uiModules, ...officeModules],
    layers: ["app", "xlsx", "office", "fake", "taskpane", "cli", "entry", "bench", "tools"],
    message: "src/node ne contient que des fichiers et Node.",
  },
  bench: {
    modules: [...uiModules],
    layers: ["office", "taskpane", "cli"],
    message: "Le banc de mesure passe par src/app ou par une racine de composition (src/entry).",
  },
};

const restrictions = Object.entries(FORBIDDEN).map(([layer, rule]) => ({
  files: layer === "bench" ? ["bench/**/*.{ts,tsx}"] : [`${LAYERS[layer]}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        ...(rule.node ? { paths: nodeBuiltins } : {}),
        patterns: [
          { group: rule.modules, message: rule.message },
          { group: rule.layers.flatMap((l) => folder(FOLDER_OF[l])), message: rule.message },
        ],
      },
    ],
  },
}));

// The @typescript-eslint plugin the Office config registers (for .ts); registered for .tsx too.
const tsPlugin = officeAddins.configs.recommended.find((c) => c.plugins?.["@typescript-eslint"])
  .plugins["@typescript-eslint"];

export default [
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "docs/**", "seeds/**"] },
  ...officeAddins.configs.react,
  {
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    plugins: { "@typescript-eslint": tsPlugin },
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: 2022,
      sourceType: "module",
      globals: {
        ...globals.browser,
        ...globals.node,
        Office: "readonly",
        Excel: "readonly",
        OfficeExtension: "readonly",
      },
    },
    rules: {
      // The Office config registers its own @typescript-eslint plugin: its rules are used here.
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "warn",
      "@typescript-eslint/consistent-type-imports": "error",
      "react/react-in-jsx-scope": "off",
    },
  },
  ...restrictions,
  {
    files: ["src/domain/**/*.{ts,tsx}"],
    rules: {
      // A module loaded at run time escapes the import rule: none in the domain (nor require()).
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportExpression",
          message: "Le domaine est pur : pas d'import dynamique.",
        },
        {
          selector: "TSImportType",
          message: "Le domaine est pur : pas de type importé dynamiquement.",
        },
      ],
      "no-restricted-globals": [
        "error",
        ...[
          "window",
          "self",
          "globalThis",
          "document",
          "navigator",
          "location",
          "fetch",
          "XMLHttpRequest",
          "WebSocket",
          "indexedDB",
          "localStorage",
          "sessionStorage",
          "Office",
          "Excel",
          "OfficeExtension",
          "process",
          "require",
          "module",
          "__dirname",
          "__filename",
          "Buffer",
        ].map((name) => ({
          name,
          message: "Le domaine est pur : pas d'hôte (DOM, Office, Node) ici.",
        })),
      ],
    },
  },
  {
    // The domain is plain TypeScript: a .tsx file (React) has no place in it.
    files: ["src/domain/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "Program", message: "Le domaine est pur : pas de fichier .tsx (React) ici." },
      ],
    },
  },
  {
    // The Office.js rules read exceljs code (`row.getCell(1).value`) as Office.js proxies: off where
    // no Office.js object can be.
    files: ["src/xlsx/**", "src/cli/**", "tools/**", "bench/**", "tests/**"],
    rules: {
      "office-addins/load-object-before-read": "off",
      "office-addins/call-sync-before-read": "off",
      "office-addins/call-sync-after-load": "off",
      "office-addins/no-context-sync-in-loop": "off",
      "office-addins/no-navigational-load": "off",
      "office-addins/test-for-null-using-isNullObject": "off",
    },
  },
  {
    files: ["tests/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.jest } },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
];
