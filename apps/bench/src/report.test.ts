import { describe, expect, it } from 'vitest';
import { evaluateTargets, formatMarkdown, formatTable, type Outcome } from './report';

const ok = (workload: Outcome['workload'], system: string, seconds: number, rssMiB = 100): Outcome => ({
  status: 'ok',
  workload,
  system,
  samples: [seconds * 1.1, seconds, seconds * 0.9],
  iterationsPerRepeat: 10,
  maxRssKiB: rssMiB * 1024,
  baselineRssKiB: 50 * 1024,
  maxScaledError: 1e-7,
  info: {},
});

describe('evaluateTargets', () => {
  it('compares medians and peak RSS with the factors of issue 7', () => {
    const outcomes: Outcome[] = [
      ok('W1', 'gradlab', 4e-6),
      ok('W1', 'js-pytorch', 21e-6), // 5.25x
      ok('W3', 'gradlab', 0.02, 120),
      ok('W3', 'tfjs-cpu', 0.09, 200), // 4.5x: missed
      ok('W3', 'js-pytorch', 0.4, 110), // 20x, but more memory for gradlab
    ];
    const targets = evaluateTargets(outcomes);
    const byText = new Map(targets.map((t) => [t.description, t]));
    expect(byText.get('W1: gradlab at least 5x faster than js-pytorch')).toMatchObject({ met: true, measured: '5.25x' });
    expect(byText.get('W3: gradlab at least 5x faster than tfjs-cpu')).toMatchObject({ met: false, measured: '4.50x' });
    expect(byText.get('W3: gradlab at least 10x faster than js-pytorch')?.met).toBe(true);
    expect(byText.get("W3: gradlab peak RSS lower than tfjs-cpu's")?.met).toBe(true);
    expect(byText.get("W3: gradlab peak RSS lower than js-pytorch's")?.met).toBe(false);
    // workloads that did not run have no targets
    expect(targets.some((t) => t.workload === 'W2')).toBe(false);
  });

  it('words factors below 1 as a share of the peer\'s speed (issue 17)', () => {
    const targets = evaluateTargets([ok('W3', 'gradlab', 0.006), ok('W3', 'pytorch-openblas', 0.004), ok('W3', 'gradlab-ts', 0.02)]);
    const byText = new Map(targets.map((t) => [t.description, t]));
    expect(byText.get('W3: gradlab at least 0.5x the speed of pytorch-openblas')).toMatchObject({ met: true, measured: '0.67x' });
    expect(byText.get('W3: gradlab at least 3x faster than gradlab-ts')).toMatchObject({ met: true, measured: '3.33x' });
  });

  it('says n/a when a side failed', () => {
    const targets = evaluateTargets([ok('W1', 'gradlab', 4e-6), { status: 'failed', workload: 'W1', system: 'js-pytorch', reason: 'wrong' }]);
    expect(targets).toEqual([{ workload: 'W1', description: 'W1: gradlab at least 5x faster than js-pytorch', met: null, measured: 'js-pytorch did not run' }]);
  });
});

describe('formatTable', () => {
  it('shows times in the unit of the workload, GFLOP/s for matmul, and failures', () => {
    const outcomes: Outcome[] = [
      ok('W1', 'gradlab', 4e-6),
      { status: 'failed', workload: 'W1', system: 'tfjs-cpu', reason: 'wrong result vs float64 reference: grad[0] = 1' },
      ok('W4-512', 'gradlab', (2 * 512 ** 3) / 6e9), // 6 GFLOP/s
      ok('W4-512', 'tfjs-cpu', (2 * 512 ** 3) / 1.5e9),
    ];
    const text = formatTable(outcomes, ['W1', 'W4-512'], ['gradlab', 'tfjs-cpu']);
    expect(text).toMatch(/gradlab +4\.00 +3\.60-4\.40 +1\.00x/);
    expect(text).toContain('tfjs-cpu    FAILED: wrong result vs float64 reference');
    expect(text).toMatch(/gradlab +6\.00/);
    expect(text).toMatch(/tfjs-cpu +1\.50 +1\.36-1\.67 +4\.00x/);
    expect(formatMarkdown(outcomes, ['W4-512'], ['gradlab', 'tfjs-cpu'])).toContain('| tfjs-cpu | 1.50 | 1.36-1.67 | 4.00x | 100 MB (50 MB) | 3x10 |');
  });
});
