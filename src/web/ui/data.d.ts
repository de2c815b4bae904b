// Supplied by scripts/build-web.mjs when it bundles the page (a virtual module).
declare module 'cluster-web-data' {
  export const profiles: Record<string, string>;
  export const coverage: Array<[number, number]>;
  export const validator: import('../../host.js').SchemaValidator;
  export const templateFile: string;
}
