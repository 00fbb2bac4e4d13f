import { describe, expect, it } from 'vitest';
import { instructorKit } from './kit';

describe('instructorKit', () => {
  it('writes the key and a handout per student, with blank graphs and nothing of the solutions in the handouts', async () => {
    const files = await instructorKit(['Francesco Tomba', 'Grace Hopper', 'Élie Cartan', 'elie cartan']);
    expect([...files.keys()]).toEqual([
      'README.txt',
      'answer-key.csv',
      'answer-key-cells.csv',
      'answer-key.json',
      'answer-key.html',
      'handouts.html',
      'handouts.tex',
      'handouts/francesco-tomba.html',
      'handouts/francesco-tomba.tex',
      'handouts/grace-hopper.html',
      'handouts/grace-hopper.tex',
      'handouts/elie-cartan.html',
      'handouts/elie-cartan.tex',
      'handouts/elie-cartan-2.html',
      'handouts/elie-cartan-2.tex',
    ]);
    const handout = files.get('handouts/francesco-tomba.html')!;
    expect(handout).toContain('<svg');
    expect(handout).toContain('v5 = v2 &#45; v4');
    expect(handout).not.toMatch(/1\.3734|35\.708|-1\.37/);
    expect(handout).not.toContain('<?xml');
    expect(files.get('handouts.tex')!.match(/\\begin\{tikzpicture\}/g)).toHaveLength(4);
    expect(files.get('answer-key.csv')!.split('\n')).toHaveLength(4 + 2);
    expect(files.get('README.txt')).toContain('within one unit of its 3rd significant digit');
  });

  it('can leave the graphs out (room to draw them instead)', async () => {
    const files = await instructorKit(['Q'], { graphs: false });
    expect(files.get('handouts/q.html')).toContain('Draw the computational graph here.');
    expect(files.get('handouts/q.tex')).not.toContain('tikzpicture');
  });
});
