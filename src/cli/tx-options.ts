/**
 * The `--tx` options `homolog validate` and `homolog terminology` share, apart
 * from the remote client itself so that `validate` without `--tx` loads none of it.
 */
import type { Command } from 'commander';
import { tm } from '../terminology/messages.js';
import { UsageError } from '../util/errors.js';
import type { Lang } from '../util/i18n.js';
import { positiveInt } from './options.js';

export interface TxOptions {
  tx?: string;
  txCache?: string;
  txTimeout?: number;
}

/** The options of a remote terminology server. */
export function addTxOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .option('--tx <url>', tm.helpTx()[lang])
    .option('--tx-cache <dir>', tm.helpTxCache()[lang])
    .option('--tx-timeout <ms>', tm.helpTxTimeout()[lang], positiveInt);
}

/** True with --tx; --tx-cache or --tx-timeout without it is a usage error. */
export function wantsRemote(opts: TxOptions): boolean {
  if (opts.tx) return true;
  if (opts.txCache !== undefined || opts.txTimeout !== undefined) throw new UsageError(tm.txNeedsTx());
  return false;
}
