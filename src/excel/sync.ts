import { HostError, type HostErrorCode } from '../host/index.js';

export const READ_FAILED = '读取工作表失败。';

/** context.sync(), with Excel's failure turned into a typed HostError with a Chinese message. */
export async function syncOr(context: Excel.RequestContext, code: HostErrorCode, message: string): Promise<void> {
  try {
    await context.sync();
  } catch (cause) {
    throw new HostError(code, message, { cause });
  }
}
