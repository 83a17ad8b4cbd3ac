// Lint with the Office add-in configuration, plus the project's dependency rule:
// the domain (plan, targets, engine, sheet layouts) is pure TypeScript and imports
// nothing from Office, React, the DOM, exceljs or Node's I/O.
import officeAddins from "eslint-plugin-office-addins";
import tseslint from "typescript-eslint";
import globals from "globals";

const hostModules = [
  "react",
  "react-dom",
  "react/*",
  "@fluentui/*",
  "exceljs",
  "office-*",
  "@microsoft/office-js",
  "node:*",
  "fs",
  "fs/*",
  "path",
  "os",
  "child_process",
  "crypto",
  "http",
  "https",
  "stream",
  "worker_threads",
];

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
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: hostModules,
              message: "Le domaine est pur : pas d'Office, React, DOM, exceljs ni d'E/S Node ici.",
            },
            {
              group: ["**/cli/*", "**/taskpane/*", "**/office/*", "**/xlsx/*"],
              message: "Le domaine ne dépend pas des adaptateurs.",
            },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...[
          "window",
          "document",
          "Office",
          "Excel",
          "OfficeExtension",
          "process",
          "require",
          "Buffer",
          "localStorage",
          "fetch",
        ].map((name) => ({
          name,
          message: "Le domaine est pur : pas d'hôte (DOM, Office, Node) ici.",
        })),
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
