/*
 * The index of every declared gradient, keyed by PyTorch's node name, in the
 * spirit of PyTorch's tools/autograd/derivatives.yaml. Each op declares its
 * forward, what it saves and its formulas once, in its own file (ops/*.ts);
 * this table only lists them, for the coverage test (every row is exercised
 * by gradcheck) and the docs. Nothing is registered on import: ops point at
 * their own declarations.
 */
import type { Rule } from './engine/node';
import * as ew from './ops/elementwise';
import * as views from './ops/views';
import * as red from './ops/reductions';
import * as linalg from './ops/linalg';
import * as bw from './ops/backward-ops';
import * as losses from './ops/losses';

/**
 * Every gradient rule of the package, keyed by PyTorch's node name (one row
 * per op, like `derivatives.yaml`). The engine calls `grads[i](grad, saved, i)`
 * for each input that needs a gradient.
 *
 * @example
 * ```ts
 * RULES.MulBackward0.grads.length; // 2: self and other
 * mul(x, y).gradFn!.rule === RULES.MulBackward0; // true
 * ```
 */
export const RULES = {
  // ---- arithmetic and elementwise (ops/elementwise.ts) ----
  AddBackward0: ew.AddBackward0,
  SubBackward0: ew.SubBackward0,
  RsubBackward1: ew.RsubBackward1,
  MulBackward0: ew.MulBackward0,
  DivBackward0: ew.DivBackward0,
  PowBackward0: ew.PowBackward0,
  PowBackward1: ew.PowBackward1,
  NegBackward0: ew.NegBackward0,
  AbsBackward0: ew.AbsBackward0,
  ExpBackward0: ew.ExpBackward0,
  LogBackward0: ew.LogBackward0,
  SqrtBackward0: ew.SqrtBackward0,
  ReciprocalBackward0: ew.ReciprocalBackward0,
  SinBackward0: ew.SinBackward0,
  CosBackward0: ew.CosBackward0,
  TanBackward0: ew.TanBackward0,
  AtanBackward0: ew.AtanBackward0,
  TanhBackward0: ew.TanhBackward0,
  SigmoidBackward0: ew.SigmoidBackward0,
  ReluBackward0: ew.ReluBackward0,
  LeakyReluBackward0: ew.LeakyReluBackward0,
  MaximumBackward0: ew.MaximumBackward0,
  MinimumBackward0: ew.MinimumBackward0,
  ClampBackward1: ew.ClampBackward1,
  ClampBackward0: ew.ClampBackward0,
  WhereBackward0: ew.WhereBackward0,
  SignBackward0: ew.SignBackward0,

  // ---- reductions (ops/reductions.ts) ----
  SumBackward0: red.SumBackward0,
  SumBackward1: red.SumBackward1,
  MeanBackward0: red.MeanBackward0,
  MeanBackward1: red.MeanBackward1,
  ProdBackward0: red.ProdBackward0,
  ProdBackward1: red.ProdBackward1,
  MaxBackward1: red.MaxBackward1,
  MinBackward1: red.MinBackward1,
  MaxBackward0: red.MaxBackward0,
  MinBackward0: red.MinBackward0,
  SoftmaxBackward0: red.SoftmaxBackward0,
  LogSoftmaxBackward0: red.LogSoftmaxBackward0,
  SumToSizeBackward0: red.SumToSizeBackward0,

  // ---- linear algebra (ops/linalg.ts) ----
  MmBackward0: linalg.MmBackward0,
  AddmmBackward0: linalg.AddmmBackward0,
  BmmBackward0: linalg.BmmBackward0,
  DotBackward0: linalg.DotBackward0,
  MvBackward0: linalg.MvBackward0,

  // ---- views and copies (ops/views.ts) ----
  ViewBackward0: views.ViewBackward0,
  ReshapeAliasBackward0: views.ReshapeAliasBackward0,
  UnsafeViewBackward0: views.UnsafeViewBackward0,
  UnsqueezeBackward0: views.UnsqueezeBackward0,
  SqueezeBackward0: views.SqueezeBackward0,
  SqueezeBackward1: views.SqueezeBackward1,
  SqueezeBackward3: views.SqueezeBackward3,
  TransposeBackward0: views.TransposeBackward0,
  TBackward0: views.TBackward0,
  PermuteBackward0: views.PermuteBackward0,
  ExpandBackward0: views.ExpandBackward0,
  SelectBackward0: views.SelectBackward0,
  SliceBackward0: views.SliceBackward0,
  CatBackward0: views.CatBackward0,
  StackBackward0: views.StackBackward0,
  CloneBackward0: views.CloneBackward0,
  ToCopyBackward0: views.ToCopyBackward0,

  // ---- the backward ops' own rules, double backward (ops/backward-ops.ts) ----
  SelectBackwardBackward0: bw.SelectBackwardBackward0,
  SliceBackwardBackward0: bw.SliceBackwardBackward0,
  ValueSelectingReductionBackwardBackward0: bw.ValueSelectingReductionBackwardBackward0,
  TanhBackwardBackward0: bw.TanhBackwardBackward0,
  SigmoidBackwardBackward0: bw.SigmoidBackwardBackward0,
  ThresholdBackwardBackward0: bw.ThresholdBackwardBackward0,
  LeakyReluBackwardBackward0: bw.LeakyReluBackwardBackward0,
  SoftmaxBackwardDataBackward0: bw.SoftmaxBackwardDataBackward0,
  LogSoftmaxBackwardDataBackward0: bw.LogSoftmaxBackwardDataBackward0,
  GatherBackward0: bw.GatherBackward0,

  // ---- scalar overloads PyTorch's C++ composites record, and the losses (ops/losses.ts) ----
  MulBackward1: losses.MulBackward1,
  DivBackward1: losses.DivBackward1,
  NllLossBackward0: losses.NllLossBackward0,
  NllLoss2DBackward0: losses.NllLoss2DBackward0,
  NllLossBackwardBackward0: losses.NllLossBackwardBackward0,
  NllLoss2DBackwardBackward0: losses.NllLoss2DBackwardBackward0,
  MseLossBackward0: losses.MseLossBackward0,
  MseLossBackwardBackward0: losses.MseLossBackwardBackward0,
  BinaryCrossEntropyBackward0: losses.BinaryCrossEntropyBackward0,
  BinaryCrossEntropyBackwardBackward0: losses.BinaryCrossEntropyBackwardBackward0,
} satisfies Record<string, Rule>;
