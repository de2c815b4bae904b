export const VERSION = '0.1.0';
/** The npm package (the name `cluster` belongs to an unrelated package); the command stays `cluster`. */
export const PACKAGE_NAME = 'sme-cluster';
