import { ValueError } from '@gradlab/tensor';

import { describeValue, type Optimizer } from '../optimizer';
import { lastEpochOption, LRScheduler, type SchedulerStateDict } from './lr-scheduler';

/** A factor of the initial learning rate for an epoch. */
export type LrLambda = (epoch: number) => number;

/** Options of {@link LambdaLR}. */
export interface LambdaLROptions {
  /** One function for every group, or one per group (required). */
  lrLambda: LrLambda | readonly LrLambda[];
  /** -1 starts the schedule; larger resumes it (default -1). */
  lastEpoch?: number;
}

/**
 * Sets each group's learning rate to its initial value times `lrLambda(epoch)`,
 * as `torch.optim.lr_scheduler.LambdaLR`. As PyTorch with plain functions, the
 * state keeps `lrLambdas: [null, ...]`: functions are not saved.
 *
 * @example
 * ```ts
 * const scheduler = new LambdaLR(optimizer, { lrLambda: (epoch) => 0.95 ** epoch });
 * ```
 */
export class LambdaLR extends LRScheduler {
  /** One factor function per group. */
  readonly lrLambdas: LrLambda[];

  constructor(optimizer: Optimizer<object>, options: LambdaLROptions) {
    super('LambdaLR', optimizer, lastEpochOption('LambdaLR', options));
    const groups = this.groups.length;
    const given = options.lrLambda;
    const lambdas = Array.isArray(given) ? [...(given as LrLambda[])] : Array.from({ length: groups }, () => given as LrLambda);
    if (lambdas.length !== groups) throw new ValueError('INVALID_ARGUMENT', `LambdaLR: Expected ${groups} lr_lambdas, but got ${lambdas.length}`);
    lambdas.forEach((fn, i) => {
      if (typeof fn !== 'function') {
        throw new ValueError('INVALID_ARGUMENT', `LambdaLR: 'lrLambda' must be a function (epoch) => factor or one per group, got ${describeValue(fn)}${Array.isArray(given) ? ` at index ${i}` : ''}`);
      }
    });
    this.lrLambdas = lambdas;
    this.initialStep();
  }

  protected getLr(): number[] {
    return this.baseLrs.map((baseLr, i) => {
      const factor = this.lrLambdas[i]!(this.lastEpoch);
      if (typeof factor !== 'number') {
        throw new ValueError('INVALID_ARGUMENT', `LambdaLR: lrLambda[${i}](${this.lastEpoch}) must return a number, got ${describeValue(factor)}`);
      }
      return baseLr * factor;
    });
  }

  protected ownState(): SchedulerStateDict {
    return { lrLambdas: this.lrLambdas.map(() => null) };
  }

  protected restoreOwnState(): void {
    // the functions are the constructor's: nothing of theirs is saved
  }
}
