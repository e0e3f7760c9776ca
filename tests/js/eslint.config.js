// ESLint for every JavaScript file in the repository. From the repository root:
//   npx --prefix tests/js eslint --config tests/js/eslint.config.js .
// Correctness and safety rules only, no formatting rules. With --config, ESLint resolves the
// patterns below against the working directory: run it from the repository root.
const js = require("@eslint/js");
const globals = require("globals");

// The house rule for text from pages and from the backend: build DOM nodes and set textContent,
// never hand a string to the HTML parser. Reading innerHTML/outerHTML stays allowed.
const HTML_SINK = "Build DOM nodes and set textContent; never parse strings as HTML.";
const noHtmlSinks = [
  "error",
  { selector: "AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]", message: HTML_SINK },
  { selector: "AssignmentExpression > MemberExpression.left[property.value=/^(innerHTML|outerHTML)$/]", message: HTML_SINK },
  { selector: "CallExpression > MemberExpression.callee[property.name='insertAdjacentHTML']", message: HTML_SINK },
  { selector: "CallExpression > MemberExpression.callee[property.name=/^(write|writeln)$/][object.name='document']", message: HTML_SINK },
  { selector: "CallExpression > MemberExpression.callee[property.name=/^(write|writeln)$/][object.property.name='document']", message: HTML_SINK },
];

module.exports = [
  // Not ours, or not source: dependencies, virtual environments, build output (node_modules/ and
  // .git/ are ESLint's own defaults).
  { ignores: [".venv/", "venv/", "build/", "dist/", "**/*.egg-info/"] },

  js.configs.recommended,
  {
    // A disable comment that no longer hides anything fails the run too.
    linterOptions: { reportUnusedDisableDirectives: "error", reportUnusedInlineConfigs: "error" },
    rules: {
      "no-unused-vars": ["error", { args: "after-used" }],
      eqeqeq: ["error", "smart"],
      "no-var": "error",
      "prefer-const": "error",
      "no-eval": "error",
      "no-implied-eval": "error",
      "no-new-func": "error",
      "no-restricted-syntax": noHtmlSinks,
    },
  },

  // The extension: classic scripts (manifest.json loads them in order, none is a module). Content
  // scripts and the options page share state only through globalThis.InquiryLens; the one bare
  // cross-file name, ILBackend, is declared with /* exported */ and /* global */ where it lives.
  {
    files: ["extension/**/*.js"],
    languageOptions: {
      sourceType: "script",
      globals: { ...globals.browser, ...globals.webextensions },
    },
  },
  // The background: Chrome's service worker (importScripts) and Firefox's background scripts.
  {
    files: ["extension/background/*.js"],
    languageOptions: { globals: { ...globals.serviceworker } },
  },

  // Scripts run in web pages: the e2e timing probe and the backend's demo pages (wherever the
  // backend keeps its static folder).
  {
    files: ["tests/e2e/*.js", "backend/**/static/demo/*.js"],
    languageOptions: { sourceType: "script", globals: { ...globals.browser } },
  },

  // Node tools (CommonJS), this file included.
  {
    files: ["tests/js/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { ...globals.node } },
  },
];
