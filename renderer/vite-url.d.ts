// Type of Vite's "?url" imports (the bundled pdf.js worker's URL), as tsconfig.web.json loads no Vite client types.
declare module '*?url' {
  const url: string;
  export default url;
}
