// electron-builder configuration: what goes into the Báo cáo 766 package and how the Windows installer behaves.
// Used by `electron-builder --config electron-builder.config.cjs` (release) and by scripts/package-check.ts.
'use strict';

/**
 * The files of the app inside resources/app.asar. Production dependencies (package.json "dependencies") are added
 * by electron-builder itself; the exclusions below also apply to them.
 */
const files = [
  'package.json',
  'out/main/**/*',
  'out/preload/**/*',
  'out/renderer/**/*',
  'assets/fonts/**/*',
  'assets/sample-report.json',
  // Never ship source maps, TypeScript sources or declarations, tests or docs of the dependencies.
  '!**/*.map',
  '!**/*.{ts,tsx,mts,cts}',
  '!**/{test,tests,__tests__,spec,__mocks__,coverage,bench,benchmark,example,examples}/**',
  '!**/*.{test,spec}.{js,cjs,mjs}',
  '!**/{.github,.vscode,.idea}/**',
  '!**/{tsconfig.json,tsconfig.*.json,.eslintrc*,.prettierrc*,.editorconfig,.travis.yml,.nycrc*}',
];

/** @type {import('electron-builder').Configuration} */
module.exports = {
  appId: 'vn.baocao766.app',
  productName: 'Báo cáo 766',
  copyright: 'Báo cáo 766',
  // The Electron of package.json's devDependencies, stated so that no build has to look it up or download a list.
  electronVersion: '45.5.0',
  // ASCII name of the executable (BaoCao766.exe); the shortcuts, the uninstall entry and the window keep the product
  // name with its diacritics. The per-user install folder is %LOCALAPPDATA%\Programs\bao-cao-766 (package name).
  executableName: 'BaoCao766',
  directories: {
    output: 'release',
    buildResources: 'build',
  },
  files,
  asar: true,
  // Nothing in the dependencies is native (exceljs, pdfkit, zod, electron-store… are plain JavaScript), so there
  // is nothing to rebuild against Electron's headers; package-check asserts that no .node file is packaged.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // Chromium's own strings (context menus, dialogs): Vietnamese, and English as the fallback Chromium needs.
  electronLanguages: ['vi', 'en-US'],
  // Production hardening of the Electron binary (flipped by @electron/fuses after packing).
  electronFuses: {
    runAsNode: false,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    // Electron loads the app only from app.asar, and only if the archive's header hash matches the one electron-builder
    // embeds in the executable (a Windows resource): a changed or swapped app.asar is refused at start.
    onlyLoadAppFromAsar: true,
    enableEmbeddedAsarIntegrityValidation: true,
    enableCookieEncryption: true,
    // The renderer comes from the app:// scheme (electron/security.ts), never file://, so file: needs no extra rights.
    grantFileProtocolExtraPrivileges: false,
  },
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
    // Not code-signed: Windows SmartScreen may warn once on the office PC (the README says what to click).
  },
  nsis: {
    // One click, per user: installs into %LOCALAPPDATA%\Programs without asking for administrator rights.
    oneClick: true,
    perMachine: false,
    allowElevation: false,
    packElevateHelper: false,
    // Vietnamese installer only (LCID 1066), no language choice. (multiLanguageInstaller must stay on: turned off,
    // electron-builder falls back to an English-only installer.)
    installerLanguages: ['vi_VN'],
    language: '1066',
    displayLanguageSelector: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'Báo cáo 766',
    uninstallDisplayName: 'Báo cáo 766',
    runAfterFinish: true,
    // The clerk's reports live in %APPDATA%; uninstalling (or updating) never deletes them.
    deleteAppDataOnUninstall: false,
    installerIcon: 'build/icon.ico',
    uninstallerIcon: 'build/icon.ico',
    // Refuses Windows older than 10 with a Vietnamese message (build/installer.nsh).
    include: 'build/installer.nsh',
    artifactName: 'Bao-cao-766-Setup-${version}-x64.${ext}',
  },
  linux: {
    // Only for scripts/package-check.ts (a `dir` build with a stand-in Electron); the app ships for Windows.
    target: [{ target: 'dir', arch: ['x64'] }],
    icon: 'build/icons',
    category: 'Office',
  },
  publish: null,
};
