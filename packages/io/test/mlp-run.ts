/*
 * The gradlab side of the PyTorch round trip: a small MLP trained for a few
 * Adam steps from a fixed seed. scripts/fixtures/gen_io_gradlab.ts saves its
 * checkpoint (read by PyTorch in scripts/fixtures/gen_io.py); the tests run it
 * again and check that serialize still writes those very bytes.
 */
import { manualSeed, randn, type Tensor } from '@gradlab/autograd';
import { mseLoss } from '@gradlab/losses';
import { Linear, Module, ReLU, Sequential } from '@gradlab/nn';
import { Adam } from '@gradlab/optim';

/** `self.layers = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2))`: keys `layers.0.weight`, ... */
export class Mlp extends Module {
  layers: Sequential;

  constructor() {
    super();
    this.layers = new Sequential(new Linear(3, 4), new ReLU(), new Linear(4, 2));
  }

  forward(x: Tensor): Tensor {
    return this.layers.forward(x);
  }
}

export const LEARNING_RATE = 0.05;

/** One Adam step on mse(model(x), y); returns the loss. */
export function trainStep(model: Mlp, optimizer: Adam, x: Tensor, y: Tensor): number {
  optimizer.zeroGrad();
  const loss = mseLoss(model.call(x), y);
  loss.backward();
  optimizer.step();
  return loss.item();
}

/** Seed 0, data x [8, 3] and y [8, 2] from randn, then the model, then `steps` Adam steps. */
export function gradlabRun(steps = 3): { model: Mlp; optimizer: Adam; x: Tensor; y: Tensor; losses: number[] } {
  manualSeed(0);
  const x = randn([8, 3]);
  const y = randn([8, 2]);
  const model = new Mlp();
  const optimizer = new Adam(model.parameters(), { lr: LEARNING_RATE });
  const losses = Array.from({ length: steps }, () => trainStep(model, optimizer, x, y));
  return { model, optimizer, x, y, losses };
}
