// Builds the task pane bundle and copies the manifest and icons (webpack.config stays in JavaScript: see TOOLCHAIN).
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const path = require("path");
const { deploymentUrl, manifestFor } = require("./build/manifest.cjs");

// The https certificate of the dev server (only when serving; `office-addin-dev-certs install` sets it up).
const devCerts = async () => {
  try {
    return await require("office-addin-dev-certs").getHttpsServerOptions();
  } catch (e) {
    console.warn(`Certificat https de développement indisponible : ${e.message}`);
    return undefined;
  }
};

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  // `npm run build -- --env url=https://…/` (or CTG_ADDIN_URL): the manifest points at the deployment.
  const rawUrl = env.url || process.env.CTG_ADDIN_URL;
  let deployment = null;
  if (rawUrl && !dev) {
    const checked = deploymentUrl(rawUrl);
    if (!checked.ok) throw new Error(`npm run build : ${checked.reason}`);
    deployment = checked.url;
  } else if (!dev && !env.WEBPACK_SERVE) {
    console.warn(
      "npm run build : pas d'adresse de déploiement (--env url=https://… ou CTG_ADDIN_URL) ; le manifeste de dist/addin pointe sur https://localhost:3000/."
    );
  }
  return {
    devtool: dev ? "source-map" : false,
    entry: { taskpane: "./src/entry/taskpane.tsx" },
    output: {
      path: path.resolve(__dirname, "dist", "addin"),
      filename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".json"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // ES modules (tsconfig.taskpane.json) so that webpack drops the unused parts of Fluent UI.
            options: { configFile: "tsconfig.taskpane.json", transpileOnly: true },
          },
        },
      ],
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              deployment ? manifestFor(content.toString(), deployment) : content,
          },
          { from: "src/taskpane/aide.html", to: "aide.html" },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: {
        type: "https",
        options: env.WEBPACK_SERVE ? await devCerts() : undefined,
      },
      port: 3000,
    },
  };
};
