import { CliError } from '../errors.js';

// Placeholder while the command is being built; replaced by its implementation.
export async function summaryCommand(..._args: unknown[]): Promise<number> {
  throw new CliError({ zh: '该命令尚未实现', en: 'this command is not implemented yet' });
}
